package dev.onair.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** The kubeconfig that points kubectl (and any client-go or fabric8 tool) at the stand-in. */
final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Writes a kubeconfig with one cluster, user and context, {@code onair-sandbox}, whose default
   * namespace is {@code namespace}; readable by the owner only, as kubeconfigs are. {@code caPem},
   * when not null, is the certificate an HTTPS server is trusted by.
   */
  static Path write(Path file, String url, String caPem, String namespace) {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: onair-sandbox
          cluster:
            server: %s%s
        users:
        - name: onair-sandbox
          user: {}
        contexts:
        - name: onair-sandbox
          context:
            cluster: onair-sandbox
            user: onair-sandbox
            namespace: %s
        current-context: onair-sandbox
        preferences: {}
        """
            .formatted(
                url,
                caPem == null
                    ? ""
                    : "\n    certificate-authority-data: "
                        + Base64.getEncoder()
                            .encodeToString(caPem.getBytes(StandardCharsets.UTF_8)),
                namespace);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, yaml);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default permissions stand
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
