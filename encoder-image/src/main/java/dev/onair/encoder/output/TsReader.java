package dev.onair.encoder.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/** One /live.ts reader: a bounded queue the encoder fills and the reader's own thread drains. */
final class TsReader {
  private final OutputStream out;
  private final AutoCloseable connection;
  private final long maxQueuedBytes;
  private final long earliestFrame;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean awaitingKeyframe = true;
  private boolean closed;

  /**
   * @param earliestFrame the first output frame this reader may start at: the last cut between
   *     slate and source when it arrived
   */
  TsReader(OutputStream out, AutoCloseable connection, long maxQueuedBytes, long earliestFrame) {
    this.out = out;
    this.connection = connection;
    this.maxQueuedBytes = maxQueuedBytes;
    this.earliestFrame = earliestFrame;
  }

  /**
   * Queues a chunk without ever blocking; returns false when the reader is too far behind and must
   * be dropped.
   *
   * @param keyframeOffset where in the chunk a keyframe starts, or -1
   * @param keyframeFrame the output frame that keyframe is, or -1 when unknown
   */
  synchronized boolean offer(
      byte[] chunk, int keyframeOffset, long keyframeFrame, byte[] programTables) {
    if (closed) {
      return false;
    }
    if (awaitingKeyframe) {
      // A reader joins at a keyframe, after fresh PAT/PMT, so its demuxer can start at once; and
      // not at one from before the last cut, which the encoder still held when the reader came.
      if (keyframeOffset < 0
          || programTables == null
          || (keyframeFrame >= 0 && keyframeFrame < earliestFrame)) {
        return true;
      }
      awaitingKeyframe = false;
      enqueue(programTables);
      byte[] tail = new byte[chunk.length - keyframeOffset];
      System.arraycopy(chunk, keyframeOffset, tail, 0, tail.length);
      enqueue(tail);
    } else {
      enqueue(chunk);
    }
    return queuedBytes <= maxQueuedBytes;
  }

  private void enqueue(byte[] bytes) {
    queue.addLast(bytes);
    queuedBytes += bytes.length;
    notifyAll();
  }

  /** Writes queued chunks until the reader is closed or its connection fails. */
  void pump() throws IOException, InterruptedException {
    while (true) {
      byte[] chunk;
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          wait();
        }
        if (closed) {
          return;
        }
        chunk = queue.pollFirst();
        queuedBytes -= chunk.length;
      }
      out.write(chunk);
    }
  }

  /** Closes the connection, which also unblocks a pump stuck in a socket write. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      queuedBytes = 0;
      notifyAll();
    }
    try {
      connection.close();
    } catch (Exception e) {
      // The connection is gone either way.
    }
  }
}
