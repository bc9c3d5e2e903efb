package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mlflowtables.jdbc.JdbcTesting.activeRuns;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.fxExperimentIds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * {@code ?} parameters against a real server: pushed wherever the same literal is, at the same
 * request count, with the same rows; one prepared statement runs with new values without being
 * planned again.
 */
@ExtendWith(MlflowServerExtension.class)
class PreparedStatementsIT {
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static MlflowServer server;
  private static Oracle oracle;
  private static Connection conn;
  private static String fx;

  @BeforeAll
  static void connect(MlflowServer s, Oracle o) throws SQLException {
    server = s;
    oracle = o;
    conn = JdbcTesting.connect(s);
    fx = fxExperimentIds(o);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  /** A query with {@code ?} parameters and their values (Timestamps are UTC times). */
  record Case(String sql, List<Object> values) {
    static Case of(String sql, Object... values) {
      return new Case(sql, List.of(values));
    }

    /** The same query with the values written as SQL literals. */
    String literalSql() {
      StringBuilder b = new StringBuilder();
      int next = 0;
      for (char ch : sql.toCharArray()) {
        b.append(ch == '?' ? literal(values.get(next++)) : String.valueOf(ch));
      }
      return b.toString();
    }

    private static String literal(Object v) {
      if (v instanceof String s) {
        return "'" + s.replace("'", "''") + "'";
      }
      if (v instanceof Timestamp t) {
        return "TIMESTAMP '" + SQL_TIME.format(Instant.ofEpochMilli(t.getTime())) + "'";
      }
      return v.toString();
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  /** A run of fx-alpha that has an end time, metrics, params and tags. */
  private static Oracle.Run run() {
    return activeRuns(oracle).stream()
        .filter(r -> r.endTime() != null && r.metrics().containsKey("accuracy")
            && !Double.isNaN(r.metrics().get("accuracy")) && r.params().containsKey("lr"))
        .findFirst().orElseThrow();
  }

  private static Timestamp time(long millis) {
    return new Timestamp(millis);
  }

  /** For each table, each column (and a map entry) that a literal pushes, the same with a ?. */
  static Stream<Case> pushableColumns() {
    Oracle.Run r = run();
    Oracle.Run other = activeRuns(oracle).stream()
        .filter(x -> !x.runId().equals(r.runId())).findFirst().orElseThrow();
    Oracle.Experiment alpha = oracle.experiment("fx-alpha");
    Oracle.Experiment beta = oracle.experiment("fx-beta");
    Oracle.ModelVersion v2 = oracle.modelVersion("fx-classifier", 2);
    Oracle.LoggedModel model = oracle.loggedModel("fx-model-a");
    Oracle.RunInput input = oracle.runInputs().stream()
        .filter(i -> "dataset".equals(i.kind())).findFirst().orElseThrow();
    String runs = "SELECT run_id FROM runs WHERE experiment_id IN " + fx + " AND ";
    return Stream.of(
        Case.of("SELECT count(*) FROM mlflow.runs WHERE experiment_id = ?", alpha.experimentId()),
        Case.of("SELECT run_id FROM runs WHERE experiment_id IN (?, ?)", alpha.experimentId(),
            beta.experimentId()),
        Case.of("SELECT run_name FROM runs WHERE run_id = ?", r.runId()),
        Case.of("SELECT run_name FROM runs WHERE run_id IN (?, ?)", r.runId(), other.runId()),
        Case.of(runs + "run_name = ?", r.runName()),
        Case.of(runs + "run_name LIKE ?", "fx-alpha-run-0%"),
        Case.of(runs + "user_id = ?", r.userId()),
        Case.of(runs + "status = ?", r.status()),
        Case.of(runs + "start_time >= ?", time(r.startTime())),
        Case.of(runs + "end_time <= ?", time(r.endTime())),
        Case.of(runs + "artifact_uri = ?", r.artifactUri()),
        Case.of(runs + "metrics['accuracy'] <= ?", r.metrics().get("accuracy")),
        Case.of(runs + "metrics['accuracy'] > ?", 0.6),
        Case.of(runs + "params['lr'] = ?", r.params().get("lr")),
        Case.of(runs + "tags['mlflow.user'] = ?", r.tags().get("mlflow.user")),
        Case.of("SELECT run_name FROM runs WHERE experiment_id = ? "
            + "ORDER BY start_time DESC LIMIT ?", alpha.experimentId(), 4),
        Case.of("SELECT name FROM experiments WHERE experiment_id = ?", beta.experimentId()),
        Case.of("SELECT experiment_id FROM experiments WHERE name = ?", "fx-gamma"),
        Case.of("SELECT name FROM experiments WHERE name LIKE ?", "fx-%"),
        Case.of("SELECT name FROM experiments WHERE creation_time >= ?",
            time(alpha.creationTime())),
        Case.of("SELECT name FROM experiments WHERE last_update_time >= ?",
            time(alpha.lastUpdateTime())),
        Case.of("SELECT name FROM experiments WHERE tags['team'] = ?", "vision"),
        Case.of("SELECT run_id, \"value\" FROM latest_metrics WHERE experiment_id IN " + fx
            + " AND key = ? AND \"value\" <= ?", "accuracy", 0.8),
        Case.of("SELECT key FROM latest_metrics WHERE run_id = ?", r.runId()),
        Case.of("SELECT run_id FROM params WHERE experiment_id IN " + fx
            + " AND key = ? AND \"value\" = ?", "lr", r.params().get("lr")),
        Case.of("SELECT run_id FROM tags WHERE experiment_id IN " + fx
            + " AND key = ? AND \"value\" = ?", "mlflow.user", r.tags().get("mlflow.user")),
        Case.of("SELECT step, \"value\" FROM metrics WHERE run_id = ? AND key = ?", r.runId(),
            "accuracy"),
        Case.of("SELECT name FROM registered_models WHERE name = ?", "fx-classifier"),
        Case.of("SELECT name FROM registered_models WHERE name LIKE ?", "fx-r%"),
        Case.of("SELECT name FROM registered_models WHERE tags['task'] = ?", "ranking"),
        Case.of("SELECT version FROM model_versions WHERE name = ? AND version >= ?",
            "fx-classifier", 2L),
        Case.of("SELECT name, version FROM model_versions WHERE source = ?", v2.source()),
        Case.of("SELECT name, version FROM model_versions WHERE run_id = ?", v2.runId()),
        Case.of("SELECT name FROM logged_models WHERE experiment_id = ?", alpha.experimentId()),
        Case.of("SELECT name FROM logged_models WHERE experiment_id IN " + fx
            + " AND name = ?", model.name()),
        Case.of("SELECT name FROM logged_models WHERE experiment_id IN " + fx
            + " AND model_id = ?", model.modelId()),
        Case.of("SELECT name FROM logged_models WHERE experiment_id IN " + fx
            + " AND creation_time >= ?", time(model.creationTime())),
        Case.of("SELECT name FROM logged_models WHERE experiment_id IN " + fx
            + " AND tags['stage'] = ?", "candidate"),
        Case.of("SELECT name FROM logged_models WHERE experiment_id IN " + fx
            + " AND params['lr'] = ?", "0.01"),
        Case.of("SELECT model_id, \"value\" FROM logged_model_metrics WHERE experiment_id IN "
            + fx + " AND key = ? AND \"value\" > ?", "eval_accuracy", 0.5),
        Case.of("SELECT run_id, dataset_name FROM run_inputs WHERE experiment_id IN " + fx
            + " AND dataset_name = ?", input.datasetName()));
  }

  @ParameterizedTest
  @MethodSource("pushableColumns")
  void aParameterCostsTheRequestsOfTheLiteralAndGivesItsRows(Case c) throws SQLException {
    long before = server.requestCount();
    List<List<Object>> literal = JdbcTesting.rows(conn, c.literalSql());
    long literalRequests = server.requestCount() - before;
    before = server.requestCount();
    List<List<Object>> withParameters =
        JdbcTesting.rows(conn, c.sql(), c.values().toArray());
    long parameterRequests = server.requestCount() - before;
    System.out.printf("requests: literal %d, ? %d: %s%n", literalRequests, parameterRequests,
        c.sql());
    assertFalse(literal.isEmpty(), "the fixture has rows for " + c.literalSql());
    assertEquals(canonical(literal), canonical(withParameters), c.literalSql());
    assertEquals(literalRequests, parameterRequests, c.literalSql());
  }

  @Test
  void oneStatementRunsWithThreeValuesWithoutBeingPlannedAgain() throws SQLException {
    List<Oracle.Experiment> experiments = oracle.experiments().stream()
        .filter(e -> "active".equals(e.lifecycleStage())).toList();
    assertEquals(3, experiments.size(), "fx-alpha, fx-beta, fx-gamma");
    AtomicInteger plans = new AtomicInteger();
    Consumer<Object> countPlans = planner -> plans.incrementAndGet();
    try (Hook.Closeable counting = Hook.PLANNER.addThread(countPlans);
        PreparedStatement ps = conn.prepareStatement(
            "SELECT run_name FROM runs WHERE experiment_id = ?")) {
      int planned = plans.get();
      assertEquals(1, planned, "planned once, when prepared");
      for (Oracle.Experiment e : experiments) {
        ps.setString(1, e.experimentId());
        long before = server.requestCount();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        assertEquals(1, server.requestCount() - before, "one search-runs for " + e.name());
        assertEquals(activeRuns(oracle).stream()
            .filter(r -> r.experimentId().equals(e.experimentId()))
            .map(Oracle.Run::runName).sorted().toList(), names.stream().sorted().toList());
      }
      assertEquals(planned, plans.get(), "executing plans nothing");
    }
  }
}
