package dev.onair.operator.telemetry;

import dev.onair.contract.ContractVersion;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Polls the HTTP status of many pods with bounded concurrency and tells a listener which owners
 * have news. Requests are asynchronous with a timeout, so a slow or dead pod holds one permit for
 * at most the timeout and never delays the others. Reconciles read the latest readings from here
 * and never wait on a pod.
 */
public final class TelemetryPoller<S> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TelemetryPoller.class);

  private final String name;
  private final HttpClient http;
  private final PodFetcher<S> fetcher;
  private final BiPredicate<S, S> significantChange;
  private final Semaphore permits;
  private final ScheduledExecutorService ticker;
  private final Map<Key, Watched<S>> watched = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> listener = id -> {};

  private record Key(ResourceID owner, String pod) {}

  private static final class Watched<S> {
    final PollTarget target;
    volatile S published;
    volatile Instant publishedAt = Instant.EPOCH;
    volatile boolean inFlight;
    volatile int consecutiveFailures;
    volatile boolean warnedTooNew;

    Watched(PollTarget target) {
      this.target = target;
    }
  }

  public TelemetryPoller(
      String name,
      HttpClient http,
      Duration interval,
      int maxConcurrent,
      PodFetcher<S> fetcher,
      BiPredicate<S, S> significantChange) {
    this.name = name;
    this.http = http;
    this.fetcher = fetcher;
    this.significantChange = significantChange;
    this.permits = new Semaphore(maxConcurrent);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "onair-" + name + "-poller");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(
        this::pollAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Called with an owner whenever one of its readings changed significantly or aged out. */
  public void onNews(Consumer<ResourceID> listener) {
    this.listener = listener;
  }

  /**
   * Sets the pods of {@code owner} to poll. Pods no longer listed are forgotten; pods already
   * polled keep their readings.
   */
  public void watch(ResourceID owner, Set<PollTarget> targets) {
    Set<String> pods = targets.stream().map(PollTarget::pod).collect(Collectors.toSet());
    watched.keySet().removeIf(k -> k.owner().equals(owner) && !pods.contains(k.pod()));
    for (PollTarget t : targets) {
      Key key = new Key(owner, t.pod());
      Watched<S> existing = watched.get(key);
      if (existing == null || !existing.target.equals(t)) {
        watched.put(key, new Watched<>(t));
      }
    }
  }

  /** Stops polling every pod of {@code owner}. */
  public void forget(ResourceID owner) {
    watched.keySet().removeIf(k -> k.owner().equals(owner));
  }

  /** The latest published reading of each polled pod of {@code owner}, by pod name. */
  public Map<String, S> readings(ResourceID owner) {
    return watched.entrySet().stream()
        .filter(e -> e.getKey().owner().equals(owner) && e.getValue().published != null)
        .collect(Collectors.toMap(e -> e.getKey().pod(), e -> e.getValue().published));
  }

  /** Number of pods currently polled. */
  public int size() {
    return watched.size();
  }

  private void pollAll() {
    for (Map.Entry<Key, Watched<S>> e : watched.entrySet()) {
      Watched<S> w = e.getValue();
      if (w.inFlight) {
        continue;
      }
      try {
        // Waiting here (not skipping) gives every pod its turn in each pass; a pod that hangs
        // holds one permit until its request times out, never the whole pass.
        permits.acquire();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
      w.inFlight = true;
      try {
        fetcher
            .fetch(http, w.target, w.published)
            .whenComplete(
                (reading, error) -> {
                  try {
                    handle(e.getKey(), w, reading, error);
                  } finally {
                    w.inFlight = false;
                    permits.release();
                  }
                });
      } catch (RuntimeException ex) {
        w.inFlight = false;
        permits.release();
        LOG.debugf(ex, "%s poll of %s could not start", name, w.target.pod());
      }
    }
  }

  private void handle(Key key, Watched<S> w, S reading, Throwable error) {
    if (watched.get(key) != w) {
      return; // forgotten or replaced while the request was in flight
    }
    if (error != null || reading == null) {
      w.consecutiveFailures++;
      ContractVersion.TooNew tooNew = tooNew(error);
      if (tooNew != null && !w.warnedTooNew) {
        // Not a passing network failure: it stays until someone changes the image or the operator.
        w.warnedTooNew = true;
        LOG.warnf("%s poll of %s: %s", name, w.target.pod(), tooNew.getMessage());
      }
      LOG.debugf("%s poll of %s failed: %s", name, w.target.pod(), error);
      return;
    }
    w.consecutiveFailures = 0;
    Instant now = Instant.now();
    boolean aged = now.isAfter(w.publishedAt.plus(w.target.publishInterval()));
    if (w.published == null || aged || significantChange.test(w.published, reading)) {
      w.published = reading;
      w.publishedAt = now;
      listener.accept(key.owner());
    }
  }

  private static ContractVersion.TooNew tooNew(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ContractVersion.TooNew tooNew) {
        return tooNew;
      }
    }
    return null;
  }

  /** Pods whose last polls all failed, for the scrape-failure metric. */
  public long unreachable() {
    return watched.values().stream().filter(w -> w.consecutiveFailures > 0).count();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
