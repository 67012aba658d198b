package dev.onair.operator.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes audit records to PostgreSQL on its own thread, so reconciliation never waits for the
 * database. Records wait in memory (deduplicated by event id) until a write succeeds; while
 * PostgreSQL is down the writer retries with backoff. At start, and after the in-memory backlog
 * overflowed, it replays the records the Kubernetes Events still hold.
 */
public class AuditWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuditWriter.class);
  private static final Duration PING_INTERVAL = Duration.ofSeconds(10);

  private final AuditStore store;
  private final Supplier<List<AuditRecord>> replaySource;
  private final Runnable outboxRetry;
  private final int batchSize;
  private final int maxBacklog;
  private final Duration initialRetry;
  private final Duration maxRetry;
  private final Map<String, AuditRecord> pending = new LinkedHashMap<>();
  private volatile boolean replayNeeded = true;
  private volatile boolean storeUp;
  private volatile String lastError = "not connected yet";
  private volatile Instant lastWrite;
  private volatile long written;
  private volatile boolean running;
  private volatile Instant lastContact = Instant.EPOCH;
  private volatile Instant nextReplay = Instant.EPOCH;
  private Thread thread;

  public AuditWriter(
      AuditStore store,
      Supplier<List<AuditRecord>> replaySource,
      Runnable outboxRetry,
      int batchSize,
      int maxBacklog,
      Duration initialRetry,
      Duration maxRetry) {
    this.store = store;
    this.replaySource = replaySource;
    this.outboxRetry = outboxRetry;
    this.batchSize = batchSize;
    this.maxBacklog = maxBacklog;
    this.initialRetry = initialRetry;
    this.maxRetry = maxRetry;
  }

  /** Queues records for writing; never blocks on the database. */
  public void submit(Collection<AuditRecord> records) {
    synchronized (pending) {
      for (AuditRecord r : records) {
        pending.putIfAbsent(r.eventId(), r);
      }
      // Past the limit the oldest wait in their Events only; they are replayed from there.
      Iterator<String> oldest = pending.keySet().iterator();
      while (pending.size() > maxBacklog && oldest.hasNext()) {
        oldest.next();
        oldest.remove();
        replayNeeded = true;
      }
      pending.notifyAll();
    }
  }

  /** Records not yet in PostgreSQL. */
  public int backlog() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** Whether the last attempt to reach PostgreSQL succeeded. */
  public boolean storeUp() {
    return storeUp;
  }

  public String lastError() {
    return lastError;
  }

  public Instant lastWrite() {
    return lastWrite;
  }

  public long written() {
    return written;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "onair-audit-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the thread; whatever is still pending stays in the Events for the next start. */
  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  private void run() {
    Duration retry = initialRetry;
    while (running) {
      try {
        outboxRetry.run();
        if (replayNeeded && !Instant.now().isBefore(nextReplay)) {
          replay();
        }
        List<AuditRecord> batch = nextBatch();
        if (batch.isEmpty()) {
          if (!storeUp || lastContact.plus(PING_INTERVAL).isBefore(Instant.now())) {
            store.ping();
            contact();
          }
          continue;
        }
        writeBatch(batch);
        retry = initialRetry;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | SQLException e) {
        if (storeUp) {
          LOG.warnf(
              "audit: PostgreSQL unreachable, keeping records until it returns: %s", describe(e));
        }
        storeUp = false;
        lastError = describe(e);
        LOG.debugf("audit: PostgreSQL write failed, retrying in %s: %s", retry, lastError);
        try {
          Thread.sleep(retry.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        retry = retry.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : retry.multipliedBy(2);
      }
    }
  }

  private void replay() {
    try {
      List<AuditRecord> records = replaySource.get();
      replayNeeded = false;
      if (!records.isEmpty()) {
        LOG.infof("audit: replaying %d records from Kubernetes Events", records.size());
        submit(records);
      }
    } catch (RuntimeException e) {
      nextReplay = Instant.now().plus(maxRetry);
      LOG.warnf("audit: cannot list audit Events to replay them, retrying: %s", describe(e));
    }
  }

  private List<AuditRecord> nextBatch() throws InterruptedException {
    synchronized (pending) {
      if (pending.isEmpty()) {
        pending.wait(1000);
      }
      List<AuditRecord> batch = new ArrayList<>(Math.min(batchSize, pending.size()));
      for (AuditRecord r : pending.values()) {
        if (batch.size() == batchSize) {
          break;
        }
        batch.add(r);
      }
      return batch;
    }
  }

  private void writeBatch(List<AuditRecord> batch) throws SQLException {
    try {
      store.write(batch);
    } catch (SQLException e) {
      if (!isDataError(e)) {
        throw e;
      }
      // One bad record must not hold back the others: write them one by one, drop the bad one.
      for (AuditRecord r : batch) {
        try {
          store.write(List.of(r));
        } catch (SQLException single) {
          if (!isDataError(single)) {
            throw single;
          }
          LOG.errorf(
              "audit: dropping record %s (%s): %s", r.eventId(), r.reason(), describe(single));
        }
      }
    }
    synchronized (pending) {
      batch.forEach(r -> pending.remove(r.eventId()));
    }
    written += batch.size();
    lastWrite = Instant.now();
    contact();
  }

  private void contact() {
    if (!storeUp) {
      LOG.info("audit: PostgreSQL reachable, writing the audit history");
    }
    storeUp = true;
    lastError = null;
    lastContact = Instant.now();
  }

  /** SQLSTATE classes 22 (data) and 23 (constraints) are about a record, not the connection. */
  private static boolean isDataError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return Redactor.redact(message);
  }
}
