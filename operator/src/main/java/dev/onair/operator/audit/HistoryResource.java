package dev.onair.operator.audit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The audit history over HTTP: {@code /api/v1/history} and {@code /api/v1/sessions}, newest first.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AuditStore store;

  public HistoryResource(AuditStore store) {
    this.store = store;
  }

  @GET
  @Path("/history")
  public Response history(
      @RestQuery String namespace,
      @RestQuery String kind,
      @RestQuery String name,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery Integer limit,
      @RestQuery String cursor) {
    return answer(
        () -> store.history(query(namespace, kind, name, null, since, until, limit, cursor)));
  }

  @GET
  @Path("/sessions")
  public Response sessions(
      @RestQuery String namespace,
      @RestQuery String kind,
      @RestQuery String name,
      @RestQuery String output,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery Integer limit,
      @RestQuery String cursor) {
    return answer(
        () -> store.sessions(query(namespace, kind, name, output, since, until, limit, cursor)));
  }

  private interface Lookup {
    AuditStore.Page<?> run() throws SQLException;
  }

  private static Response answer(Lookup lookup) {
    try {
      return Response.ok(lookup.run()).build();
    } catch (IllegalArgumentException e) {
      return Response.status(400).entity(Map.of("error", e.getMessage())).build();
    } catch (SQLException | RuntimeException e) {
      return Response.status(503)
          .entity(Map.of("error", "the audit store is unavailable, try again later"))
          .build();
    }
  }

  private static AuditStore.Query query(
      String namespace,
      String kind,
      String name,
      String output,
      String since,
      String until,
      Integer limit,
      String cursor) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: between 1 and " + MAX_LIMIT);
    }
    return new AuditStore.Query(
        blankToNull(namespace),
        blankToNull(kind),
        blankToNull(name),
        blankToNull(output),
        time("since", since),
        time("until", until),
        size,
        blankToNull(cursor));
  }

  private static Instant time(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": not an RFC 3339 time, e.g. 2026-11-21T06:00:00Z");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
