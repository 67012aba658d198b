package dev.onair.apiserver.patch;

/** A patch that cannot be applied, with the HTTP code kube-apiserver answers for it. */
public final class PatchException extends RuntimeException {
  private final int code;

  public PatchException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** 400 for a malformed patch, 409 for an apply conflict, 422 for a patch that does not fit. */
  public int code() {
    return code;
  }
}
