package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code /openapi/v2}, for kubectl 1.27 and 1.28, whose {@code apply} downloads it (as protobuf)
 * before anything else and gives up when it is missing. The document names no kinds: kubectl then
 * patches custom resources with a JSON merge patch and built-in kinds with strategic merge patches
 * from its own compiled types, as against a server whose OpenAPI lacks them, and reads schemas for
 * {@code explain} and field validation from OpenAPI v3, which the stand-in serves in full.
 */
final class OpenApiV2 {
  // What kube-apiserver answers the protobuf Accept header with; kubectl's media-type parser
  // refuses the '@' of the requested type itself.
  private static final String PROTOBUF = "application/octet-stream";

  private static final byte[] DOCUMENT = protobuf();

  private OpenApiV2() {}

  static Reply serve(Call call) {
    String accept = call.header("accept");
    if (accept != null && accept.contains("protobuf")) {
      return new Reply.Bytes(200, DOCUMENT.clone(), PROTOBUF);
    }
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", version());
    doc.putObject("paths");
    doc.putObject("definitions");
    return new Reply.Document(200, doc);
  }

  /**
   * The same document as gnostic's {@code openapi.v2.Document} message: swagger (field 1), info (2:
   * title 1, version 2), and empty paths (8) and definitions (9).
   */
  static byte[] protobuf() {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    field(info, 1, "Kubernetes".getBytes(StandardCharsets.UTF_8));
    field(info, 2, version().getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream doc = new ByteArrayOutputStream();
    field(doc, 1, "2.0".getBytes(StandardCharsets.UTF_8));
    field(doc, 2, info.toByteArray());
    field(doc, 8, new byte[0]);
    field(doc, 9, new byte[0]);
    return doc.toByteArray();
  }

  private static String version() {
    return "v1." + MetaApi.MINOR + ".0";
  }

  /** One length-delimited field (wire type 2): the tag, the length as a varint, the bytes. */
  private static void field(ByteArrayOutputStream out, int number, byte[] value) {
    varint(out, (number << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
