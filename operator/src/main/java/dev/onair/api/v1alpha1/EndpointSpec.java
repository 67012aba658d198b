package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Where to send a stream; the stream key lives only in the referenced Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.platform != 'facebook' || self.url.startsWith('rtmps://')",
    message = "url: Facebook accepts rtmps:// only")
@ValidationRule(
    value = "!has(self.passphraseSecretRef) || self.url.startsWith('srt://')",
    message = "passphraseSecretRef needs an srt:// url")
@ValidationRule(
    value = "!self.url.startsWith('srt://') || !self.url.matches('[?&]passphrase=')",
    message = "url: move the SRT passphrase out of the URL into passphraseSecretRef")
public class EndpointSpec {
  @Required
  @JsonPropertyDescription("The service: youtube, twitch, facebook, x or custom.")
  public Platform platform;

  @Required
  @Pattern("^(rtmps?|srt)://[^\\s]+$")
  @JsonPropertyDescription(
      "Ingest URL without the stream key: rtmp://, rtmps:// or srt://, e.g."
          + " rtmp://a.rtmp.youtube.com/live2.")
  public String url;

  @JsonPropertyDescription(
      "Secret key holding the stream key. It is mounted into relay pods as a file and never"
          + " copied anywhere else. Omit for servers that take no key.")
  public KeyRef streamKeySecretRef;

  @JsonPropertyDescription(
      "Secret key holding the SRT passphrase (10 to 79 characters) of an srt:// url. It is"
          + " mounted into relay pods as a file and never copied anywhere else; never put it in"
          + " the URL.")
  public KeyRef passphraseSecretRef;
}
