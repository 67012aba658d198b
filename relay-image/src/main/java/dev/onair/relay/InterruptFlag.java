package dev.onair.relay;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A native flag FFmpeg polls while it waits on a socket; raising it aborts that wait at once.
 *
 * <p>All flags share one native callback: JavaCPP can only allocate a handful of callback thunks
 * per class, and the relay may run dozens of sessions.
 */
final class InterruptFlag implements AutoCloseable {
  private static final Callback CALLBACK = new Callback();

  private final IntPointer flag = new IntPointer(1);

  InterruptFlag() {
    flag.put(0);
  }

  /** Points {@code callback} at this flag. */
  void attachTo(AVIOInterruptCB callback) {
    callback.callback(CALLBACK).opaque(flag);
  }

  void raise() {
    flag.put(1);
  }

  /** Lets the next session's socket waits proceed. */
  void lower() {
    flag.put(0);
  }

  boolean raised() {
    return flag.get() != 0;
  }

  @Override
  public void close() {
    flag.close();
  }

  private static final class Callback extends AVIOInterruptCB.Callback_Pointer {
    Callback() {
      // The superclass constructor allocates the native thunk.
    }

    @Override
    public int call(Pointer opaque) {
      return new IntPointer(opaque).get();
    }
  }
}
