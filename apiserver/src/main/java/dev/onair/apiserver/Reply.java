package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** What a handler answers: one document, or a stream (watch, followed logs) written until done. */
sealed interface Reply {
  /** A whole document; {@code warnings} become {@code Warning: 299} headers, as kubectl shows. */
  record Document(int code, JsonNode body, String contentType, List<String> warnings)
      implements Reply {
    Document(int code, JsonNode body) {
      this(code, body, "application/json", List.of());
    }
  }

  /** Raw bytes, e.g. the OpenAPI v2 protobuf or a finished log. */
  record Bytes(int code, byte[] body, String contentType) implements Reply {}

  /** A chunked stream that the writer fills until it returns or the client goes away. */
  record Streaming(String contentType, StreamWriter writer) implements Reply {}

  /** Writes a streamed body; flushes after each unit so clients see events at once. */
  interface StreamWriter {
    void writeTo(OutputStream out) throws IOException, InterruptedException;
  }
}
