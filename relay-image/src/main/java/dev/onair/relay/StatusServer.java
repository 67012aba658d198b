package dev.onair.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.onair.contract.HttpPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Serves /status, /metrics, /healthz and /readyz. */
final class StatusServer implements AutoCloseable {
  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();

  StatusServer(String bind, int port, Relay relay, Supplier<String> metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "http");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext(
        HttpPaths.STATUS,
        exchange ->
            respond(exchange, 200, "application/json", json.writeValueAsString(relay.status())));
    server.createContext(
        HttpPaths.METRICS,
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext(
        HttpPaths.HEALTHZ,
        exchange -> {
          boolean ok = relay.healthy();
          respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "stalled\n");
        });
    server.createContext(
        HttpPaths.READYZ,
        exchange -> {
          boolean ok = relay.ready();
          respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "no output live yet\n");
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
