package dev.onair.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The encoder's {@code /status}, written by the encoder image and read by the operator.
 *
 * <p>Within one {@link #VERSION} changes are additive only: a field may be added, none renamed,
 * retyped or removed. Readers ignore fields they do not know (a newer encoder talking to an older
 * operator during an upgrade) and treat a missing field as unknown ({@code null}). {@code state}
 * stays a string for the same reason; its values are those of {@link EncoderState}. Never holds a
 * secret ({@link Redaction}).
 *
 * @param version the contract version, {@link #VERSION} for this shape
 * @param state one of {@link EncoderState}
 * @param since when {@code state} was entered, ISO-8601 UTC to the second
 * @param fps output frames per second over the last few seconds
 * @param bitrateKbps output bitrate over the last few seconds
 * @param frames video frames encoded
 * @param dropped source pictures skipped to keep the output timeline
 * @param sourceConnected whether the source delivers pictures
 * @param slateActive whether the slate is on air
 * @param width output width in pixels
 * @param height output height in pixels
 * @param readers connected {@code /live.ts} readers
 * @param lastError the last error as a sentence for people, never a URL with credentials
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncoderStatusDocument(
    Integer version,
    String state,
    String since,
    Double fps,
    Integer bitrateKbps,
    Long frames,
    Long dropped,
    Boolean sourceConnected,
    Boolean slateActive,
    Integer width,
    Integer height,
    Integer readers,
    String lastError) {

  /** The version of this shape; the operator reads documents of this version. */
  public static final int VERSION = 1;
}
