package org.mlflowtables.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.mlflowtables.core.reliability.BadInput;
import org.mlflowtables.core.reliability.BadInputITBase;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.jdbc.JdbcTesting;

/**
 * Bad input through the JDBC driver: each case fails with an SQLException naming the culprit
 * (table, column, setting, URL part, statement, HTTP status, run and key); awkward but legal
 * literals (quotes, backticks, newlines, Unicode, LIKE wildcards) give the right rows.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class JdbcBadInputIT extends BadInputITBase {
  /** A case that must fail with an SQLException whose messages contain every phrase. */
  private static DynamicTest error(String name, Executable action, String... phrases) {
    return error(JdbcBadInputIT.class, name, SQLException.class, BadInputITBase::messages,
        action, phrases);
  }

  private static Connection direct() throws SQLException {
    return JdbcTesting.connect(server.uri(), "viewType=ALL");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = direct(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void connectUrl(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, new Properties())) {
      c.createStatement().executeQuery("SELECT 1 FROM experiments").close();
    }
  }

  @TestFactory
  List<DynamicTest> badUrlsAndSettingsNameThem() {
    String u = server.uri();
    return List.of(
        error("unknown setting in the URL", () -> connectUrl("jdbc:mlflow:" + u + ";tokn=x"),
            "'tokn'"),
        error("unknown setting in Properties", () -> {
          Properties p = new Properties();
          p.setProperty("pageSise", "10");
          DriverManager.getConnection("jdbc:mlflow:" + u, p).close();
        }, "'pageSise'"),
        error("tracking URI with another scheme", () -> connectUrl("jdbc:mlflow:ftp://host/x"),
            "'uri'"),
        error("tracking URI without host", () -> connectUrl("jdbc:mlflow:http://"), "'uri'"),
        error("no tracking URI at all", () -> connectUrl("jdbc:mlflow:"), "'uri'"),
        error("bad value of a setting", () -> connectUrl("jdbc:mlflow:" + u + ";maxRetries=-3"),
            "'maxRetries'"),
        error("bad viewType", () -> connectUrl("jdbc:mlflow:" + u + ";viewType=SOME"),
            "'viewType'"),
        error("malformed settings part", () -> connectUrl("jdbc:mlflow:" + u + ";token='x"),
            "jdbc:mlflow:"),
        error("server not listening", () -> connectUrl("jdbc:mlflow:http://127.0.0.1:9"
            + ";maxRetries=0"), "127.0.0.1:9"));
  }

  @TestFactory
  List<DynamicTest> sqlTheDriverCannotRunNamesTheProblem() {
    return List.of(
        error("unknown table", () -> execute("SELECT * FROM runz"), "'runz'"),
        error("unknown column", () -> execute("SELECT run_nme FROM runs"), "'run_nme'"),
        error("unknown schema", () -> execute("SELECT * FROM other.runs"), "other"),
        error("syntax error", () -> execute("SELEC run_id FROM runs"), "SELEC"),
        // UPDATE and DELETE of a read-only table name it, as DELETE of a writable one does (they
        // once ended in Calcite's planner: "There are not enough rules ...").
        error("UPDATE of a read-only table", () -> execute(
            "UPDATE registered_models SET description = 'x'"), "MLflow table 'registered_models'"),
        // an SQLException, not the java.lang.AssertionError ("UPDATE") that once escaped
        error("UPDATE of a writable table", () -> execute("UPDATE params SET \"value\" = 'x'"),
            "MLflow table 'params'", "INSERT"),
        error("DELETE from a writable table", () -> execute("DELETE FROM params WHERE key = 'x'"),
            "MLflow table 'params'", "INSERT"),
        error("DELETE from a read-only table", () -> execute("DELETE FROM registered_models"),
            "MLflow table 'registered_models'"),
        error("INSERT into a read-only table", () -> execute(
            "INSERT INTO registered_models (name) VALUES ('x')"), "registered_models"),
        error("CREATE TABLE", () -> execute("CREATE TABLE t (a INT)"), "CREATE"),
        error("a map entry of a column that is not a map",
            () -> execute("SELECT run_name['x'] FROM runs"), "run_name"),
        // an SQLException, not the ExceptionInInitializerError that once escaped
        error("comparing a timestamp with text",
            () -> execute("SELECT run_id FROM runs WHERE start_time > 'yesterday'"),
            "yesterday"));
  }

  @TestFactory
  List<DynamicTest> refusedCredentialsAreNamedAndNotRetried() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Fault f : List.of(Fault.HTTP_401, Fault.HTTP_403)) {
      tests.add(dynamicTest(f.name(), () -> proxy.runUnder(FaultPlan.always(f), () -> {
        error(f.name(), () -> {
          try (Connection c = JdbcTesting.connect(proxy.uri(), "token=wrong", "maxRetries=3")) {
            JdbcRel.query(c, "SELECT name FROM experiments");
          }
        }, f == Fault.HTTP_401 ? "HTTP 401" : "HTTP 403").getExecutable().execute();
        assertEquals(1, proxy.requests(), "not retried");
      })));
    }
    return tests;
  }

  private static void insert(String sql, Object... params) throws SQLException {
    try (Connection c = direct(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }

  private static final String METRIC = "INSERT INTO metrics (run_id, key, \"value\", \"timestamp\","
      + " step) VALUES (?, ?, ?, ?, ?)";
  private static final String TAG = "INSERT INTO tags (run_id, key, \"value\") VALUES (?, ?, ?)";
  private static final String PARAM = "INSERT INTO params (run_id, key, \"value\") VALUES (?, ?, ?)";

  @TestFactory
  List<DynamicTest> badRowsNameRunAndKey() {
    java.sql.Timestamp ts = new java.sql.Timestamp(1_700_000_000_000L);
    String r = runId;
    return List.of(
        error("metric key with a quote", () -> insert(METRIC, r, "it's", 1.0, ts, 0L), r,
            "it\\'s"),
        error("metric key with a backtick", () -> insert(METRIC, r, "a`b", 1.0, ts, 0L), r,
            "a`b"),
        error("tag key with a newline", () -> insert(TAG, r, "a\nb", "v"), r, "a\\nb"),
        error("key of 251 characters", () -> insert(TAG, r, "k".repeat(251), "v"), r,
            "MAX_ENTITY_KEY_LENGTH"),
        error("tag value over 1 MB", () -> insert(TAG, r, "big", "x".repeat(1_100_000)), r,
            "'big'", "8000"),
        error("param value too long", () -> insert(PARAM, r, "p", "x".repeat(6_001)), r, "'p'",
            "6000"),
        error("null run_id", () -> insert(TAG, null, "t", "v"), "run_id"),
        error("a run that does not exist", () -> insert(TAG,
            "0123456789abcdef0123456789abcdef", "t", "v"), "0123456789abcdef0123456789abcdef"),
        dynamicTest("changing a param", () -> {
          insert(PARAM, r, "fixed", "one");
          error("changing a param", () -> insert(PARAM, r, "fixed", "two"), r, "fixed")
              .getExecutable().execute();
        }),
        dynamicTest("NaN and infinities are legal values", () -> {
          insert(METRIC, r, "nan", Double.NaN, ts, 0L);
          insert(METRIC, r, "inf", Double.POSITIVE_INFINITY, ts, 0L);
          try (Connection c = direct()) {
            List<String> got = JdbcRel.query(c, "SELECT key, \"value\" FROM latest_metrics WHERE "
                + "run_id = '" + r + "' AND key IN ('nan', 'inf')");
            assertEquals(List.of("inf | " + Double.MAX_VALUE, "nan | NaN"), got);
          }
          BadInput.count(JdbcBadInputIT.class);
        }));
  }

  private static String sqlString(String v) {
    return "'" + v.replace("'", "''") + "'";
  }

  @TestFactory
  List<DynamicTest> awkwardLiteralsGiveTheRightRows() {
    List<DynamicTest> tests = new ArrayList<>();
    String fx = fixtureExperimentsSql();
    for (String v : oracle.paramValues("comment")) {
      tests.add(dynamicTest("params value = " + v.replace("\n", "\\n"), () -> {
        List<String> want = oracle.params().stream()
            .filter(p -> p.key().equals("comment") && p.value().equals(v))
            .map(Oracle.RunEntry::runId).sorted().toList();
        try (Connection c = direct()) {
          List<String> got = JdbcRel.query(c, "SELECT run_id FROM params WHERE experiment_id IN "
              + fx + " AND key = 'comment' AND \"value\" = " + sqlString(v));
          assertEquals(want, got);
          List<String> viaMap = JdbcRel.query(c, "SELECT run_id FROM runs WHERE experiment_id IN "
              + fx + " AND params['comment'] = " + sqlString(v));
          assertEquals(want, viaMap);
        }
        BadInput.count(JdbcBadInputIT.class);
      }));
    }
    for (String key : List.of("dropout rate", "sched:gamma", "über_param", "it's", "a`b")) {
      tests.add(dynamicTest("params['" + key + "'] IS NOT NULL", () -> {
        List<String> want = oracle.runs().stream().filter(run -> run.params().get(key) != null)
            .map(Oracle.Run::runId).sorted().toList();
        try (Connection c = direct()) {
          List<String> got = JdbcRel.query(c, "SELECT run_id FROM runs WHERE experiment_id IN "
              + fx + " AND params[" + sqlString(key) + "] IS NOT NULL");
          assertEquals(want, got);
          List<String> eq = JdbcRel.query(c, "SELECT run_id FROM runs WHERE experiment_id IN "
              + fx + " AND params[" + sqlString(key) + "] = 'x'");
          assertEquals(List.of(), eq);
        }
        BadInput.count(JdbcBadInputIT.class);
      }));
    }
    tests.add(dynamicTest("LIKE with an escaped %", () -> {
      List<String> want = oracle.params().stream().filter(p -> p.key().equals("comment")
          && p.value().contains("%")).map(Oracle.RunEntry::runId).sorted().toList();
      try (Connection c = direct()) {
        assertEquals(want, JdbcRel.query(c, "SELECT run_id FROM params WHERE experiment_id IN "
            + fx + " AND key = 'comment' AND \"value\" LIKE '%!%%' ESCAPE '!'"));
      }
      BadInput.count(JdbcBadInputIT.class);
    }));
    String tagValue = oracle.runs().stream().map(run -> run.tags().get("非拉丁"))
        .filter(Objects::nonNull).findFirst().orElseThrow();
    tests.add(dynamicTest("a non-Latin key and value", () -> {
      List<String> want = oracle.runs().stream()
          .filter(run -> tagValue.equals(run.tags().get("非拉丁"))).map(Oracle.Run::runId)
          .sorted().toList();
      try (Connection c = direct()) {
        assertEquals(want, JdbcRel.query(c, "SELECT run_id FROM runs WHERE experiment_id IN "
            + fx + " AND tags['非拉丁'] = " + sqlString(tagValue)));
      }
      BadInput.count(JdbcBadInputIT.class);
    }));
    return tests;
  }
}
