package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** One output's own reference to an input packet, with what the output needs to know about it. */
record QueuedPacket(
    AVPacket packet,
    StreamLayout layout,
    int track,
    boolean video,
    boolean key,
    int size,
    long dtsMicros) {

  /** Drops this output's reference; the data lives on while other outputs still hold theirs. */
  void free() {
    av_packet_free(packet);
  }
}
