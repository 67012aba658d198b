package dev.onair.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests the server answered, for tests and benchmarks that count the operator's API calls.
 * Recording is off until {@link #record(boolean)} turns it on, so a long sandbox run keeps no log.
 */
public final class RequestLog {
  /** One answered request: method, path with query, body size, response code, user agent. */
  public record Entry(String method, String path, int bodyBytes, int code, String userAgent) {
    public boolean isWrite() {
      return !method.equals("GET") && !method.equals("HEAD");
    }
  }

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final AtomicLong count = new AtomicLong();
  private volatile boolean recording;

  public void record(boolean on) {
    recording = on;
  }

  void add(Entry e) {
    count.incrementAndGet();
    if (recording) {
      entries.add(e);
    }
  }

  /** Every request answered since the server started, recorded or not. */
  public long count() {
    return count.get();
  }

  /** The recorded requests since the last drain, oldest first; the log is empty afterwards. */
  public List<Entry> drain() {
    List<Entry> out = new ArrayList<>();
    Entry e;
    while ((e = entries.poll()) != null) {
      out.add(e);
    }
    return out;
  }
}
