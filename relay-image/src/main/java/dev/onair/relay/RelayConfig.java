package dev.onair.relay;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The relay's whole configuration, read from environment variables and mounted files. */
public record RelayConfig(
    String inputUrl,
    List<OutputTarget> outputs,
    Duration reconnectMax,
    Duration inputGap,
    String httpBind,
    int httpPort,
    Path caFile,
    int sendBufferKb) {

  static final String DEFAULT_OUTPUTS_FILE = "/etc/onair/relay/outputs.json";
  static final String DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

  /** Reads the configuration the operator sets; throws naming the variable or file at fault. */
  public static RelayConfig fromEnv(Map<String, String> env) throws ConfigException {
    String inputUrl = required(env, "ONAIR_INPUT_URL");
    String scheme = URI.create(inputUrl.replace(" ", "%20")).getScheme();
    if (scheme == null) {
      throw new ConfigException(
          "ONAIR_INPUT_URL must be an absolute URL, e.g. http://encoder:8080/live.ts");
    }
    Path outputsFile = Path.of(env.getOrDefault("ONAIR_OUTPUTS_FILE", DEFAULT_OUTPUTS_FILE));
    List<OutputTarget> outputs = OutputsFile.read(outputsFile);
    Path caFile = Path.of(env.getOrDefault("ONAIR_CA_FILE", DEFAULT_CA_FILE));
    boolean needsCa =
        outputs.stream().anyMatch(o -> o.scheme().equals("rtmps"))
            || inputUrl.toLowerCase().startsWith("https:");
    if (needsCa && !Files.isReadable(caFile)) {
      throw new ConfigException("ONAIR_CA_FILE: cannot read " + caFile);
    }
    return new RelayConfig(
        inputUrl,
        outputs,
        Duration.ofSeconds(positiveInt(env, "ONAIR_RECONNECT_MAX_SECONDS", 30)),
        Duration.ofSeconds(positiveInt(env, "ONAIR_INPUT_GAP_SECONDS", 10)),
        env.getOrDefault("ONAIR_HTTP_BIND", "0.0.0.0"),
        port(env),
        caFile,
        env.containsKey("ONAIR_SEND_BUFFER_KB") ? positiveInt(env, "ONAIR_SEND_BUFFER_KB", 0) : 0);
  }

  private static String required(Map<String, String> env, String name) throws ConfigException {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new ConfigException(name + " is required");
    }
    return value.trim();
  }

  private static int positiveInt(Map<String, String> env, String name, int fallback)
      throws ConfigException {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name + " must be a positive whole number, got '" + value + "'");
  }

  private static int port(Map<String, String> env) throws ConfigException {
    String value = env.get("ONAIR_HTTP_PORT");
    if (value == null || value.isBlank()) {
      return 8080;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("ONAIR_HTTP_PORT must be a port number, got '" + value + "'");
  }

  /** A redactor that knows every configured key. */
  public Redactor redactor() {
    return new Redactor(outputs.stream().map(OutputTarget::key).toList());
  }
}
