package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One open connection to an endpoint: an FLV (RTMP/RTMPS) or MPEG-TS (SRT) muxer, no re-encoding.
 */
final class OutputSession implements AutoCloseable {
  private final AVFormatContext muxer;
  private final StreamLayout layout;
  // Looked up once: the write path runs per packet per output and should not allocate wrappers.
  private final AVRational[] inputTimeBases;
  private final AVRational[] outputTimeBases;
  private final AVIOContext io;
  private long reportedBytes;

  private OutputSession(AVFormatContext muxer, StreamLayout layout) {
    this.muxer = muxer;
    this.layout = layout;
    int tracks = layout.tracks().size();
    this.inputTimeBases = new AVRational[tracks];
    this.outputTimeBases = new AVRational[tracks];
    for (int i = 0; i < tracks; i++) {
      inputTimeBases[i] = layout.tracks().get(i).timeBase();
      // The muxer may have chosen its own time base in avformat_write_header (FLV: 1/1000).
      outputTimeBases[i] = muxer.streams(i).time_base();
    }
    this.io = muxer.pb();
  }

  /** Connects and writes the stream header; the interrupt flag aborts a hanging connect. */
  static OutputSession open(
      OutputTarget target, StreamLayout layout, Path caFile, int sendBufferKb, InterruptFlag abort)
      throws IOException {
    AVFormatContext muxer = new AVFormatContext(null);
    int ret = avformat_alloc_output_context2(muxer, null, target.muxer(), null);
    if (ret < 0) {
      throw FfmpegError.io("cannot create " + target.muxer() + " muxer", ret);
    }
    boolean opened = false;
    try {
      for (StreamLayout.Track track : layout.tracks()) {
        AVStream stream = avformat_new_stream(muxer, null);
        avcodec_parameters_copy(stream.codecpar(), track.parameters());
        stream.codecpar().codec_tag(0);
        stream.time_base(track.timeBase());
      }
      abort.attachTo(muxer.interrupt_callback());
      AVDictionary options = new AVDictionary(null);
      av_dict_set(
          options, "rw_timeout", Long.toString(OutputPipeline.WRITE_TIMEOUT.toNanos() / 1000), 0);
      if (sendBufferKb > 0) {
        // Bounds what the kernel queues for a slow endpoint, so a stall surfaces as a blocked
        // write (and a skip, then a reconnect) instead of megabytes of hidden socket buffer.
        av_dict_set(options, "send_buffer_size", Integer.toString(sendBufferKb * 1024), 0);
      }
      if (target.srtPassphrase() != null) {
        // An option of the SRT protocol, so the passphrase is in no URL that could be shown.
        av_dict_set(options, "passphrase", target.srtPassphrase(), 0);
      }
      if (target.scheme().equals("rtmps")) {
        av_dict_set(options, "ca_file", caFile.toString(), 0);
        av_dict_set(options, "tls_verify", "1", 0);
      }
      AVIOContext io = new AVIOContext(null);
      // The only place the key-bearing URL goes: FFmpeg's protocol layer.
      ret =
          avio_open2(io, target.publishUrl(), AVIO_FLAG_WRITE, muxer.interrupt_callback(), options);
      av_dict_free(options);
      if (ret < 0) {
        throw FfmpegError.io("cannot connect", ret);
      }
      muxer.pb(io);
      AVDictionary muxOptions = new AVDictionary(null);
      // Hand each packet to the socket at once: "bytes sent" then means bytes the endpoint
      // accepted.
      av_dict_set(muxOptions, "flush_packets", "1", 0);
      ret = avformat_write_header(muxer, muxOptions);
      av_dict_free(muxOptions);
      if (ret < 0) {
        throw FfmpegError.io("endpoint refused the stream header", ret);
      }
      opened = true;
      return new OutputSession(muxer, layout);
    } finally {
      if (!opened) {
        closeIo(muxer);
        avformat_free_context(muxer);
      }
    }
  }

  StreamLayout layout() {
    return layout;
  }

  /** Writes one packet (taking its reference) and returns how many more bytes the socket took. */
  long write(QueuedPacket queued) throws IOException {
    AVPacket packet = queued.packet();
    int track = queued.track();
    av_packet_rescale_ts(packet, inputTimeBases[track], outputTimeBases[track]);
    packet.stream_index(track);
    packet.pos(-1);
    int ret = av_interleaved_write_frame(muxer, packet);
    if (ret < 0) {
      throw FfmpegError.io("endpoint stopped accepting data", ret);
    }
    return takeAcceptedBytes();
  }

  private long takeAcceptedBytes() {
    long total = io.bytes_written();
    long delta = total - reportedBytes;
    reportedBytes = total;
    return delta;
  }

  /** Writes the trailer and closes the connection (RTMP sends its unpublish and deleteStream). */
  @Override
  public void close() {
    try {
      av_write_trailer(muxer);
    } finally {
      closeIo(muxer);
      avformat_free_context(muxer);
    }
  }

  private static void closeIo(AVFormatContext muxer) {
    AVIOContext io = muxer.pb();
    if (io != null && !io.isNull()) {
      avio_close(io);
      muxer.pb(null);
    }
  }
}
