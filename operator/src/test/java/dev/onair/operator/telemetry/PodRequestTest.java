package dev.onair.operator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pod cannot make the operator hold a large body or wait past the timeout for one. */
class PodRequestTest {
  private HttpServer pod;
  private final AtomicBoolean hungUp = new AtomicBoolean();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    pod = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pod.setExecutor(Executors.newCachedThreadPool());
    pod.createContext(
        "/status",
        x -> {
          byte[] body = "{\"version\":1}".getBytes();
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    pod.createContext(
        "/huge",
        x -> {
          // No length announced: the limit must hold on the bytes that actually arrive.
          x.sendResponseHeaders(200, 0);
          try (OutputStream out = x.getResponseBody()) {
            for (int i = 0; i < 1024; i++) {
              out.write(new byte[1024]);
            }
          } catch (java.io.IOException e) {
            // the operator hung up, as it should
          }
        });
    pod.createContext(
        "/trickle",
        x -> {
          // Headers at once, then a byte every 200 ms: HttpRequest.timeout alone would wait.
          x.sendResponseHeaders(200, 0);
          try (OutputStream out = x.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
              out.write('x');
              out.flush();
              Thread.sleep(200);
            }
          } catch (java.io.IOException e) {
            hungUp.set(true); // the operator hung up, as it should
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    pod.start();
  }

  @AfterEach
  void stop() {
    pod.stop(0);
  }

  @Test
  void aSmallAnswerArrivesWhole() throws Exception {
    HttpResponse<byte[]> r =
        PodRequest.get(http, uri("/status"), Duration.ofSeconds(2), PodRequest.MAX_STATUS_BYTES)
            .get(5, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body())).isEqualTo("{\"version\":1}");
  }

  @Test
  void aBodyOverTheLimitFailsTheRequest() {
    assertThatThrownBy(
            () ->
                PodRequest.get(
                        http, uri("/huge"), Duration.ofSeconds(5), PodRequest.MAX_STATUS_BYTES)
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(PodRequest.TooLarge.class)
        .hasMessageContaining("/huge sent more than 65536 bytes");
  }

  @Test
  void aBodyThatTricklesIsAbandonedAtTheTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                PodRequest.get(
                        http, uri("/trickle"), Duration.ofSeconds(1), PodRequest.MAX_STATUS_BYTES)
                    .get(10, TimeUnit.SECONDS))
        // Cancelled by the timer, or failed by the body the cancellation aborted: both end it.
        .satisfies(
            t ->
                assertThat(
                        t instanceof CancellationException
                            || t.getCause() instanceof CancellationException)
                    .as("cancelled: %s", t)
                    .isTrue());
    // The body would take 20 s; the request ends at its 1 s timeout (bound: the timeout plus
    // scheduling slack on a loaded machine, far below the 20 s the pod would take).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    // And the connection is really closed, not left trickling into a forgotten future.
    await().atMost(Duration.ofSeconds(10)).untilTrue(hungUp);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + pod.getAddress().getPort() + path);
  }
}
