package dev.onair.relay;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between the input reader and one output.
 *
 * <p>The reader never waits here: when an output lags so far that its queue would hold more than
 * its media-time or byte budget, everything queued is dropped and the output resumes at the next
 * video keyframe, so a slow endpoint costs a skip instead of memory or the other outputs' pace.
 */
final class OutputQueue {
  private final long capacityBytes;
  private final long maxLagMicros;
  private final ArrayDeque<QueuedPacket> packets = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private long queuedBytes;
  private boolean skipToKeyframe;
  private final OutputStats stats;
  private boolean closed;

  OutputQueue(long capacityBytes, long maxLagMicros, OutputStats stats) {
    this.stats = stats;
    this.capacityBytes = capacityBytes;
    this.maxLagMicros = maxLagMicros;
  }

  /** Takes ownership of {@code packet}: queues it, or frees it when it must be skipped. */
  void offer(QueuedPacket packet) {
    lock.lock();
    try {
      if (closed) {
        packet.free();
        return;
      }
      if (queuedBytes + packet.size() > capacityBytes || lagMicros(packet) > maxLagMicros) {
        stats.dropped(packets.size());
        clearLocked();
        skipToKeyframe = true;
      }
      if (skipToKeyframe && !(packet.video() && packet.key())) {
        stats.dropped(1);
        packet.free();
        return;
      }
      skipToKeyframe = false;
      packets.addLast(packet);
      queuedBytes += packet.size();
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The next packet, or null when none arrived within the timeout or the queue is closed. */
  QueuedPacket poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (packets.isEmpty() && !closed) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      QueuedPacket packet = packets.pollFirst();
      if (packet != null) {
        queuedBytes -= packet.size();
      }
      return packet;
    } finally {
      lock.unlock();
    }
  }

  /** Drops what is queued and resumes at the next video keyframe. */
  void skipToKeyframe() {
    lock.lock();
    try {
      stats.dropped(packets.size());
      clearLocked();
      skipToKeyframe = true;
    } finally {
      lock.unlock();
    }
  }

  private long lagMicros(QueuedPacket newest) {
    QueuedPacket oldest = packets.peekFirst();
    return oldest == null ? 0 : newest.dtsMicros() - oldest.dtsMicros();
  }

  long queuedBytes() {
    lock.lock();
    try {
      return queuedBytes;
    } finally {
      lock.unlock();
    }
  }

  /** Frees everything and refuses further packets; wakes a waiting consumer. */
  void close() {
    lock.lock();
    try {
      closed = true;
      clearLocked();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void clearLocked() {
    for (QueuedPacket packet : packets) {
      packet.free();
    }
    packets.clear();
    queuedBytes = 0;
  }
}
