package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/** One connection to the encoder's MPEG-TS stream, read packet by packet without decoding. */
final class InputSession implements AutoCloseable {
  /** No data for this long counts as a lost input (microseconds). */
  static final long READ_TIMEOUT_MICROS = 5_000_000;

  private final AVFormatContext demuxer;
  private final AVPacket packet = av_packet_alloc();

  private InputSession(AVFormatContext demuxer) {
    this.demuxer = demuxer;
  }

  static InputSession open(String url, Path caFile, InterruptFlag abort) throws IOException {
    AVFormatContext demuxer = avformat_alloc_context();
    abort.attachTo(demuxer.interrupt_callback());
    AVDictionary options = new AVDictionary(null);
    av_dict_set(options, "rw_timeout", Long.toString(READ_TIMEOUT_MICROS), 0);
    if (url.regionMatches(true, 0, "https:", 0, 6)) {
      av_dict_set(options, "ca_file", caFile.toString(), 0);
      av_dict_set(options, "tls_verify", "1", 0);
    }
    int ret = avformat_open_input(demuxer, url, (AVInputFormat) null, options);
    av_dict_free(options);
    if (ret < 0) {
      // avformat_open_input frees the context on failure.
      throw FfmpegError.io("cannot open input", ret);
    }
    ret = avformat_find_stream_info(demuxer, (PointerPointer<?>) null);
    if (ret < 0) {
      avformat_close_input(demuxer);
      throw FfmpegError.io("cannot read input stream layout", ret);
    }
    return new InputSession(demuxer);
  }

  AVFormatContext context() {
    return demuxer;
  }

  /** The next packet (valid until the next call), or null at the end of the stream. */
  AVPacket read() throws IOException {
    av_packet_unref(packet);
    int ret = av_read_frame(demuxer, packet);
    if (ret == AVERROR_EOF) {
      return null;
    }
    if (ret < 0) {
      throw FfmpegError.io("input read failed", ret);
    }
    return packet;
  }

  @Override
  public void close() {
    av_packet_free(packet);
    avformat_close_input(demuxer);
  }
}
