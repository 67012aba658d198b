package dev.onair.relay;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A native flag FFmpeg polls while it waits on a socket; raising it aborts that wait at once.
 *
 * <p>FFmpeg polls the callback on every socket operation, several thousand times a second with a
 * few outputs, and a Java upcall each time costs measurable CPU. So the flag is kept as the text
 * {@code "0"} or {@code "1"} and the callback is libc's {@code atoi}, which has the callback's
 * signature ({@code int f(void *)}) and answers natively. All sessions share that one function
 * pointer; only the flag they point it at differs.
 */
final class InterruptFlag {
  // Holds atoi's address where JavaCPP keeps a function pointer; static, so it is never freed.
  private static final PointerPointer<Pointer> HOLDER = new PointerPointer<>(2);
  private static final AVIOInterruptCB.Callback_Pointer CALLBACK = nativeCallback();

  private final BytePointer flag = new BytePointer(2);

  InterruptFlag() {
    flag.put(1, (byte) 0);
    lower();
  }

  /** Points {@code callback} at this flag. */
  void attachTo(AVIOInterruptCB callback) {
    callback.callback(CALLBACK).opaque(flag);
  }

  void raise() {
    flag.put(0, (byte) '1');
  }

  /** Lets the next session's socket waits proceed. */
  void lower() {
    flag.put(0, (byte) '0');
  }

  boolean raised() {
    return flag.get(0) == '1';
  }

  /** What FFmpeg sees when it polls this flag: calls the same native callback FFmpeg calls. */
  int poll() {
    return CALLBACK.call(flag);
  }

  private static AVIOInterruptCB.Callback_Pointer nativeCallback() {
    Pointer atoi = Loader.addressof("atoi");
    if (atoi == null || atoi.isNull()) {
      return new JavaCallback();
    }
    // JavaCPP hands a FunctionPointer to C as the first field of its holder struct {ptr, obj}: a
    // holder filled here makes FFmpeg call atoi directly. InterruptFlagTest calls through the same
    // field, so a JavaCPP that changed this layout fails the build, not production.
    HOLDER.put(0, atoi);
    HOLDER.put(1, new Pointer((Pointer) null));
    return new AVIOInterruptCB.Callback_Pointer(HOLDER);
  }

  /** The portable fallback, should libc's symbol not be found. */
  private static final class JavaCallback extends AVIOInterruptCB.Callback_Pointer {
    JavaCallback() {
      // The superclass constructor allocates the native thunk.
    }

    @Override
    public int call(Pointer opaque) {
      return new BytePointer(opaque).get(0) == '1' ? 1 : 0;
    }
  }
}
