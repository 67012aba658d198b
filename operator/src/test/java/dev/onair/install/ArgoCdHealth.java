package dev.onair.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Runs the Argo CD health scripts shipped in helm/onair/argocd with LuaJ, as Argo CD would. */
final class ArgoCdHealth {
  static final String SNIPPET = "argocd/argocd-cm-onair.yaml";
  private static final String HEALTH_KEY = "resource.customizations.health.streaming.onair.dev_";

  /** What the script returned. */
  record Result(String status, String message) {}

  private final JsonNode data;

  ArgoCdHealth() {
    try {
      data =
          new ObjectMapper(new YAMLFactory())
              .readTree(RepoFiles.chart().resolve(SNIPPET).toFile())
              .path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode data() {
    return data;
  }

  /** Runs the health script of {@code kind} with {@code obj} set to {@code resource}. */
  Result check(String kind, Object resource) {
    JsonNode script = data.path(HEALTH_KEY + kind);
    if (!script.isTextual()) {
      throw new AssertionError("no health script for " + kind + " in " + SNIPPET);
    }
    Globals globals = JsePlatform.standardGlobals();
    JsonNode json =
        resource instanceof JsonNode n ? n : Serialization.jsonMapper().valueToTree(resource);
    globals.set("obj", toLua(json));
    LuaValue hs = globals.load(script.asText(), kind + ".lua").call();
    return new Result(
        hs.get("status").isnil() ? null : hs.get("status").tojstring(),
        hs.get("message").isnil() ? null : hs.get("message").tojstring());
  }

  /** JSON to Lua the way Argo CD hands objects to its scripts: tables, 1-based arrays. */
  private static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        t.set(e.getKey(), toLua(e.getValue()));
      }
      return t;
    }
    if (node.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        t.set(i + 1, toLua(node.get(i)));
      }
      return t;
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return LuaValue.valueOf(node.asText());
  }
}
