package dev.onair.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The relay's outputs file ({@link Mounts#OUTPUTS_FILE}): the operator writes it into the relay
 * pod's {@code streaming.onair.dev/outputs} annotation, the downward API mounts it, the relay reads
 * it. It holds URLs and file paths only, never a key or passphrase.
 *
 * <pre>{"outputs":[{"name":"yt","url":"rtmp://a.rtmp.youtube.com/live2","keyFile":"..."}]}</pre>
 *
 * @param outputs the outputs of one relay pod, at least one, names unique
 */
public record OutputsFile(List<Output> outputs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One output.
   *
   * @param name the Endpoint's name, unique in the file; {@code /status} reports under it
   * @param url the public URL, without the key
   * @param keyFile the file holding the stream key ({@link Mounts#streamKeyFile}), or null
   * @param passphraseFile the file holding the SRT passphrase ({@link Mounts#srtPassphraseFile}),
   *     or null; the relay gives it to the SRT protocol as an option, never in the URL
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Output(String name, String url, String keyFile, String passphraseFile) {
    /** An output without an SRT passphrase. */
    public Output(String name, String url, String keyFile) {
      this(name, url, keyFile, null);
    }
  }

  public OutputsFile {
    outputs = List.copyOf(outputs);
  }

  /**
   * The file's text as the operator writes it: compact JSON, {@code keyFile} and {@code
   * passphraseFile} only when set.
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an outputs file of strings always serializes", e);
    }
  }

  /**
   * Reads the file's text as the relay does: unknown fields are ignored, values trimmed, and a
   * blank or non-text value counts as missing.
   *
   * @param source how the file is named in error messages, e.g. its path
   * @throws Invalid naming what is wrong, never quoting file content
   */
  public static OutputsFile parse(String text, String source) throws Invalid {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      // Jackson's message may quote file content; the file holds no keys, but keep it short anyway.
      throw unreadable(source, e);
    }
    JsonNode list = root == null ? null : root.get("outputs");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new Invalid(source + " has no \"outputs\" array");
    }
    List<Output> outputs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode entry : list) {
      String name = text(entry, "name");
      String url = text(entry, "url");
      if (name == null || url == null) {
        throw new Invalid("every output in " + source + " needs \"name\" and \"url\"");
      }
      if (!names.add(name)) {
        throw new Invalid("output name '" + name + "' appears twice");
      }
      outputs.add(new Output(name, url, text(entry, "keyFile"), text(entry, "passphraseFile")));
    }
    return new OutputsFile(outputs);
  }

  /** The error for a file that cannot be read or is not JSON, naming only the exception's kind. */
  public static Invalid unreadable(String source, IOException cause) {
    return new Invalid(
        "cannot read " + source + " as JSON (" + cause.getClass().getSimpleName() + ")");
  }

  private static String text(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    return node.asText().trim();
  }

  /** The outputs file breaks the format; the message names the problem and the file. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }
}
