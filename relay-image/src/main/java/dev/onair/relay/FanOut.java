package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;

import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** Hands every input packet to every output's queue, each with its own reference to the data. */
final class FanOut {
  private final List<OutputPipeline> outputs;

  FanOut(List<OutputPipeline> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  void publish(AVPacket packet, StreamLayout layout, int track, long dtsMicros) {
    boolean video = layout.tracks().get(track).video();
    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
    int size = packet.size();
    for (OutputPipeline output : outputs) {
      // One reference per output: each muxer consumes (unrefs) what it is given.
      AVPacket own = av_packet_clone(packet);
      if (own != null) {
        output.queue().offer(new QueuedPacket(own, layout, track, video, key, size, dtsMicros));
      }
    }
  }
}
