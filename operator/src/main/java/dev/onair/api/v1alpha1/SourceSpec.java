package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the encoder takes its picture and sound from: exactly one of url, youtubeUrl and push. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.url), has(self.youtubeUrl), has(self.push)].filter(x, x).size() == 1",
    message = "set exactly one of source.url, source.youtubeUrl and source.push")
@ValidationRule(
    value = "!has(self.passphraseSecretRef) || (has(self.url) && self.url.startsWith('srt://'))",
    message =
        "source.passphraseSecretRef needs an srt:// source.url (a push takes"
            + " source.push.passphraseSecretRef)")
@ValidationRule(
    value =
        "!has(self.url) || !self.url.startsWith('srt://') || !self.url.matches('[?&]passphrase=')",
    message = "source.url: move the SRT passphrase out of the URL into source.passphraseSecretRef")
public class SourceSpec {
  @Pattern("^(https?|rtmps?|srt)://[^\\s]+$")
  @JsonPropertyDescription(
      "Pull source: an HLS playlist (.m3u8) or file over http(s), an rtmp(s) stream or an srt"
          + " caller URL.")
  public String url;

  @JsonPropertyDescription(
      "Secret key holding the SRT passphrase (10 to 79 characters) of an srt:// url. It is"
          + " mounted into the encoder as a file; never put it in the URL.")
  public KeyRef passphraseSecretRef;

  @Pattern("^https://(www\\.|m\\.)?(youtube\\.com|youtu\\.be)/[^\\s]+$")
  @JsonPropertyDescription("A YouTube live page; the encoder resolves it to its HLS manifest.")
  public String youtubeUrl;

  @JsonPropertyDescription("Receive the source instead of pulling it (for example OBS over SRT).")
  public PushSource push;

  @Min(1)
  @Max(120)
  @JsonPropertyDescription(
      "Seconds without a source frame before the encoder reconnects (and shows the slate)."
          + " Default 5.")
  public Integer stallTimeoutSeconds;
}
