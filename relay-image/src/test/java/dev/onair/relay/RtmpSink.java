package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * A local RTMP (or SRT) endpoint: an FFmpeg listen-mode grabber that records every packet it
 * receives (kind, dts in ms, keyframe, arrival time), one list per publishing session.
 */
public final class RtmpSink implements AutoCloseable {
  /** One received packet. */
  record Received(boolean video, long dtsMillis, boolean key, long arrivalNanos) {}

  private final int port;
  private final String format;
  private final String url;
  private final List<List<Received>> sessions = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private final java.util.concurrent.atomic.AtomicInteger ended =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean running = true;

  public static RtmpSink rtmp() throws IOException {
    int port = freePort();
    return new RtmpSink(port, "flv", "rtmp://127.0.0.1:" + port + "/live/sink");
  }

  static RtmpSink srt() throws IOException {
    int port = freePort();
    return new RtmpSink(port, "mpegts", "srt://127.0.0.1:" + port + "?mode=listener");
  }

  /** An SRT listener that admits only callers with {@code passphrase}. */
  static RtmpSink srt(String passphrase) throws IOException {
    int port = freePort();
    return new RtmpSink(
        port,
        "mpegts",
        "srt://127.0.0.1:" + port + "?mode=listener&pbkeylen=16&passphrase=" + passphrase);
  }

  private RtmpSink(int port, String format, String url) {
    this.port = port;
    this.format = format;
    this.url = url;
    thread = new Thread(this::listenLoop, "sink-" + port);
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return port;
  }

  private void listenLoop() {
    while (running) {
      FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
      grabber.setFormat(format);
      if (format.equals("flv")) {
        grabber.setOption("listen", "1");
        grabber.setOption("timeout", "2"); // seconds, for rtmp listen
      } else {
        grabber.setOption("listen_timeout", "2000000");
      }
      List<Received> session = new CopyOnWriteArrayList<>();
      try {
        // startUnsafe: start() takes a JVM-wide lock, and two listening grabbers would deadlock.
        grabber.startUnsafe();
        sessions.add(session);
        AVPacket packet;
        while (running && (packet = grabber.grabPacket()) != null) {
          long now = System.nanoTime();
          AVStream stream = grabber.getFormatContext().streams(packet.stream_index());
          int type = stream.codecpar().codec_type();
          if (type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO) {
            continue;
          }
          long dtsMillis =
              packet.dts() * 1000L * stream.time_base().num() / stream.time_base().den();
          session.add(
              new Received(
                  type == AVMEDIA_TYPE_VIDEO,
                  dtsMillis,
                  (packet.flags() & AV_PKT_FLAG_KEY) != 0,
                  now));
        }
        ended.incrementAndGet();
      } catch (Exception e) {
        // listen timed out, or the publisher went away
      } finally {
        try {
          grabber.releaseUnsafe();
        } catch (Exception e) {
          // nothing to release
        }
      }
    }
  }

  /** Sessions that ended with the publisher closing the stream (not a listen timeout). */
  int endedSessions() {
    return ended.get();
  }

  List<List<Received>> sessions() {
    return new ArrayList<>(sessions);
  }

  List<Received> all() {
    List<Received> all = new ArrayList<>();
    sessions.forEach(all::addAll);
    return all;
  }

  public long videoPackets() {
    return all().stream().filter(Received::video).count();
  }

  public long audioPackets() {
    return all().stream().filter(r -> !r.video()).count();
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    running = false;
  }
}
