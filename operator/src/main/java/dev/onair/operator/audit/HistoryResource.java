package dev.onair.operator.audit;

import dev.onair.api.v1alpha1.ApiGroup;
import dev.onair.operator.access.AccessReviews;
import dev.onair.operator.access.Caller;
import dev.onair.operator.access.ReviewUnavailable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The audit history over HTTP: {@code /api/v1/history} and {@code /api/v1/sessions}, newest first.
 * Every request carries a Kubernetes bearer token; the answer holds only the rows of kinds and
 * namespaces where that user may {@code get} the resource (docs/security.md).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final String BEARER = "Bearer ";
  private static final Logger LOG = Logger.getLogger(HistoryResource.class);
  private static final AuditStore.Page<Object> NOTHING = new AuditStore.Page<>(List.of(), null);

  private final AuditStore store;
  private final AccessReviews reviews;
  private final HistoryAccess access;

  public HistoryResource(AuditStore store, AccessReviews reviews, HistoryAccess access) {
    this.store = store;
    this.reviews = reviews;
    this.access = access;
  }

  @GET
  @Path("/history")
  public Response history(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @RestQuery String namespace,
      @RestQuery String kind,
      @RestQuery String name,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery Integer limit,
      @RestQuery String cursor) {
    return answer(
        authorization,
        kind,
        namespace,
        visible ->
            store.history(
                query(namespace, kind, name, null, since, until, limit, cursor, visible)));
  }

  @GET
  @Path("/sessions")
  public Response sessions(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @RestQuery String namespace,
      @RestQuery String kind,
      @RestQuery String name,
      @RestQuery String output,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery Integer limit,
      @RestQuery String cursor) {
    return answer(
        authorization,
        kind,
        namespace,
        visible ->
            store.sessions(
                query(namespace, kind, name, output, since, until, limit, cursor, visible)));
  }

  private interface Lookup {
    AuditStore.Page<?> run(Visibility visible) throws SQLException;
  }

  private Response answer(String authorization, String kind, String namespace, Lookup lookup) {
    try {
      Optional<Caller> caller = caller(authorization);
      if (caller.isEmpty()) {
        return error(
                Response.Status.UNAUTHORIZED,
                "a valid Kubernetes bearer token is required (Authorization: Bearer <token>), e.g."
                    + " from kubectl create token <serviceaccount>")
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"onair\"")
            .build();
      }
      Visibility visible = access.of(caller.get(), blankToNull(kind), blankToNull(namespace));
      // Asked for a namespace or kind one may not read: refused. Asked for everything: the part
      // one may read, which may be nothing yet (a team whose namespace has no history).
      boolean filtered = blankToNull(kind) != null || blankToNull(namespace) != null;
      if (visible.nothing() && filtered) {
        return error(Response.Status.FORBIDDEN, forbidden(caller.get(), kind, namespace)).build();
      }
      return Response.ok(visible.nothing() ? NOTHING : lookup.run(visible)).build();
    } catch (IllegalArgumentException e) {
      return error(Response.Status.BAD_REQUEST, e.getMessage()).build();
    } catch (ReviewUnavailable e) {
      LOG.warnf(e, "history API: %s", e.getMessage());
      return error(
              Response.Status.SERVICE_UNAVAILABLE,
              "the Kubernetes API cannot check the token now, try again later")
          .build();
    } catch (SQLException e) {
      LOG.warnf(e, "history API: the audit store did not answer");
      return error(
              Response.Status.SERVICE_UNAVAILABLE,
              "the audit store is unavailable, try again later")
          .build();
    } catch (RuntimeException e) {
      LOG.errorf(e, "history API: unexpected failure");
      return error(Response.Status.INTERNAL_SERVER_ERROR, "internal error, see the operator log")
          .build();
    }
  }

  private Optional<Caller> caller(String authorization) throws ReviewUnavailable {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? Optional.empty() : reviews.authenticate(token);
  }

  private static String forbidden(Caller caller, String kind, String namespace) {
    String resources =
        kind == null || kind.isBlank()
            ? String.join(", ", HistoryAccess.RESOURCES.values())
            : HistoryAccess.RESOURCES.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(kind))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(kind);
    String where =
        namespace == null || namespace.isBlank()
            ? "in any namespace with history"
            : "in the namespace \"" + namespace + "\"";
    return "User \""
        + caller.username()
        + "\" cannot get "
        + resources
        + " ("
        + ApiGroup.GROUP
        + ") "
        + where
        + ", so the history shows nothing of it";
  }

  private static Response.ResponseBuilder error(Response.Status status, String message) {
    return Response.status(status).entity(Map.of("error", message));
  }

  private static AuditStore.Query query(
      String namespace,
      String kind,
      String name,
      String output,
      String since,
      String until,
      Integer limit,
      String cursor,
      Visibility visible) {
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
        blankToNull(cursor),
        visible);
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
