package dev.onair.apiserver;

/**
 * A watch a client holds open, as kube-apiserver counts them in {@code
 * apiserver_registered_watchers}: what it watches and how it selects. Tests use these to see what a
 * controller caches.
 *
 * @param resource the plural with its group, e.g. {@code secrets} or {@code
 *     livestreams.streaming.onair.dev}
 * @param namespace the namespace, or null for a watch across all namespaces
 * @param labelSelector the label selector, or null
 * @param fieldSelector the field selector, or null
 */
public record OpenWatch(
    String resource, String namespace, String labelSelector, String fieldSelector) {}
