package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One kind of object the stand-in serves, as discovery describes it: a built-in kind or a kind a
 * CustomResourceDefinition brings. {@code schema} is the CRD's {@code openAPIV3Schema} (null for
 * built-in kinds, which the stand-in stores without validating).
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    boolean statusSubresource,
    List<PrinterColumn> printerColumns,
    JsonNode schema) {

  /** The verbs of an ordinary stored kind. */
  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** {@code v1} for the core group, {@code group/version} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code LiveStreamList}. */
  public String listKind() {
    return kind + "List";
  }

  /** {@code livestreams.streaming.onair.dev}, or {@code pods} for the core group. */
  public String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** {@code LiveStream.streaming.onair.dev} as kube-apiserver names a kind in its messages. */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** The path prefix of this kind's group-version: {@code /api/v1} or {@code /apis/g/v}. */
  public String groupVersionPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }
}
