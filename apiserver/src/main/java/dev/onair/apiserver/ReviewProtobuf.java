package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a review kind sent as Kubernetes protobuf, as kubectl 1.32 and later send their
 * SelfSubjectAccessReviews: the {@code k8s\0} envelope ({@code runtime.Unknown}: type meta, raw
 * object), then the object's spec by the field numbers of {@code k8s.io/api}'s generated.proto.
 * Only the fields the stand-in answers from are read; the answer goes back as JSON, which the
 * client accepts beside protobuf.
 */
final class ReviewProtobuf {
  static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  /** A field of a message: its JSON name and, for a nested message, that message's fields. */
  private record Field(String name, boolean repeated, Map<Integer, Field> message) {
    static Field text(String name) {
      return new Field(name, false, null);
    }

    static Field texts(String name) {
      return new Field(name, true, null);
    }

    static Field of(String name, Map<Integer, Field> message) {
      return new Field(name, false, message);
    }
  }

  private static final Map<Integer, Field> RESOURCE_ATTRIBUTES =
      Map.of(
          1, Field.text("namespace"),
          2, Field.text("verb"),
          3, Field.text("group"),
          4, Field.text("version"),
          5, Field.text("resource"),
          6, Field.text("subresource"),
          7, Field.text("name"));
  private static final Map<Integer, Field> NON_RESOURCE_ATTRIBUTES =
      Map.of(1, Field.text("path"), 2, Field.text("verb"));
  private static final Map<Integer, Field> SELF_ACCESS_SPEC =
      Map.of(
          1, Field.of("resourceAttributes", RESOURCE_ATTRIBUTES),
          2, Field.of("nonResourceAttributes", NON_RESOURCE_ATTRIBUTES));
  private static final Map<Integer, Field> ACCESS_SPEC =
      Map.of(
          1, Field.of("resourceAttributes", RESOURCE_ATTRIBUTES),
          2, Field.of("nonResourceAttributes", NON_RESOURCE_ATTRIBUTES),
          3, Field.text("user"),
          4, Field.texts("groups"),
          6, Field.text("uid"));
  private static final Map<Integer, Field> RULES_SPEC = Map.of(1, Field.text("namespace"));
  private static final Map<Integer, Field> TOKEN_SPEC =
      Map.of(1, Field.text("token"), 2, Field.texts("audiences"));

  private ReviewProtobuf() {}

  static boolean sentAsProtobuf(Call call) {
    return call.header("content-type").startsWith(MEDIA_TYPE);
  }

  /** The review in {@code body} as the JSON object it stands for; 400 when it is not one. */
  static ObjectNode decode(byte[] body, String kind) {
    if (body.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOfRange(body, 0, MAGIC.length), MAGIC)) {
      throw ApiException.badRequest("the body of the request was in an unknown format: protobuf");
    }
    try {
      CodedInputStream envelope =
          CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
      byte[] raw = new byte[0];
      for (int tag = envelope.readTag(); tag != 0; tag = envelope.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 2) {
          raw = envelope.readByteArray();
        } else {
          envelope.skipField(tag);
        }
      }
      Map<Integer, Field> spec =
          switch (kind) {
            case "TokenReview" -> TOKEN_SPEC;
            case "SubjectAccessReview", "LocalSubjectAccessReview" -> ACCESS_SPEC;
            case "SelfSubjectAccessReview" -> SELF_ACCESS_SPEC;
            case "SelfSubjectRulesReview" -> RULES_SPEC;
            default -> Map.of(); // SelfSubjectReview has no spec
          };
      return read(CodedInputStream.newInstance(raw), Map.of(2, Field.of("spec", spec)));
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the body of the request was in an unknown format: " + e.getMessage());
    }
  }

  private static ObjectNode read(CodedInputStream in, Map<Integer, Field> fields)
      throws IOException {
    ObjectNode object = Json.MAPPER.createObjectNode();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      Field f = fields.get(WireFormat.getTagFieldNumber(tag));
      if (f == null || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag);
      } else if (f.message() != null) {
        object.set(f.name(), read(CodedInputStream.newInstance(in.readByteArray()), f.message()));
      } else if (f.repeated()) {
        ((ArrayNode) object.withArray(f.name())).add(in.readStringRequireUtf8());
      } else {
        object.put(f.name(), in.readStringRequireUtf8());
      }
    }
    return object;
  }
}
