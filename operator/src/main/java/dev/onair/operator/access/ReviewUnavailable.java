package dev.onair.operator.access;

/** The Kubernetes API could not answer a TokenReview or SubjectAccessReview. */
public final class ReviewUnavailable extends Exception {
  public ReviewUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
