package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;

class OutputQueueTest {
  private final OutputStats stats = new OutputStats(Clock.systemUTC());
  private final OutputQueue queue = new OutputQueue(10_000, 4_000_000, stats);

  private static QueuedPacket packet(boolean video, boolean key, int size, long dtsMillis) {
    AVPacket packet = av_packet_alloc();
    av_new_packet(packet, size);
    packet.dts(dtsMillis);
    return new QueuedPacket(packet, null, video ? 0 : 1, video, key, size, dtsMillis * 1000);
  }

  private List<Long> drain() throws InterruptedException {
    List<Long> dts = new ArrayList<>();
    QueuedPacket next;
    while ((next = queue.poll(0, TimeUnit.MILLISECONDS)) != null) {
      dts.add(next.dtsMicros() / 1000);
      next.free();
    }
    return dts;
  }

  @Test
  void keepsPacketsInOrderWhileTheOutputKeepsUp() throws Exception {
    queue.offer(packet(true, true, 100, 0));
    queue.offer(packet(false, false, 100, 10));
    queue.offer(packet(true, false, 100, 40));
    assertThat(queue.queuedBytes()).isEqualTo(300);
    assertThat(drain()).containsExactly(0L, 10L, 40L);
    assertThat(stats.droppedPackets()).isZero();
    assertThat(queue.queuedBytes()).isZero();
  }

  @Test
  void laggingMoreThanTheBudgetSkipsToTheNextKeyframe() throws Exception {
    for (long ms = 0; ms <= 4000; ms += 1000) {
      queue.offer(packet(true, ms == 0, 100, ms));
    }
    // 4.5 s behind the oldest queued packet: everything queued goes, and so does this delta frame.
    queue.offer(packet(true, false, 100, 4500));
    queue.offer(packet(false, false, 100, 4600));
    queue.offer(packet(true, true, 100, 5000));
    queue.offer(packet(false, false, 100, 5010));
    assertThat(drain()).containsExactly(5000L, 5010L);
    assertThat(stats.droppedPackets()).isEqualTo(7);
  }

  @Test
  void byteBudgetIsAlsoEnforced() throws Exception {
    queue.offer(packet(true, true, 6000, 0));
    queue.offer(packet(true, false, 6000, 40));
    assertThat(queue.queuedBytes()).isZero();
    queue.offer(packet(true, true, 6000, 80));
    assertThat(drain()).containsExactly(80L);
  }

  @Test
  void skipToKeyframeDropsStaleDataAndCloseRefusesMore() throws Exception {
    queue.offer(packet(true, true, 100, 0));
    queue.skipToKeyframe();
    queue.offer(packet(false, false, 100, 10));
    queue.offer(packet(true, true, 100, 40));
    assertThat(drain()).containsExactly(40L);
    queue.close();
    queue.offer(packet(true, true, 100, 80));
    assertThat(queue.poll(10, TimeUnit.MILLISECONDS)).isNull();
  }
}
