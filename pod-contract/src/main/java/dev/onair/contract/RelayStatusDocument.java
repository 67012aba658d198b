package dev.onair.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A relay's {@code /status}, written by the relay image and read by the operator.
 *
 * <p>Versioned like {@link EncoderStatusDocument}: additive changes only within one {@link
 * #VERSION}, unknown fields ignored, missing ones {@code null}. Output URLs are always redacted: a
 * stream key shows as {@link Redaction#MASK}.
 *
 * @param version the contract version, {@link #VERSION} for this shape
 * @param input the relay's view of the encoder stream it reads
 * @param outputs one entry per output of the outputs file, in its order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelayStatusDocument(Integer version, Input input, List<Output> outputs) {

  /** The version of this shape; the operator reads documents of this version. */
  public static final int VERSION = 1;

  /**
   * The relay's view of the encoder stream it reads.
   *
   * @param connected whether the input delivers packets
   * @param since when {@code connected} last changed, ISO-8601 UTC to the second
   * @param lastError the last input error, redacted
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(Boolean connected, String since, String lastError) {}

  /**
   * One output as the relay measures it.
   *
   * @param name the output's name from the outputs file (the Endpoint's name)
   * @param url the output's URL with the stream key replaced by {@link Redaction#MASK}
   * @param state one of {@link RelayOutputState}
   * @param since when {@code state} was entered, ISO-8601 UTC to the second
   * @param bytesSent bytes the endpoint accepted, over all sessions
   * @param bitrateKbps bitrate over the last few seconds
   * @param reconnects sessions opened again after a failure
   * @param lastError the last error of this output, redacted
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Output(
      String name,
      String url,
      String state,
      String since,
      Long bytesSent,
      Integer bitrateKbps,
      Integer reconnects,
      String lastError) {}
}
