package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/** DatabaseMetaData as BI tools read it: schemas, tables, columns with JDBC types. */
@ExtendWith(MlflowServerExtension.class)
class MetadataIT {
  private static MlflowServer server;
  private static Connection conn;

  @BeforeAll
  static void connect(MlflowServer s) throws SQLException {
    server = s;
    s.fixture(); // some tests read rows: seed them, whichever test class runs first
    conn = JdbcTesting.connect(s);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @Test
  void schemaMlflowIsListedAndTheDefault() throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertTrue(schemas.contains("mlflow"), schemas.toString());
    assertEquals("mlflow", conn.getSchema());
  }

  @Test
  void everyTableOfTheDesignIsListed() throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    try (ResultSet rs = conn.getMetaData().getTables(null, "mlflow", "%", null)) {
      while (rs.next()) {
        assertEquals("TABLE", rs.getString("TABLE_TYPE"));
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertEquals(new TreeSet<>(List.of("experiments", "runs", "latest_metrics", "params",
        "tags", "metrics", "registered_models", "model_versions", "logged_models",
        "logged_model_metrics", "run_inputs", "traces", "trace_spans", "assessments",
        "run_artifacts")), tables);
    assertEquals(new TreeSet<>(Tables.names()), tables);
  }

  private static Map<String, Integer> columnTypes(String table) throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    try (ResultSet rs = conn.getMetaData().getColumns(null, "mlflow", table, "%")) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
    }
    return types;
  }

  @Test
  void runsColumnsInOrderWithJdbcTypes() throws SQLException {
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("run_id", Types.VARCHAR);
    expected.put("run_name", Types.VARCHAR);
    expected.put("experiment_id", Types.VARCHAR);
    expected.put("user_id", Types.VARCHAR);
    expected.put("status", Types.VARCHAR);
    expected.put("start_time", Types.TIMESTAMP);
    expected.put("end_time", Types.TIMESTAMP);
    expected.put("artifact_uri", Types.VARCHAR);
    expected.put("lifecycle_stage", Types.VARCHAR);
    expected.put("metrics", Types.OTHER);
    expected.put("params", Types.OTHER);
    expected.put("tags", Types.OTHER);
    assertEquals(expected, columnTypes("runs"));
  }

  @Test
  void longTablesHavePlainColumns() throws SQLException {
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("run_id", Types.VARCHAR);
    expected.put("experiment_id", Types.VARCHAR);
    expected.put("key", Types.VARCHAR);
    expected.put("value", Types.DOUBLE);
    expected.put("timestamp", Types.TIMESTAMP);
    expected.put("step", Types.BIGINT);
    expected.put("model_id", Types.VARCHAR);
    expected.put("dataset_name", Types.VARCHAR);
    expected.put("dataset_digest", Types.VARCHAR);
    assertEquals(expected, columnTypes("metrics"));
    assertEquals(expected, columnTypes("latest_metrics"));
  }

  @Test
  void runArtifactsHaveABooleanColumn() throws SQLException {
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("run_id", Types.VARCHAR);
    expected.put("experiment_id", Types.VARCHAR);
    expected.put("path", Types.VARCHAR);
    expected.put("is_dir", Types.BOOLEAN);
    expected.put("file_size", Types.BIGINT);
    assertEquals(expected, columnTypes("run_artifacts"));
  }

  @Test
  void arrayAndMapTypeNames() throws SQLException {
    try (ResultSet rs = conn.getMetaData().getColumns(null, "mlflow", "model_versions", "%")) {
      Map<String, String> typeNames = new LinkedHashMap<>();
      while (rs.next()) {
        typeNames.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
        if (rs.getString("COLUMN_NAME").equals("aliases")) {
          assertEquals(Types.ARRAY, rs.getInt("DATA_TYPE"));
        }
      }
      assertTrue(typeNames.get("aliases").contains("ARRAY"), typeNames.toString());
      assertTrue(typeNames.get("tags").contains("MAP"), typeNames.toString());
    }
  }

  @Test
  void resultSetMetadataMatchesTheColumns() throws SQLException {
    try (ResultSet rs = conn.createStatement().executeQuery(
        "SELECT run_id, start_time, metrics, metrics['loss'] AS loss FROM runs LIMIT 1")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(Types.VARCHAR, md.getColumnType(1));
      assertEquals(Types.TIMESTAMP, md.getColumnType(2));
      assertEquals(Types.OTHER, md.getColumnType(3));
      assertEquals(Types.DOUBLE, md.getColumnType(4));
      assertEquals("loss", md.getColumnLabel(4));
      assertTrue(rs.next());
      assertTrue(rs.getObject(3) instanceof Map, String.valueOf(rs.getObject(3)));
    }
  }

  @Test
  void urlShowsTheTrackingUriWithoutSecrets() throws SQLException {
    String uri = server.uri().replace("http://", "http://someone:pa55word@");
    Properties p = new Properties();
    p.setProperty("token", "t0ken-value");
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + uri, p)) {
      DatabaseMetaData md = c.getMetaData();
      String url = md.getURL();
      assertTrue(url.startsWith("jdbc:mlflow:http://"), url);
      assertFalse(url.contains("pa55word") || url.contains("t0ken-value"), url);
      assertFalse(String.valueOf(c.getClientInfo()).contains("t0ken-value"));
    }
  }

  @Test
  void driverNameAndVersion() throws SQLException {
    DatabaseMetaData md = conn.getMetaData();
    assertEquals("mlflow-tables JDBC driver", md.getDriverName());
    assertTrue(md.getDriverVersion().matches("\\d+\\.\\d+\\.\\d+.*"), md.getDriverVersion());
    assertEquals("MLflow", md.getDatabaseProductName());
  }
}
