package dev.onair.apiserver;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: the nearest folder above the working directory holding {@code crds/}. */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("crds"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no crds/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
