package dev.onair.operator.telemetry;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;

/** Reads one pod's state over HTTP; never blocks the calling thread. */
@FunctionalInterface
public interface PodFetcher<S> {
  /**
   * Fetches a fresh reading. {@code previous} is the last published one (or null), so a fetcher can
   * skip parts that are not due yet, such as thumbnails.
   */
  CompletableFuture<S> fetch(HttpClient http, PollTarget target, S previous);
}
