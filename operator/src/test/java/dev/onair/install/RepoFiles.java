package dev.onair.install;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's top-level folders (chart, examples, CRDs) from the module's tests. */
final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: the nearest parent holding helm/onair/Chart.yaml. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("helm/onair/Chart.yaml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("helm/onair/Chart.yaml not found above " + Path.of(""));
  }

  static Path chart() {
    return root().resolve("helm/onair");
  }

  static Path examples() {
    return root().resolve("examples");
  }

  static Path crds() {
    return root().resolve("crds");
  }
}
