package dev.onair.encoder.status;

/** The /status JSON, version 1 of the pod contract. */
public record StatusDocument(
    int version,
    String state,
    String since,
    double fps,
    long bitrateKbps,
    long frames,
    long dropped,
    boolean sourceConnected,
    boolean slateActive,
    int width,
    int height,
    int readers,
    String lastError) {}
