package dev.onair.sandbox;

import java.util.BitSet;

/**
 * Loopback addresses 127.0.0.2–127.0.0.254, one per local pod or Service (Linux routes them all).
 */
final class AddressPool {
  private final BitSet used = new BitSet(256);
  private int next = 2;

  synchronized String allocate() {
    for (int i = 0; i < 253; i++) {
      int candidate = 2 + (next - 2 + i) % 253;
      if (!used.get(candidate)) {
        used.set(candidate);
        next = candidate + 1;
        return "127.0.0." + candidate;
      }
    }
    throw new IllegalStateException("all 253 loopback addresses are in use");
  }

  synchronized void release(String address) {
    used.clear(Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)));
  }
}
