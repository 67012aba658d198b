package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.ImageRef;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.ScheduleSpec;
import dev.onair.api.v1alpha1.SourceSpec;
import dev.onair.api.v1alpha1.VideoSpec;
import dev.onair.operator.common.KeyedData;
import dev.onair.operator.common.Problem;
import dev.onair.operator.common.SrtPassphrases;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks what the CRD schema cannot (references to ConfigMaps and Secrets) and repeats the schema's
 * cross-field rules, because older API servers skip CEL and a bad spec must never reach a pod.
 */
public final class LiveStreamValidator {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private LiveStreamValidator() {}

  /** The outcome: a problem naming a field, or the digests of every referenced file. */
  public record Result(Problem problem, TreeMap<String, String> digests) {
    public boolean valid() {
      return problem == null;
    }
  }

  /** Validates the spec alone, without looking anything up. */
  public static Optional<Problem> validateSpec(LiveStreamSpec spec) {
    if (spec == null || spec.source == null) {
      return Optional.of(new Problem("spec.source", "MissingField", "is required"));
    }
    SourceSpec src = spec.source;
    long kinds = Stream.of(src.url, src.youtubeUrl, src.push).filter(x -> x != null).count();
    if (kinds != 1) {
      return Optional.of(
          new Problem(
              "spec.source", "InvalidSource", "set exactly one of url, youtubeUrl and push"));
    }
    if (src.url != null && !src.url.matches("^(https?|rtmps?|srt)://\\S+$")) {
      return Optional.of(
          new Problem("spec.source.url", "InvalidURL", "must be an http(s), rtmp(s) or srt URL"));
    }
    if (SrtPassphrases.inUrl(src.url)) {
      return Optional.of(
          new Problem(
              "spec.source.url",
              "PassphraseInURL",
              "carries passphrase=; put the SRT passphrase in a Secret and name it in"
                  + " spec.source.passphraseSecretRef"));
    }
    if (src.passphraseSecretRef != null && !SrtPassphrases.isSrt(src.url)) {
      return Optional.of(
          new Problem(
              "spec.source.passphraseSecretRef",
              "InvalidSource",
              "needs an srt:// spec.source.url (a push takes"
                  + " spec.source.push.passphraseSecretRef)"));
    }
    VideoSpec v = spec.video;
    if (v != null) {
      if (v.width != null && v.width % 2 != 0) {
        return Optional.of(new Problem("spec.video.width", "InvalidVideo", "must be even"));
      }
      if (v.height != null && v.height % 2 != 0) {
        return Optional.of(new Problem("spec.video.height", "InvalidVideo", "must be even"));
      }
      if (v.keyframeSeconds != null && (v.keyframeSeconds < 1 || v.keyframeSeconds > 4)) {
        return Optional.of(
            new Problem(
                "spec.video.keyframeSeconds", "InvalidVideo", "must be between 1 and 4 seconds"));
      }
    }
    return validateSchedule(spec.schedule);
  }

  private static Optional<Problem> validateSchedule(ScheduleSpec schedule) {
    if (schedule == null) {
      return Optional.empty();
    }
    try {
      OffsetDateTime start =
          schedule.startAt == null ? null : OffsetDateTime.parse(schedule.startAt);
      OffsetDateTime stop = schedule.stopAt == null ? null : OffsetDateTime.parse(schedule.stopAt);
      if (start != null && stop != null && !stop.isAfter(start)) {
        return Optional.of(
            new Problem("spec.schedule.stopAt", "InvalidSchedule", "must be after startAt"));
      }
    } catch (DateTimeParseException e) {
      return Optional.of(
          new Problem(
              "spec.schedule",
              "InvalidSchedule",
              "times must be RFC 3339, e.g. 2026-11-21T18:00:00Z"));
    }
    return Optional.empty();
  }

  /** Validates the spec and everything it references. */
  public static Result validate(LiveStreamSpec spec, KeyedData data) {
    Optional<Problem> specProblem = validateSpec(spec);
    if (specProblem.isPresent()) {
      return new Result(specProblem.get(), null);
    }
    TreeMap<String, String> digests = new TreeMap<>();
    if (spec.overlay != null) {
      KeyedData.Lookup overlay = image("spec.overlay.image", spec.overlay.image, data);
      if (!overlay.ok()) {
        return new Result(overlay.problem(), null);
      }
      if (!isPng(overlay.bytes())) {
        return new Result(
            new Problem("spec.overlay.image", "NotPNG", "the referenced file is not a PNG image"),
            null);
      }
      digests.put("overlay", overlay.digest());
    }
    if (spec.slate != null) {
      KeyedData.Lookup slate = image("spec.slate.image", spec.slate.image, data);
      if (!slate.ok()) {
        return new Result(slate.problem(), null);
      }
      digests.put("slate", slate.digest());
    }
    String passField = passphraseField(spec.source);
    if (passField != null) {
      KeyedData.Lookup pass = data.secretKey(passField, passphraseRef(spec.source));
      if (!pass.ok()) {
        return new Result(pass.problem(), null);
      }
      if (!SrtPassphrases.validLength(pass.bytes())) {
        return new Result(
            new Problem(passField, "InvalidPassphrase", "SRT passphrases are 10 to 79 characters"),
            null);
      }
      digests.put("passphrase", pass.digest());
    }
    return new Result(null, digests);
  }

  /** The SRT passphrase reference of a push or an srt:// pull, or null. */
  static KeyRef passphraseRef(SourceSpec source) {
    if (source.push != null) {
      return source.push.passphraseSecretRef;
    }
    return source.passphraseSecretRef;
  }

  private static String passphraseField(SourceSpec source) {
    if (passphraseRef(source) == null) {
      return null;
    }
    return source.push != null
        ? "spec.source.push.passphraseSecretRef"
        : "spec.source.passphraseSecretRef";
  }

  private static KeyedData.Lookup image(String field, ImageRef ref, KeyedData data) {
    if (ref == null) {
      return new KeyedData.Lookup(null, null, new Problem(field, "MissingField", "is required"));
    }
    boolean fromConfigMap = ref.configMapKeyRef != null;
    if (fromConfigMap == (ref.secretKeyRef != null)) {
      return new KeyedData.Lookup(
          null,
          null,
          new Problem(
              field, "InvalidReference", "set exactly one of configMapKeyRef and secretKeyRef"));
    }
    return fromConfigMap
        ? data.configMapKey(field + ".configMapKeyRef", ref.configMapKeyRef)
        : data.secretKey(field + ".secretKeyRef", ref.secretKeyRef);
  }

  private static boolean isPng(byte[] bytes) {
    if (bytes.length < PNG_SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      if (bytes[i] != PNG_SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }
}
