package dev.onair.sandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The operator's audit history, read straight from PostgreSQL. */
final class AuditHistory {
  /** One row of audit_event. */
  record Row(
      String eventId,
      String time,
      String kind,
      String name,
      String reason,
      String type,
      String actor,
      String output,
      String message) {}

  private AuditHistory() {}

  static List<Row> read(EmbeddedDatabase db) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT event_id, occurred_at, kind, name, reason, type, actor, output, message"
                        + " FROM audit_event ORDER BY occurred_at, ordinal, event_id")) {
      while (r.next()) {
        rows.add(
            new Row(
                r.getString(1),
                r.getTimestamp(2).toInstant().toString(),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9)));
      }
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
        return rows; // the operator never reached PostgreSQL: nothing recorded yet
      }
      throw e;
    }
    return rows;
  }

  static String format(List<Row> rows) {
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("TIME", "KIND", "NAME", "REASON", "TYPE", "ACTOR", "OUTPUT", "MESSAGE"));
    for (Row r : rows) {
      table.add(
          List.of(
              r.time(),
              r.kind(),
              r.name(),
              r.reason(),
              r.type(),
              r.actor() == null ? "" : r.actor(),
              r.output() == null ? "" : r.output(),
              r.message()));
    }
    return LiveTable.table(table);
  }
}
