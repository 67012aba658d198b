package dev.onair.encoder.output;

import dev.onair.encoder.status.EncoderStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The muxer's output stream: copies every MPEG-TS chunk to all readers of /live.ts. It never blocks
 * on a reader; one that falls more than a bounded amount behind is dropped.
 */
public final class TsFanOut extends OutputStream {
  private static final Logger LOG = Logger.getLogger(TsFanOut.class.getName());

  private final long maxQueuedBytesPerReader;
  private final EncoderStatus status;
  private final double fps;
  private final LastCut lastCut;
  private final List<TsReader> readers = new CopyOnWriteArrayList<>();
  private final TsPacketScanner scanner = new TsPacketScanner();
  private byte[] partial = new byte[0];
  private volatile boolean closed;

  /**
   * @param fps the output frame rate, to tell which frame a keyframe is from its timestamp
   * @param lastCut where the program last changed between slate and source; readers start there
   */
  public TsFanOut(long maxQueuedBytesPerReader, EncoderStatus status, double fps, LastCut lastCut) {
    this.maxQueuedBytesPerReader = maxQueuedBytesPerReader;
    this.status = status;
    this.fps = fps;
    this.lastCut = lastCut;
    status.readersFrom(readers::size);
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    status.bytesOut(length);
    // The muxer writes whole 188-byte packets, but its I/O buffer may split them across calls.
    int total = partial.length + length;
    int whole = total - total % TsPacketScanner.PACKET;
    if (whole == 0) {
      byte[] grown = Arrays.copyOf(partial, total);
      System.arraycopy(bytes, offset, grown, partial.length, length);
      partial = grown;
      return;
    }
    // partial is shorter than one packet, so a non-empty chunk always takes all of it.
    byte[] chunk = new byte[whole];
    System.arraycopy(partial, 0, chunk, 0, partial.length);
    int fromBytes = whole - partial.length;
    System.arraycopy(bytes, offset, chunk, partial.length, fromBytes);
    partial = Arrays.copyOfRange(bytes, offset + fromBytes, offset + length);
    int keyframeOffset = scanner.scan(chunk);
    long keyframeTicks = scanner.keyframeTicks();
    long keyframeFrame =
        keyframeTicks < 0 ? -1 : Math.round(keyframeTicks * fps / TsPacketScanner.TICKS_PER_SECOND);
    byte[] tables = scanner.programTables();
    for (TsReader reader : readers) {
      if (!reader.offer(chunk, keyframeOffset, keyframeFrame, tables)) {
        LOG.info("dropping a /live.ts reader that fell behind");
        readers.remove(reader);
        reader.close();
      }
    }
  }

  /**
   * Streams to one reader on the calling thread until it disconnects, is dropped, or the fan-out
   * closes.
   */
  public void serve(OutputStream out, AutoCloseable connection) {
    TsReader reader = new TsReader(out, connection, maxQueuedBytesPerReader, lastCut.frame());
    if (closed) {
      reader.close();
      return;
    }
    readers.add(reader);
    try {
      reader.pump();
    } catch (IOException e) {
      // The reader went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      readers.remove(reader);
      reader.close();
    }
  }

  public int readerCount() {
    return readers.size();
  }

  /** Ends every reader's stream. */
  @Override
  public void close() {
    closed = true;
    for (TsReader reader : readers) {
      reader.close();
    }
    readers.clear();
  }
}
