package dev.onair.encoder.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The real fat jar run as a child process, the way the container runs it. */
public final class EncoderProcess {
  public static final Path JAR = Path.of("target", "onair-encoder.jar");

  private EncoderProcess() {}

  public static Process start(Map<String, String> env, File log) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run through 'mvn verify'");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-jar", JAR.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().putAll(env);
    return builder.start();
  }
}
