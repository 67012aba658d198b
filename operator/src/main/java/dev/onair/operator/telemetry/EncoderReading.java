package dev.onair.operator.telemetry;

import dev.onair.contract.EncoderStatusDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest /status of an encoder and its latest thumbnail: {@code capturedAt} is when this
 * picture was first seen, {@code checkedAt} when the thumbnail was last fetched.
 */
public record EncoderReading(
    EncoderStatusDocument status,
    byte[] thumbnail,
    String thumbnailDigest,
    Instant capturedAt,
    Instant checkedAt) {

  /**
   * Changes a person should see right away: on/off air, source, slate, readers, errors, the first
   * picture, and rates that moved meaningfully. The status shows the same things
   * (LiveStreamStatusFactory), so what it shows is never a thumbnail interval late.
   */
  public static boolean significantChange(EncoderReading before, EncoderReading after) {
    EncoderStatusDocument a = before.status();
    EncoderStatusDocument b = after.status();
    return !Objects.equals(a.state(), b.state())
        || !Objects.equals(a.sourceConnected(), b.sourceConnected())
        || !Objects.equals(a.slateActive(), b.slateActive())
        || !Objects.equals(a.readers(), b.readers())
        || !Objects.equals(a.lastError(), b.lastError())
        || MeaningfulChange.moved(a.bitrateKbps(), b.bitrateKbps())
        || MeaningfulChange.moved(a.fps(), b.fps())
        || before.thumbnailDigest() == null && after.thumbnailDigest() != null;
  }

  EncoderReading withStatus(EncoderStatusDocument fresh) {
    return new EncoderReading(fresh, thumbnail, thumbnailDigest, capturedAt, checkedAt);
  }
}
