package dev.onair.operator.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;

/**
 * The PostgreSQL side of the audit history: idempotent inserts keyed by event id and session id,
 * retention, and the paginated queries behind the HTTP API.
 */
public class AuditStore {
  private final DataSource dataSource;
  private final Runnable migrate;
  private volatile boolean migrated;

  /**
   * @param migrate applies the versioned migrations (Flyway); called on first contact
   */
  public AuditStore(DataSource dataSource, Runnable migrate) {
    this.dataSource = dataSource;
    this.migrate = migrate;
  }

  /** Brings the schema up to date once per process; throws while PostgreSQL is unreachable. */
  public void ensureSchema() {
    if (!migrated) {
      synchronized (this) {
        if (!migrated) {
          migrate.run();
          migrated = true;
        }
      }
    }
  }

  /** Checks that PostgreSQL answers (migrating first if needed); throws when it does not. */
  public void ping() throws SQLException {
    ensureSchema();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1")) {
      ps.execute();
    }
  }

  /** Writes the records in one transaction; records already stored are left as they are. */
  public void write(List<AuditRecord> records) throws SQLException {
    ensureSchema();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement event =
              c.prepareStatement(
                  "INSERT INTO audit_event (event_id, occurred_at, ordinal, namespace, kind, name,"
                      + " uid, reason, type, message, actor, phase, output, session_id)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (event_id) DO NOTHING");
          PreparedStatement opened =
              c.prepareStatement(
                  "INSERT INTO stream_session (session_id, namespace, kind, name, uid, output,"
                      + " started_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (session_id) DO NOTHING");
          PreparedStatement closed =
              c.prepareStatement(
                  "INSERT INTO stream_session (session_id, namespace, kind, name, uid, output,"
                      + " started_at, ended_at, end_reason, duration_seconds)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (session_id) DO UPDATE SET ended_at = excluded.ended_at,"
                      + " end_reason = excluded.end_reason,"
                      + " duration_seconds = excluded.duration_seconds"
                      + " WHERE stream_session.ended_at IS NULL")) {
        for (AuditRecord r : records) {
          int i = 1;
          event.setString(i++, r.eventId());
          event.setObject(i++, time(r.occurredAt()));
          event.setInt(i++, r.ordinal());
          event.setString(i++, r.namespace());
          event.setString(i++, r.kind());
          event.setString(i++, r.name());
          event.setString(i++, r.uid());
          event.setString(i++, r.reason());
          event.setString(i++, r.warning() ? "Warning" : "Normal");
          event.setString(i++, r.message());
          event.setString(i++, r.actor());
          event.setString(i++, r.phase());
          event.setString(i++, r.output());
          event.setString(i++, r.session() == null ? null : r.session().id());
          event.addBatch();
          AuditRecord.Session s = r.session();
          if (s != null) {
            PreparedStatement ps = s.endedAt() == null ? opened : closed;
            int j = 1;
            ps.setString(j++, s.id());
            ps.setString(j++, r.namespace());
            ps.setString(j++, r.kind());
            ps.setString(j++, r.name());
            ps.setString(j++, r.uid());
            ps.setString(j++, r.output());
            ps.setObject(j++, time(s.startedAt()));
            if (s.endedAt() != null) {
              ps.setObject(j++, time(s.endedAt()));
              ps.setString(j++, s.endReason());
              ps.setDouble(j++, Duration.between(s.startedAt(), s.endedAt()).toMillis() / 1000.0);
            }
            ps.addBatch();
          }
        }
        event.executeBatch();
        opened.executeBatch();
        closed.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Removes records and ended sessions older than {@code cutoff}; returns how many rows went. */
  public int deleteOlderThan(Instant cutoff) throws SQLException {
    ensureSchema();
    try (Connection c = dataSource.getConnection();
        PreparedStatement events =
            c.prepareStatement("DELETE FROM audit_event WHERE occurred_at < ?");
        PreparedStatement sessions =
            c.prepareStatement("DELETE FROM stream_session WHERE ended_at < ?")) {
      events.setObject(1, time(cutoff));
      sessions.setObject(1, time(cutoff));
      return events.executeUpdate() + sessions.executeUpdate();
    }
  }

  /**
   * Filters of a history or sessions query; null means any. {@code visible} limits the rows to what
   * the caller may read (null: everything, for the operator's own use).
   */
  public record Query(
      String namespace,
      String kind,
      String name,
      String output,
      Instant since,
      Instant until,
      int limit,
      String cursor,
      Visibility visible) {}

  /** One page, newest first, and the cursor of the next one (null on the last page). */
  public record Page<T>(List<T> items, String nextCursor) {}

  /** One row of audit_event as the API returns it. */
  public record HistoryEntry(
      String eventId,
      String time,
      String namespace,
      String kind,
      String name,
      String uid,
      String reason,
      String type,
      String message,
      String actor,
      String phase,
      String output,
      String sessionId) {}

  /** One row of stream_session as the API returns it. */
  public record SessionEntry(
      String sessionId,
      String namespace,
      String kind,
      String name,
      String output,
      String startedAt,
      String endedAt,
      String endReason,
      Double durationSeconds) {}

  public Page<HistoryEntry> history(Query q) throws SQLException {
    ensureSchema();
    Sql sql =
        new Sql(
            "SELECT event_id, occurred_at, ordinal, namespace, kind, name, uid, reason, type,"
                + " message, actor, phase, output, session_id FROM audit_event WHERE TRUE");
    filters(sql, q);
    if (q.since() != null) {
      sql.and("occurred_at >= ?", time(q.since()));
    }
    if (q.until() != null) {
      sql.and("occurred_at < ?", time(q.until()));
    }
    if (q.cursor() != null) {
      String[] c = decode(q.cursor(), 3);
      sql.and(
          "(occurred_at, ordinal, event_id) < (?, ?, ?)",
          time(Instant.parse(c[0])),
          Integer.parseInt(c[1]),
          c[2]);
    }
    sql.text.append(" ORDER BY occurred_at DESC, ordinal DESC, event_id DESC LIMIT ?");
    sql.params.add(q.limit() + 1);
    List<HistoryEntry> items = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = sql.prepare(c);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Instant at = rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
        items.add(
            new HistoryEntry(
                rs.getString("event_id"),
                at.toString(),
                rs.getString("namespace"),
                rs.getString("kind"),
                rs.getString("name"),
                rs.getString("uid"),
                rs.getString("reason"),
                rs.getString("type"),
                rs.getString("message"),
                rs.getString("actor"),
                rs.getString("phase"),
                rs.getString("output"),
                rs.getString("session_id")));
        cursors.add(encode(at.toString(), rs.getString("ordinal"), rs.getString("event_id")));
      }
    }
    return page(items, cursors, q.limit());
  }

  public Page<SessionEntry> sessions(Query q) throws SQLException {
    ensureSchema();
    Sql sql =
        new Sql(
            "SELECT session_id, namespace, kind, name, output, started_at, ended_at, end_reason,"
                + " duration_seconds FROM stream_session WHERE TRUE");
    filters(sql, q);
    if (q.output() != null) {
      sql.and("output = ?", q.output());
    }
    // Sessions that overlap [since, until).
    if (q.since() != null) {
      sql.and("(ended_at IS NULL OR ended_at >= ?)", time(q.since()));
    }
    if (q.until() != null) {
      sql.and("started_at < ?", time(q.until()));
    }
    if (q.cursor() != null) {
      String[] c = decode(q.cursor(), 2);
      sql.and("(started_at, session_id) < (?, ?)", time(Instant.parse(c[0])), c[1]);
    }
    sql.text.append(" ORDER BY started_at DESC, session_id DESC LIMIT ?");
    sql.params.add(q.limit() + 1);
    List<SessionEntry> items = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = sql.prepare(c);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Instant started = rs.getObject("started_at", OffsetDateTime.class).toInstant();
        OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
        double duration = rs.getDouble("duration_seconds");
        items.add(
            new SessionEntry(
                rs.getString("session_id"),
                rs.getString("namespace"),
                rs.getString("kind"),
                rs.getString("name"),
                rs.getString("output"),
                started.toString(),
                ended == null ? null : ended.toInstant().toString(),
                rs.getString("end_reason"),
                rs.wasNull() ? null : duration));
        cursors.add(encode(started.toString(), rs.getString("session_id")));
      }
    }
    return page(items, cursors, q.limit());
  }

  private static void filters(Sql sql, Query q) {
    if (q.namespace() != null) {
      sql.and("namespace = ?", q.namespace());
    }
    if (q.kind() != null) {
      sql.and("lower(kind) = lower(?)", q.kind());
    }
    if (q.name() != null) {
      sql.and("name = ?", q.name());
    }
    if (q.visible() != null) {
      visible(sql, q.visible());
    }
  }

  private static void visible(Sql sql, Visibility v) {
    List<String> any = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (String kind : v.everywhere()) {
      any.add("kind = ?");
      params.add(kind);
    }
    v.inNamespaces()
        .forEach(
            (kind, namespaces) -> {
              if (!namespaces.isEmpty()) {
                any.add("(kind = ? AND namespace = ANY (?))");
                params.add(kind);
                params.add(namespaces.toArray(String[]::new));
              }
            });
    sql.and(any.isEmpty() ? "FALSE" : "(" + String.join(" OR ", any) + ")", params.toArray());
  }

  /** The namespaces that have any history, sorted. */
  public List<String> namespaces() throws SQLException {
    ensureSchema();
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    try (Connection c = dataSource.getConnection()) {
      for (String table : List.of("audit_event", "stream_session")) {
        // A loose index scan: one index probe per distinct namespace, not a read of every row.
        try (PreparedStatement ps =
                c.prepareStatement(
                    "WITH RECURSIVE ns AS ((SELECT namespace FROM "
                        + table
                        + " ORDER BY namespace LIMIT 1) UNION ALL SELECT (SELECT t.namespace FROM "
                        + table
                        + " t WHERE t.namespace > ns.namespace ORDER BY t.namespace LIMIT 1)"
                        + " FROM ns WHERE ns.namespace IS NOT NULL)"
                        + " SELECT namespace FROM ns WHERE namespace IS NOT NULL");
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
      }
    }
    return List.copyOf(names);
  }

  private static <T> Page<T> page(List<T> items, List<String> cursors, int limit) {
    if (items.size() <= limit) {
      return new Page<>(items, null);
    }
    return new Page<>(List.copyOf(items.subList(0, limit)), cursors.get(limit - 1));
  }

  private static String encode(String... parts) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor, int parts) {
    String[] p;
    try {
      p =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
              .split("\\|", parts);
      if (p.length == parts) {
        Instant.parse(p[0]);
        return p;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException("cursor: not a cursor this API returned");
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A statement built from optional filters, with its parameters in order. */
  private static final class Sql {
    final StringBuilder text;
    final List<Object> params = new ArrayList<>();

    Sql(String select) {
      text = new StringBuilder(select);
    }

    void and(String condition, Object... values) {
      text.append(" AND ").append(condition);
      params.addAll(List.of(values));
    }

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement ps = c.prepareStatement(text.toString());
      for (int i = 0; i < params.size(); i++) {
        Object value = params.get(i);
        if (value instanceof String[] values) {
          ps.setArray(i + 1, c.createArrayOf("text", values));
        } else {
          ps.setObject(i + 1, value);
        }
      }
      return ps;
    }
  }
}
