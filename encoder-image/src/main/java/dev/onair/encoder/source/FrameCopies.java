package dev.onair.encoder.source;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacv.Frame;

/**
 * Copies decoded frames out of the grabber's reused buffers, recycling picture buffers so a 1080p60
 * source does not allocate 180 MB/s of direct memory. (javacv's Frame.clone() lost YUV420P data.)
 */
final class FrameCopies {
  private final ConcurrentLinkedQueue<ByteBuffer> pictures = new ConcurrentLinkedQueue<>();

  Frame copy(Frame source) {
    Frame copy = new Frame();
    copy.timestamp = source.timestamp;
    copy.keyFrame = source.keyFrame;
    if (source.image != null) {
      copy.imageWidth = source.imageWidth;
      copy.imageHeight = source.imageHeight;
      copy.imageDepth = source.imageDepth;
      copy.imageChannels = source.imageChannels;
      copy.imageStride = source.imageStride;
      ByteBuffer from = ((ByteBuffer) source.image[0]).duplicate();
      from.clear();
      ByteBuffer to = pictureBuffer(from.capacity());
      to.put(from).flip();
      copy.image = new Buffer[] {to};
    }
    if (source.samples != null) {
      copy.sampleRate = source.sampleRate;
      copy.audioChannels = source.audioChannels;
      copy.samples = new Buffer[source.samples.length];
      for (int i = 0; i < source.samples.length; i++) {
        copy.samples[i] = copySamples(source.samples[i]);
      }
    }
    return copy;
  }

  /** Returns a copy's picture buffer for reuse; the frame must not be used afterwards. */
  void release(Frame copy) {
    if (copy.image != null && pictures.size() < 8) {
      pictures.offer((ByteBuffer) copy.image[0]);
    }
  }

  private ByteBuffer pictureBuffer(int capacity) {
    ByteBuffer buffer;
    while ((buffer = pictures.poll()) != null) {
      if (buffer.capacity() == capacity) {
        buffer.clear();
        return buffer;
      }
    }
    return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
  }

  private static Buffer copySamples(Buffer samples) {
    int n = samples.remaining();
    if (samples instanceof FloatBuffer floats) {
      FloatBuffer to = direct(n * Float.BYTES).asFloatBuffer();
      to.put(floats.duplicate()).flip();
      return to;
    }
    if (samples instanceof ShortBuffer shorts) {
      ShortBuffer to = direct(n * Short.BYTES).asShortBuffer();
      to.put(shorts.duplicate()).flip();
      return to;
    }
    if (samples instanceof IntBuffer ints) {
      IntBuffer to = direct(n * Integer.BYTES).asIntBuffer();
      to.put(ints.duplicate()).flip();
      return to;
    }
    ByteBuffer to = direct(n);
    to.put(((ByteBuffer) samples).duplicate()).flip();
    return to;
  }

  private static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }
}
