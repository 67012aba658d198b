package dev.onair.encoder.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.encoder.status.EncoderStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TsFanOutTest {
  private static final int PMT_PID = 0x1000;
  private static final int VIDEO_PID = 0x100;

  /** PAT pointing at program 1 on PMT_PID. */
  static byte[] pat() {
    byte[] p = packet(0, true);
    int s = 5; // after header and pointer field
    p[4] = 0; // pointer field
    p[s] = 0x00; // table id
    p[s + 1] = (byte) 0xB0;
    p[s + 2] = 13; // section length
    p[s + 8] = 0;
    p[s + 9] = 1; // program 1
    p[s + 10] = (byte) (0xE0 | (PMT_PID >> 8));
    p[s + 11] = (byte) (PMT_PID & 0xFF);
    return p;
  }

  /** PMT with one H.264 stream on VIDEO_PID. */
  static byte[] pmt() {
    byte[] p = packet(PMT_PID, true);
    int s = 5;
    p[4] = 0;
    p[s] = 0x02;
    p[s + 1] = (byte) 0xB0;
    p[s + 2] = 18; // 9 fixed + 5 stream + 4 CRC
    p[s + 10] = (byte) 0xF0;
    p[s + 11] = 0; // no program info
    p[s + 12] = 0x1B;
    p[s + 13] = (byte) (0xE0 | (VIDEO_PID >> 8));
    p[s + 14] = (byte) (VIDEO_PID & 0xFF);
    p[s + 15] = (byte) 0xF0;
    p[s + 16] = 0;
    return p;
  }

  static byte[] video(boolean keyframe, byte marker) {
    byte[] p = packet(VIDEO_PID, keyframe);
    if (keyframe) {
      p[3] = 0x30; // adaptation field + payload
      p[4] = 1;
      p[5] = 0x40; // random access indicator
    }
    p[187] = marker;
    return p;
  }

  /** The first packet of a video PES (a picture) presented at {@code pts} on the 90 kHz clock. */
  static byte[] picture(boolean keyframe, long pts, byte marker) {
    byte[] p = video(keyframe, marker);
    p[1] |= 0x40; // payload unit start
    int s = keyframe ? 6 : 4;
    byte[] pes = {0, 0, 1, (byte) 0xE0, 0, 0, (byte) 0x80, (byte) 0x80, 5};
    System.arraycopy(pes, 0, p, s, pes.length);
    int t = s + pes.length;
    p[t] = (byte) (0x21 | ((pts >> 29) & 0x0E));
    p[t + 1] = (byte) (pts >> 22);
    p[t + 2] = (byte) (((pts >> 14) & 0xFE) | 1);
    p[t + 3] = (byte) (pts >> 7);
    p[t + 4] = (byte) (((pts << 1) & 0xFE) | 1);
    return p;
  }

  static TsFanOut fanOut(long maxQueued, LastCut lastCut) {
    return new TsFanOut(maxQueued, new EncoderStatus(Clock.systemUTC(), 2, 2), 30, lastCut);
  }

  /** Serves one reader on its own thread until the fan-out closes; returns what it received. */
  static ByteArrayOutputStream joinReader(TsFanOut fanOut, CountDownLatch done)
      throws InterruptedException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    int before = fanOut.readerCount();
    Thread reader =
        new Thread(
            () -> {
              fanOut.serve(received, () -> {});
              done.countDown();
            });
    reader.start();
    while (fanOut.readerCount() == before) {
      Thread.sleep(5);
    }
    return received;
  }

  static byte[] packet(int pid, boolean payloadStart) {
    byte[] p = new byte[188];
    p[0] = 0x47;
    p[1] = (byte) ((payloadStart ? 0x40 : 0) | (pid >> 8));
    p[2] = (byte) (pid & 0xFF);
    p[3] = 0x10;
    return p;
  }

  static byte[] concat(byte[]... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : packets) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void aNewReaderStartsWithPatPmtAndAKeyframeEvenWhenWritesSplitPackets() throws Exception {
    TsFanOut fanOut = fanOut(1 << 20, new LastCut());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    CountDownLatch done = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              fanOut.serve(received, () -> {});
              done.countDown();
            });
    reader.start();
    while (fanOut.readerCount() == 0) {
      Thread.sleep(5);
    }
    byte[] stream =
        concat(pat(), pmt(), video(false, (byte) 1), video(true, (byte) 2), video(false, (byte) 3));
    // Odd-sized writes, as the muxer's I/O buffer produces them.
    for (int offset = 0; offset < stream.length; offset += 100) {
      fanOut.write(stream, offset, Math.min(100, stream.length - offset));
    }
    Thread.sleep(200);
    fanOut.close();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

    byte[] out = received.toByteArray();
    assertThat(out.length % 188).isZero();
    // PAT, PMT, then the keyframe packet: the non-key packet before it is skipped.
    assertThat(out).hasSize(4 * 188);
    assertThat(out[1 + 188] & 0x1F).isEqualTo(PMT_PID >> 8);
    assertThat(out[2 * 188 + 187]).isEqualTo((byte) 2);
    assertThat(out[3 * 188 + 187]).isEqualTo((byte) 3);
  }

  @Test
  void aReaderArrivingAfterTheSourceTookOverSkipsTheSlateKeyframeTheEncoderStillHeld()
      throws Exception {
    LastCut lastCut = new LastCut();
    TsFanOut fanOut = fanOut(1 << 20, lastCut);
    long start = 1_260_000; // 14 s: any clock origin, as the muxer picks its own
    fanOut.write(concat(pat(), pmt()));
    // The source took over at output frame 5; the slate's keyframe 0 was still in the encoder.
    lastCut.cutAt(5);
    CountDownLatch done = new CountDownLatch(1);
    ByteArrayOutputStream received = joinReader(fanOut, done);
    fanOut.write(picture(true, start, (byte) 1)); // slate, frame 0
    fanOut.write(picture(false, start + 5 * 3000, (byte) 2)); // source, frame 5
    fanOut.write(picture(true, start + 60 * 3000, (byte) 3)); // source keyframe, frame 60
    fanOut.write(picture(false, start + 61 * 3000, (byte) 4));
    Thread.sleep(200);
    fanOut.close();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

    byte[] out = received.toByteArray();
    assertThat(out).hasSize(4 * 188);
    assertThat(out[2 * 188 + 187]).as("first picture").isEqualTo((byte) 3);
    assertThat(out[3 * 188 + 187]).isEqualTo((byte) 4);
  }

  @Test
  void keyframesAreToldApartAcrossTheWrapOfThe33BitClock() throws Exception {
    LastCut lastCut = new LastCut();
    TsFanOut fanOut = fanOut(1 << 20, lastCut);
    long wrap = 1L << 33;
    long start = wrap - 30 * 3000; // the clock wraps one second in
    fanOut.write(concat(pat(), pmt(), picture(true, start, (byte) 1)));
    for (int frame = 1; frame < 60; frame++) {
      fanOut.write(picture(false, (start + frame * 3000L) % wrap, (byte) 0));
    }
    // The keyframe at frame 60 (after the wrap) is before a cut at 61; the one at 120 is not.
    lastCut.cutAt(61);
    CountDownLatch done = new CountDownLatch(1);
    ByteArrayOutputStream received = joinReader(fanOut, done);
    fanOut.write(picture(true, (start + 60 * 3000L) % wrap, (byte) 2));
    fanOut.write(picture(true, (start + 120 * 3000L) % wrap, (byte) 3));
    Thread.sleep(200);
    fanOut.close();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

    byte[] out = received.toByteArray();
    assertThat(out).hasSize(3 * 188);
    assertThat(out[2 * 188 + 187]).as("first picture").isEqualTo((byte) 3);
  }

  @Test
  void aReaderThatStopsReadingIsDroppedWithoutBlockingTheWriter() throws Exception {
    TsFanOut fanOut = fanOut(64 * 1024, new LastCut());
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            blocked.countDown();
            try {
              closed.await(); // like a socket write to a peer that never reads
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("closed");
          }
        };
    Thread reader = new Thread(() -> fanOut.serve(stuck, closed::countDown));
    reader.start();
    while (fanOut.readerCount() == 0) {
      Thread.sleep(5);
    }
    fanOut.write(concat(pat(), pmt(), video(true, (byte) 0)));
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    byte[] chunk = concat(video(false, (byte) 0), video(false, (byte) 0));
    for (int i = 0; i < 1000; i++) {
      fanOut.write(chunk);
    }
    // 376 KB written while the reader was stuck: the writer never waited for it.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    assertThat(closed.await(5, TimeUnit.SECONDS)).as("connection closed").isTrue();
    reader.join(5_000);
    assertThat(fanOut.readerCount()).isZero();
  }
}
