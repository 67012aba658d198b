package dev.onair.operator.telemetry;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;

/**
 * One pod to poll: its owner (the resource whose status it feeds), its name, where it serves HTTP,
 * and how often an unchanged reading is still published (telemetry and thumbnails age).
 */
public record PollTarget(ResourceID owner, String pod, String baseUrl, Duration publishInterval) {}
