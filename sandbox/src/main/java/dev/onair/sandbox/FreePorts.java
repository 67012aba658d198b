package dev.onair.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports, chosen by the kernel. */
final class FreePorts {
  private FreePorts() {}

  /**
   * A port free on every address (checked on the wildcard address), so any 127.0.0.N can bind it.
   */
  static int any() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
