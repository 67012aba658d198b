package dev.onair.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * A loopback TCP forwarder in front of a sink, so tests can cut an endpoint off (kill), make it
 * stop reading (stall), or terminate TLS in front of it (RTMPS).
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final SSLContext tls;
  private final long stallAfterBytes;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile int port;

  /**
   * @param tls terminate TLS with this context, or null for plain TCP
   * @param stallAfterBytes stop reading from the relay after this many bytes, or -1 never
   */
  TcpProxy(int targetPort, SSLContext tls, long stallAfterBytes) throws IOException {
    this.targetPort = targetPort;
    this.tls = tls;
    this.stallAfterBytes = stallAfterBytes;
    listen(0);
  }

  int port() {
    return port;
  }

  /** Closes the listening socket and every connection: the endpoint is gone. */
  synchronized void kill() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  /** Listens again on the same port: the endpoint is back. */
  synchronized void restart() throws IOException {
    listen(port);
  }

  private void listen(int wanted) throws IOException {
    ServerSocket socket =
        tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    socket.setReuseAddress(true);
    if (stallAfterBytes >= 0) {
      // A small window makes the relay's writes block soon after we stop reading.
      socket.setReceiveBufferSize(8 * 1024);
    }
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
    server = socket;
    port = socket.getLocalPort();
    Thread accept = new Thread(() -> acceptLoop(socket), "proxy-accept-" + port);
    accept.setDaemon(true);
    accept.start();
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(target);
        pump(client, target, stallAfterBytes);
        pump(target, client, -1);
      } catch (IOException e) {
        // closed or the sink is not listening: the relay sees a dropped connection
      }
    }
  }

  private void pump(Socket from, Socket to, long stallAfter) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              long total = 0;
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                while (true) {
                  int max = buffer.length;
                  if (stallAfter >= 0) {
                    if (total >= stallAfter) {
                      // Accepts, but never reads again.
                      Thread.sleep(Long.MAX_VALUE);
                    }
                    max = (int) Math.min(max, stallAfter - total);
                  }
                  int n = in.read(buffer, 0, max);
                  if (n < 0) {
                    break;
                  }
                  total += n;
                  out.write(buffer, 0, n);
                }
              } catch (IOException | InterruptedException e) {
                // connection ended
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    kill();
  }
}
