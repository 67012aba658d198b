package dev.onair.relay;

import dev.onair.contract.OutputsFile;
import dev.onair.contract.RelayEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The outputs the relay pushes to: the mounted outputs file ({@link OutputsFile}, the contract's
 * format), each output's scheme checked and its stream key and SRT passphrase loaded from their
 * Secret files.
 */
final class OutputTargets {
  private static final Set<String> SCHEMES = Set.of("rtmp", "rtmps", "srt");

  private OutputTargets() {}

  static List<OutputTarget> read(Path file) throws ConfigException {
    OutputsFile outputsFile;
    try {
      outputsFile =
          OutputsFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw invalid(OutputsFile.unreadable(file.toString(), e));
    } catch (OutputsFile.Invalid e) {
      throw invalid(e);
    }
    List<OutputTarget> outputs = new ArrayList<>();
    for (OutputsFile.Output entry : outputsFile.outputs()) {
      String name = entry.name();
      String keyFile = entry.keyFile();
      String passphraseFile = entry.passphraseFile();
      OutputTarget target =
          new OutputTarget(
              name,
              entry.url(),
              keyFile == null ? null : readKey(name, keyFile),
              passphraseFile == null ? null : readPassphrase(name, passphraseFile));
      if (!SCHEMES.contains(target.scheme())) {
        throw new ConfigException(
            RelayEnv.OUTPUTS_FILE
                + ": output '"
                + name
                + "' has scheme '"
                + target.scheme()
                + "'; use rtmp, rtmps or srt");
      }
      if (passphraseFile != null && !"srt".equals(target.scheme())) {
        throw new ConfigException(
            RelayEnv.OUTPUTS_FILE
                + ": output '"
                + name
                + "' has a passphraseFile but scheme '"
                + target.scheme()
                + "'; only srt takes a passphrase");
      }
      outputs.add(target);
    }
    return List.copyOf(outputs);
  }

  private static ConfigException invalid(OutputsFile.Invalid e) {
    return new ConfigException(RelayEnv.OUTPUTS_FILE + ": " + e.getMessage());
  }

  /** Reads an SRT passphrase file: 10 to 79 characters once stripped, as libsrt requires. */
  private static String readPassphrase(String name, String file) throws ConfigException {
    String passphrase;
    try {
      passphrase = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          "passphrase file " + file + " of output '" + name + "' cannot be read");
    }
    if (passphrase.length() < 10 || passphrase.length() > 79) {
      throw new ConfigException(
          "passphrase file " + file + " of output '" + name + "' must hold 10 to 79 characters");
    }
    return passphrase;
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
}
