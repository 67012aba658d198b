package dev.onair.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** An embedded PostgreSQL the operator writes its audit history to, on 127.0.0.1. */
final class EmbeddedDatabase implements AutoCloseable {
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) throws IOException {
    return new EmbeddedDatabase(
        EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start());
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
