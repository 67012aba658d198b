package dev.onair.relay;

import dev.onair.contract.Mounts;
import dev.onair.contract.PodEnv;
import dev.onair.contract.PodPorts;
import dev.onair.contract.RelayEnv;
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

  /** Reads the configuration the operator sets; throws naming the variable or file at fault. */
  public static RelayConfig fromEnv(Map<String, String> env) throws ConfigException {
    String inputUrl = required(env, RelayEnv.INPUT_URL);
    String scheme = URI.create(inputUrl.replace(" ", "%20")).getScheme();
    if (scheme == null) {
      throw new ConfigException(
          RelayEnv.INPUT_URL + " must be an absolute URL, e.g. http://encoder:8080/live.ts");
    }
    Path outputsFile = Path.of(env.getOrDefault(RelayEnv.OUTPUTS_FILE, Mounts.OUTPUTS_FILE));
    List<OutputTarget> outputs = OutputTargets.read(outputsFile);
    Path caFile = Path.of(env.getOrDefault(PodEnv.CA_FILE, Mounts.DEFAULT_CA_FILE));
    boolean needsCa =
        outputs.stream().anyMatch(o -> o.scheme().equals("rtmps"))
            || inputUrl.toLowerCase().startsWith("https:");
    if (needsCa && !Files.isReadable(caFile)) {
      throw new ConfigException(PodEnv.CA_FILE + ": cannot read " + caFile);
    }
    return new RelayConfig(
        inputUrl,
        outputs,
        Duration.ofSeconds(positiveInt(env, PodEnv.RECONNECT_MAX_SECONDS, 30)),
        Duration.ofSeconds(positiveInt(env, RelayEnv.INPUT_GAP_SECONDS, 10)),
        env.getOrDefault(PodEnv.HTTP_BIND, "0.0.0.0"),
        port(env),
        caFile,
        env.containsKey(RelayEnv.SEND_BUFFER_KB)
            ? positiveInt(env, RelayEnv.SEND_BUFFER_KB, 0)
            : 0);
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
    String value = env.get(PodEnv.HTTP_PORT);
    if (value == null || value.isBlank()) {
      return PodPorts.HTTP;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(PodEnv.HTTP_PORT + " must be a port number, got '" + value + "'");
  }

  /** A redactor that knows every configured key and SRT passphrase. */
  public Redactor redactor() {
    return new Redactor(
        outputs.stream()
            .flatMap(o -> java.util.stream.Stream.of(o.key(), o.srtPassphrase()))
            .toList());
  }
}
