package dev.onair.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real kubectl binary against a kubeconfig, with its own cache and home so that runs do not
 * share discovery caches. The binaries are those every build machine carries: {@code kubectl} on
 * the PATH and, beside it, {@code kubectl.1.27} … {@code kubectl.1.33}.
 */
public final class Kubectl {
  private final Path binary;
  private final Path kubeconfig;
  private final Path home;

  public Kubectl(Path binary, Path kubeconfig, Path home) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.home = home;
  }

  /** What one kubectl command did: its exit code, standard output and standard error. */
  public record Result(int exitCode, String out, String err) {
    public String both() {
      return out + err;
    }
  }

  /** The kubectl binaries of these minor versions found beside the one on the PATH. */
  public static List<Path> versions(String... minors) {
    List<Path> found = new ArrayList<>();
    Path onPath = onPath();
    if (onPath == null) {
      return found;
    }
    Path dir = real(onPath).getParent();
    for (String minor : minors) {
      Path p = dir.resolve("kubectl." + minor);
      if (Files.isExecutable(p)) {
        found.add(p);
      }
    }
    return found;
  }

  /** The {@code kubectl} on the PATH, or null. */
  public static Path onPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "kubectl");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  public Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + home.resolve("cache"));
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().put("HOME", home.toString());
      pb.environment().remove("KUBECONFIG");
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  @Override
  public String toString() {
    return binary.getFileName().toString();
  }
}
