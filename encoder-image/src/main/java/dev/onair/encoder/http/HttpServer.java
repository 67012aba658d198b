package dev.onair.encoder.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A deliberately tiny HTTP/1.1 server (GET and HEAD, one request per connection). It exists instead
 * of com.sun.net.httpserver because dropping a stalled /live.ts reader needs its socket, so a write
 * blocked on it can be ended.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());
  private static final int MAX_REQUEST_HEAD = 8192;

  /** Serves a streaming response on the request's own thread; it owns the socket until return. */
  public interface StreamHandler {
    void stream(OutputStream out, Socket socket) throws IOException;
  }

  private final ServerSocket serverSocket;
  private final Map<String, Supplier<HttpResponse>> routes = new ConcurrentHashMap<>();
  private final Map<String, StreamHandler> streams = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  public HttpServer(String bindAddress, int port) throws IOException {
    serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 64);
    acceptor = new Thread(this::acceptLoop, "http-accept");
    acceptor.setDaemon(true);
  }

  public HttpServer route(String path, Supplier<HttpResponse> handler) {
    routes.put(path, handler);
    return this;
  }

  public HttpServer stream(String path, StreamHandler handler) {
    streams.put(path, handler);
    return this;
  }

  public HttpServer start() {
    acceptor.start();
    return this;
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        open.add(socket);
        Thread worker = new Thread(() -> handle(socket), "http-" + socket.getPort());
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      String[] requestLine = readRequestHead(socket.getInputStream());
      if (requestLine == null) {
        return;
      }
      String method = requestLine[0];
      String path = requestLine[1];
      int query = path.indexOf('?');
      if (query >= 0) {
        path = path.substring(0, query);
      }
      OutputStream out = socket.getOutputStream();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        write(out, HttpResponse.text(405, "method not allowed\n"), true);
        return;
      }
      StreamHandler stream = streams.get(path);
      if (stream != null && method.equals("GET")) {
        stream.stream(out, socket);
        return;
      }
      Supplier<HttpResponse> route = routes.get(path);
      HttpResponse response = route == null ? HttpResponse.text(404, "not found\n") : route.get();
      write(out, response, method.equals("GET"));
    } catch (SocketException e) {
      // Peer went away or the server is closing.
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "request failed", e);
    } finally {
      open.remove(socket);
    }
  }

  /** Reads the request line and skips the headers; returns [method, target] or null. */
  private static String[] readRequestHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int previous = -1;
    int c;
    int lineLength = 0;
    String firstLine = null;
    while ((c = in.read()) >= 0 && head.length() < MAX_REQUEST_HEAD) {
      if (c == '\n') {
        String line = head.toString().strip();
        if (firstLine == null) {
          firstLine = line;
        }
        if (lineLength == 0 || (lineLength == 1 && previous == '\r')) {
          break;
        }
        head.setLength(0);
        lineLength = 0;
      } else {
        head.append((char) c);
        lineLength++;
      }
      previous = c;
    }
    if (firstLine == null) {
      return null;
    }
    String[] parts = firstLine.split(" ");
    return parts.length >= 2 ? parts : null;
  }

  /** Writes a response head for a streaming body that ends when the connection closes. */
  public static void writeStreamHead(OutputStream out, String contentType) throws IOException {
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: "
            + contentType
            + "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Writes a complete response. */
  public static void write(OutputStream raw, HttpResponse response, boolean withBody)
      throws IOException {
    OutputStream out = new BufferedOutputStream(raw);
    String head =
        "HTTP/1.1 "
            + response.status()
            + " "
            + reason(response.status())
            + "\r\nContent-Type: "
            + response.contentType()
            + "\r\nContent-Length: "
            + response.body().length
            + "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    if (withBody) {
      out.write(response.body());
    }
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /** Stops accepting and closes every open connection, streaming ones included. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // Already closed.
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
  }
}
