package dev.onair.operator.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One GET to a media pod, bounded in size and in time, body included. A pod is code the operator
 * does not control once it runs (an image can be replaced, a process can hang mid-body), so it can
 * neither fill the operator's heap nor hold a request open past the timeout.
 */
final class PodRequest {
  /** Largest /status accepted; a real one is a few hundred bytes per output. */
  static final int MAX_STATUS_BYTES = 64 * 1024;

  /** Largest /thumbnail.jpg accepted; the encoder keeps its thumbnails near 8 KB. */
  static final int MAX_THUMBNAIL_BYTES = 256 * 1024;

  /** A body larger than the limit; the request was abandoned. */
  static final class TooLarge extends IOException {
    TooLarge(URI uri, int max) {
      super(uri.getPath() + " sent more than " + max + " bytes");
    }
  }

  private PodRequest() {}

  static CompletableFuture<HttpResponse<byte[]>> get(
      HttpClient http, URI uri, Duration timeout, int maxBytes) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    CompletableFuture<HttpResponse<byte[]>> response =
        http.sendAsync(request, info -> new Bounded(uri, maxBytes));
    // HttpRequest.timeout ends at the response headers; this also ends a body that trickles.
    // Cancelling the future aborts the exchange and frees its connection.
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> response.cancel(true));
    return response;
  }

  /** Collects a body up to a limit; past it, cancels the upstream and fails. */
  private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
    private final URI uri;
    private final int max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Bounded(URI uri, int max) {
      this.uri = uri;
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        if (bytes.size() + b.remaining() > max) {
          subscription.cancel();
          body.completeExceptionally(new TooLarge(uri, max));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }
  }
}
