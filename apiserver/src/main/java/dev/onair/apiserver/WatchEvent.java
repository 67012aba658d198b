package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change of one object, as the store saw it: {@code before} is null for ADDED, {@code after} is
 * the object as deleted for DELETED. Watchers with a selector turn a MODIFIED into ADDED or DELETED
 * when the object starts or stops matching, as kube-apiserver does.
 */
record WatchEvent(String type, ObjectNode before, ObjectNode after, long revision) {}
