package dev.onair.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Edits the way kubectl users do: on a 409 (the operator wrote status meanwhile), read again. */
public final class Edits {
  private Edits() {}

  public static <T> T retryOnConflict(Supplier<T> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return edit.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
