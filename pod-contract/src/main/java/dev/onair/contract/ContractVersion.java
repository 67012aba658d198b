package dev.onair.contract;

/**
 * Whether a reader of one contract version can read a document. Within a version changes are
 * additive, so an older or equal version reads fine; a newer one means the pod's image was built
 * against a contract this reader does not know, and reading on would misreport the stream.
 */
public final class ContractVersion {
  private ContractVersion() {}

  /** Thrown for a document newer than the reader; the message says what to do. */
  public static final class TooNew extends IllegalStateException {
    TooNew(String message) {
      super(message);
    }
  }

  /**
   * Checks {@code found}, the {@code version} field of {@code document} (null: written before the
   * field existed, which is version 1), against {@code readable}, the newest version the reader
   * knows.
   *
   * @throws TooNew when the document is newer than the reader
   */
  public static void requireReadable(String document, Integer found, int readable) {
    int version = found == null ? 1 : found;
    if (version > readable) {
      throw new TooNew(
          document
              + " is contract version "
              + version
              + " and this operator reads up to version "
              + readable
              + ": upgrade the operator, or run the image version that matches it");
    }
  }
}
