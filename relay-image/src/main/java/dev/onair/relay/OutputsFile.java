package dev.onair.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses the mounted outputs JSON file and loads each output's stream key from its Secret file. */
final class OutputsFile {
  private static final Set<String> SCHEMES = Set.of("rtmp", "rtmps", "srt");

  private OutputsFile() {}

  static List<OutputTarget> read(Path file) throws ConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Jackson's message may quote file content; the file holds no keys, but keep it short anyway.
      throw new ConfigException(
          "ONAIR_OUTPUTS_FILE: cannot read "
              + file
              + " as JSON ("
              + e.getClass().getSimpleName()
              + ")");
    }
    JsonNode list = root == null ? null : root.get("outputs");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException("ONAIR_OUTPUTS_FILE: " + file + " has no \"outputs\" array");
    }
    List<OutputTarget> outputs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode entry : list) {
      String name = text(entry, "name");
      String url = text(entry, "url");
      if (name == null || url == null) {
        throw new ConfigException(
            "ONAIR_OUTPUTS_FILE: every output in " + file + " needs \"name\" and \"url\"");
      }
      if (!names.add(name)) {
        throw new ConfigException("ONAIR_OUTPUTS_FILE: output name '" + name + "' appears twice");
      }
      String keyFile = text(entry, "keyFile");
      OutputTarget target =
          new OutputTarget(name, url, keyFile == null ? null : readKey(name, keyFile));
      if (!SCHEMES.contains(target.scheme())) {
        throw new ConfigException(
            "ONAIR_OUTPUTS_FILE: output '"
                + name
                + "' has scheme '"
                + target.scheme()
                + "'; use rtmp, rtmps or srt");
      }
      outputs.add(target);
    }
    return List.copyOf(outputs);
  }

  private static String readKey(String name, String keyFile) throws ConfigException {
    try {
      String key = Files.readString(Path.of(keyFile), StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new ConfigException("key file " + keyFile + " of output '" + name + "' is empty");
      }
      if (key.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
        throw new ConfigException(
            "key file " + keyFile + " of output '" + name + "' holds spaces or control characters");
      }
      return key;
    } catch (IOException e) {
      throw new ConfigException("key file " + keyFile + " of output '" + name + "' cannot be read");
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    return node.asText().trim();
  }
}
