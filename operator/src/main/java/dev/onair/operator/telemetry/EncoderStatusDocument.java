package dev.onair.operator.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The encoder's {@code /status} (docs/pod-contracts.md, version 1). Unknown fields are ignored so a
 * newer encoder can talk to an older operator during an upgrade.
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
    String lastError) {}
