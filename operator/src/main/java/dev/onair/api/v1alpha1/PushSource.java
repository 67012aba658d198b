package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A source pushed to the encoder, such as OBS streaming over SRT. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSource {
  /** Push protocols the encoder can listen with. */
  public enum Protocol {
    srt
  }

  /** How the push port is exposed. */
  public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
  }

  @Required
  @JsonPropertyDescription("Protocol the encoder listens with; only srt.")
  public Protocol protocol;

  @Min(1024)
  @Max(65535)
  @JsonPropertyDescription("Port the encoder listens on. Default 9000.")
  public Integer port;

  @JsonPropertyDescription(
      "Secret key holding the SRT passphrase (10 to 79 characters) the pushing client must use.")
  public KeyRef passphraseSecretRef;

  @JsonPropertyDescription(
      "How the push port reaches the sender: ClusterIP (inside the cluster, on the encoder"
          + " Service), or NodePort or LoadBalancer (a separate <name>-ingest Service carrying the"
          + " push port only; the encoder's HTTP port is never exposed). Default ClusterIP.")
  public ServiceType serviceType;
}
