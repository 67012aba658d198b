package dev.onair.operator;

import dev.onair.contract.PodPorts;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The operator's own settings ({@code onair.*}); defaults for resources live here, not in CRDs. */
@ConfigMapping(prefix = "onair")
public interface OnAirConfig {

  /** Encoder pods. */
  Images encoder();

  /** Relay pods. */
  Images relay();

  /** Port both images serve HTTP on (status, metrics, health, the stream). */
  @WithDefault("" + PodPorts.HTTP)
  int podHttpPort();

  /** How failed pods are replaced. */
  Restarts restarts();

  /** How the operator reads the pods' /status and thumbnails. */
  Telemetry telemetry();

  /** Image settings for one kind of pod. */
  interface Images {
    /** Container image, e.g. ghcr.io/onair/encoder:0.1.0. */
    String image();

    /** Kubernetes image pull policy. */
    @WithDefault("IfNotPresent")
    String pullPolicy();
  }

  /** Replacement of failed pods. */
  interface Restarts {
    /** Delay before the first replacement; doubles after each further failure. */
    @WithDefault("5s")
    Duration initialBackoff();

    /** Longest delay between replacements. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Consecutive failures after which a resource is Failed until its spec changes. */
    @WithDefault("5")
    int maxFailures();

    /**
     * How long a run must stay healthy (a LiveStream Live, a Restream with every output Live) for
     * its earlier failures to be forgiven: the failure count and the backoff start again from zero,
     * so only failures in a row lead to Failed.
     */
    @WithDefault("10m")
    Duration healthyAfter();
  }

  /** Telemetry polling. */
  interface Telemetry {
    /** How often each pod's /status is read. */
    @WithDefault("3s")
    Duration pollInterval();

    /** Longest wait for one pod's answer; a slow pod never delays the others. */
    @WithDefault("2s")
    Duration requestTimeout();

    /**
     * How often a relay's reading is republished when nothing significant changed (encoders use
     * their thumbnail interval). A republish reconciles; it writes only on a meaningful change.
     */
    @WithDefault("10s")
    Duration relayPublishInterval();

    /** Pods polled at the same time. */
    @WithDefault("32")
    int maxConcurrentRequests();
  }
}
