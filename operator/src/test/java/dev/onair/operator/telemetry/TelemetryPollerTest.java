package dev.onair.operator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The poller's promise: bounded concurrency, and a pod that never answers delays nobody. */
class TelemetryPollerTest {

  @Test
  void aPodThatNeverAnswersDoesNotDelayTheOthers() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    ConcurrentHashMap<String, Integer> polls = new ConcurrentHashMap<>();
    PodFetcher<String> fetcher =
        (http, target, previous) -> {
          polls.merge(target.pod(), 1, Integer::sum);
          if (target.pod().equals("stuck")) {
            return new CompletableFuture<>(); // a dead pod: the request never completes
          }
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          return CompletableFuture.supplyAsync(
              () -> {
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return "reading of " + target.pod();
              });
        };
    try (TelemetryPoller<String> poller =
        new TelemetryPoller<>(
            "test",
            HttpClient.newHttpClient(),
            Duration.ofMillis(50),
            8,
            fetcher,
            (a, b) -> !a.equals(b))) {
      ConcurrentHashMap<ResourceID, Boolean> news = new ConcurrentHashMap<>();
      poller.onNews(id -> news.put(id, true));
      for (int i = 0; i < 200; i++) {
        ResourceID owner = new ResourceID("stream-" + i, "ns");
        String pod = i == 0 ? "stuck" : "pod-" + i;
        poller.watch(
            owner, Set.of(new PollTarget(owner, pod, "http://unused", Duration.ofSeconds(60))));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> news.size() == 199);
      assertThat(news).doesNotContainKey(new ResourceID("stream-0", "ns"));
      assertThat(poller.readings(new ResourceID("stream-7", "ns")))
          .containsEntry("pod-7", "reading of pod-7");
      // The stuck pod holds one permit at most, and is not asked again while its request hangs.
      assertThat(polls.get("stuck")).isEqualTo(1);
      assertThat(maxInFlight.get()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void anUnchangedReadingIsPublishedAgainOnlyAfterItsInterval() throws Exception {
    AtomicInteger published = new AtomicInteger();
    try (TelemetryPoller<String> poller =
        new TelemetryPoller<>(
            "test",
            HttpClient.newHttpClient(),
            Duration.ofMillis(20),
            4,
            (http, target, previous) -> CompletableFuture.completedFuture("same"),
            (a, b) -> !a.equals(b))) {
      poller.onNews(id -> published.incrementAndGet());
      ResourceID owner = new ResourceID("s", "ns");
      poller.watch(
          owner, Set.of(new PollTarget(owner, "p", "http://unused", Duration.ofMillis(500))));
      Thread.sleep(1200);
      // ~60 polls, but only the first reading and one or two aged republications.
      assertThat(published.get()).isBetween(2, 4);
    }
  }
}
