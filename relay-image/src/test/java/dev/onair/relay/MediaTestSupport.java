package dev.onair.relay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared plumbing of the real-media ITs: a temp dir, and resources closed after each test. */
abstract class MediaTestSupport {
  @TempDir Path dir;

  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) {
      closeAfter.get(i).close();
    }
  }

  <T extends AutoCloseable> T closing(T resource) {
    closeAfter.add(resource);
    return resource;
  }

  Relay startRelay(Map<String, String> env) throws Exception {
    return closing(Relay.start(RelayConfig.fromEnv(env)));
  }
}
