package dev.onair.sandbox;

/** Something a pod needs (a ConfigMap, Secret or Service) does not exist yet; the kubelet waits. */
final class NotReadyYet extends Exception {
  NotReadyYet(String message) {
    super(message);
  }
}
