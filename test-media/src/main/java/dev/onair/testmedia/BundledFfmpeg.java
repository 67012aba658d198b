package dev.onair.testmedia;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** The ffmpeg CLI shipped in the same natives jar the encoder and relay use. */
public final class BundledFfmpeg {
  private static volatile String executable;

  private BundledFfmpeg() {}

  /** The CLI's path in the JavaCPP cache, extracted from the natives jar on first use. */
  public static synchronized String executable() {
    if (executable == null) {
      executable = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }
    return executable;
  }

  /**
   * A process builder for {@code ffmpeg -hide_banner -nostdin <args>}. Its shared libraries (libva
   * and friends) sit beside it in the JavaCPP cache, which the binary does not search by itself, so
   * that directory goes first on the loader path.
   */
  public static ProcessBuilder command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.add("-hide_banner");
    command.add("-nostdin");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    String libs = new File(executable()).getParent();
    String existing = System.getenv("LD_LIBRARY_PATH");
    builder.environment().put("LD_LIBRARY_PATH", existing == null ? libs : libs + ":" + existing);
    return builder;
  }

  /** Runs the CLI to completion; fails with its output when it does not exit 0. */
  public static void run(List<String> args) throws IOException, InterruptedException {
    Process process = command(args).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          "ffmpeg " + args + " failed:\n" + new String(output, StandardCharsets.UTF_8));
    }
  }
}
