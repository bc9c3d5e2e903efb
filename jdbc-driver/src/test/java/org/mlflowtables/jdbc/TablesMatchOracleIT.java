package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mlflowtables.jdbc.JdbcTesting.activeRuns;
import static org.mlflowtables.jdbc.JdbcTesting.canonical;
import static org.mlflowtables.jdbc.JdbcTesting.fxExperimentIds;
import static org.mlflowtables.jdbc.JdbcTesting.row;
import static org.mlflowtables.jdbc.JdbcTesting.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;

/**
 * {@code SELECT *} of every table, scoped to the fixture (fx-*), equals what MLflow's own Python
 * client returned for the same data.
 */
@ExtendWith(MlflowServerExtension.class)
class TablesMatchOracleIT {
  private static Connection conn;
  private static Oracle oracle;
  private static String fx;
  private static Set<String> runIds;

  @BeforeAll
  static void connect(MlflowServer server, Oracle o) throws SQLException {
    oracle = o;
    conn = JdbcTesting.connect(server);
    fx = fxExperimentIds(o);
    runIds = activeRuns(o).stream().map(Oracle.Run::runId).collect(Collectors.toSet());
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  /**
   * MLflow's REST answers leave out empty strings (proto3 defaults), so core reads them as NULL
   * where the Python client shows {@code ""}: registry and logged-model strings such as
   * description, user_id, status_message and run_link.
   */
  private static List<List<Object>> emptyAsNull(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(r.stream().map(v -> "".equals(v) ? null : v).collect(Collectors.toList()));
    }
    return out;
  }

  private static void assertRows(List<List<Object>> expected, String sql) throws SQLException {
    assertFalse(expected.isEmpty(), "the oracle has rows for " + sql);
    assertEquals(canonical(expected), canonical(rows(conn, sql)), sql);
  }

  @Test
  void experiments() throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.Experiment e : oracle.experiments()) {
      if ("active".equals(e.lifecycleStage())) {
        expected.add(row(e.experimentId(), e.name(), e.artifactLocation(), e.lifecycleStage(),
            e.creationTime(), e.lastUpdateTime(), e.tags()));
      }
    }
    assertRows(expected, "SELECT * FROM experiments WHERE name LIKE 'fx-%'");
  }

  @Test
  void runs() throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.Run r : activeRuns(oracle)) {
      expected.add(row(r.runId(), r.runName(), r.experimentId(), r.userId(), r.status(),
          r.startTime(), r.endTime(), r.artifactUri(), r.lifecycleStage(), r.metrics(),
          r.params(), r.tags()));
    }
    assertRows(expected, "SELECT * FROM runs WHERE experiment_id IN " + fx);
  }

  @Test
  void latestMetrics() throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.Run r : activeRuns(oracle)) {
      for (Oracle.MetricPoint p : r.latestMetrics()) {
        expected.add(row(r.runId(), r.experimentId(), p.key(), p.value(), p.timestamp(),
            p.step(), p.modelId(), p.datasetName(), p.datasetDigest()));
      }
    }
    assertRows(expected, "SELECT * FROM latest_metrics WHERE experiment_id IN " + fx);
  }

  @Test
  void params() throws SQLException {
    List<List<Object>> expected = oracle.params().stream()
        .filter(e -> runIds.contains(e.runId()))
        .map(e -> row(e.runId(), e.experimentId(), e.key(), e.value()))
        .collect(Collectors.toList());
    assertRows(expected, "SELECT * FROM params WHERE experiment_id IN " + fx);
  }

  @Test
  void tags() throws SQLException {
    List<List<Object>> expected = oracle.tags().stream()
        .filter(e -> runIds.contains(e.runId()))
        .map(e -> row(e.runId(), e.experimentId(), e.key(), e.value()))
        .collect(Collectors.toList());
    assertRows(expected, "SELECT * FROM tags WHERE experiment_id IN " + fx);
  }

  @Test
  void metrics() throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.MetricPoint p : oracle.metricHistory()) {
      if (runIds.contains(p.runId())) {
        expected.add(row(p.runId(), oracle.runById(p.runId()).experimentId(), p.key(),
            p.value(), p.timestamp(), p.step(), p.modelId(), p.datasetName(),
            p.datasetDigest()));
      }
    }
    assertRows(expected, "SELECT * FROM metrics WHERE experiment_id IN " + fx);
  }

  @Test
  void registeredModels() throws SQLException {
    List<List<Object>> expected = oracle.registeredModels().stream()
        .map(m -> row(m.name(), m.description(), m.creationTime(), m.lastUpdatedTime(),
            m.userId(), m.tags(), m.aliases()))
        .collect(Collectors.toList());
    assertRows(emptyAsNull(expected), "SELECT * FROM registered_models WHERE name LIKE 'fx-%'");
  }

  @Test
  void modelVersions() throws SQLException {
    List<List<Object>> expected = oracle.modelVersions().stream()
        .map(v -> row(v.name(), v.version(), v.creationTime(), v.lastUpdatedTime(), v.userId(),
            v.currentStage(), v.description(), v.source(), v.runId(), v.status(),
            v.statusMessage(), v.runLink(), v.tags(), v.aliases()))
        .collect(Collectors.toList());
    assertRows(emptyAsNull(expected), "SELECT * FROM model_versions WHERE name LIKE 'fx-%'");
  }

  @Test
  void loggedModels() throws SQLException {
    // creator_id is not in the oracle: the Python client's LoggedModel has no such field.
    List<List<Object>> expected = oracle.loggedModels().stream()
        .map(m -> row(m.modelId(), m.experimentId(), m.name(), m.artifactUri(), m.status(),
            m.statusMessage(), m.modelType(), m.sourceRunId(), m.creationTime(),
            m.lastUpdatedTime(), m.tags(), m.params(), m.latestMetrics()))
        .collect(Collectors.toList());
    assertRows(emptyAsNull(expected), "SELECT model_id, experiment_id, name, artifact_uri, status, "
        + "status_message, model_type, source_run_id, creation_time, last_updated_time, tags, "
        + "params, metrics FROM logged_models WHERE experiment_id IN " + fx);
  }

  @Test
  void loggedModelMetrics() throws SQLException {
    List<List<Object>> expected = oracle.loggedModelMetrics().stream()
        .map(p -> row(p.modelId(), p.experimentId(), p.runId(), p.key(), p.value(),
            p.timestamp(), p.step(), p.datasetName(), p.datasetDigest()))
        .collect(Collectors.toList());
    assertRows(expected, "SELECT * FROM logged_model_metrics WHERE experiment_id IN " + fx);
  }

  @Test
  void runInputs() throws SQLException {
    List<List<Object>> expected = oracle.runInputs().stream()
        .filter(i -> runIds.contains(i.runId()))
        .map(i -> row(i.runId(), i.experimentId(), i.kind(), i.datasetName(),
            i.datasetDigest(), i.sourceType(), i.source(), i.schema(), i.profile(), i.modelId(),
            i.tags()))
        .collect(Collectors.toList());
    assertRows(expected, "SELECT * FROM run_inputs WHERE experiment_id IN " + fx);
  }

  /**
   * The MLflow 3 trace tables and run_artifacts, scoped to the fixture's active experiments (and,
   * for artifacts, its active runs: the default view type).
   */
  @ParameterizedTest
  @ValueSource(strings = {"traces", "trace_spans", "assessments", "run_artifacts"})
  void traceTablesAndRunArtifacts(String table) throws SQLException {
    Set<String> active = oracle.experiments().stream()
        .filter(e -> "active".equals(e.lifecycleStage()))
        .map(Oracle.Experiment::experimentId).collect(Collectors.toSet());
    List<List<Object>> expected = OracleRows.rows(oracle, table).stream()
        .filter(r -> active.contains((String) r.get(1)))
        .filter(r -> !table.equals("run_artifacts") || runIds.contains((String) r.get(0)))
        .collect(Collectors.toList());
    assertRows(expected, "SELECT * FROM " + table + " WHERE experiment_id IN " + fx);
  }
}
