package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.testing.Throwables.messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.write.RunWriter;

/**
 * INSERT that creates: experiments by name, runs by their source key; read back with MLflow's
 * Python client.
 */
@ExtendWith(MlflowServerExtension.class)
class CreateWritesIT {
  private static MlflowServer server;
  private static MlflowClient client;
  private static Connection conn;

  @BeforeAll
  static void setUp(MlflowServer s) throws SQLException {
    server = s;
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri())));
    conn = JdbcTesting.connect(s);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  private static String prefix(String test) {
    return "jdbc-create-" + test + "-" + System.nanoTime() + "-";
  }

  private static int update(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  @Test
  void insertCreatesExperimentsWithTheirTags() throws SQLException {
    String p = prefix("new");
    assertEquals(2, update("INSERT INTO mlflow.experiments (name, tags) VALUES "
        + "('" + p + "a', MAP['team', 'vision', 'source', 'csv']),"
        + " ('" + p + "b', MAP['k', ''])"));

    Oracle python = Fixture.dump(server, p);
    assertEquals(2, python.experiments().size());
    Oracle.Experiment a = python.experiment(p + "a");
    assertEquals("active", a.lifecycleStage());
    assertEquals(Map.of("team", "vision", "source", "csv"), a.tags());
    assertEquals(Map.of("k", ""), python.experiment(p + "b").tags());
  }

  @Test
  void nameAloneCreatesAnExperimentWithoutTags() throws SQLException {
    String p = prefix("bare");
    assertEquals(1, update("INSERT INTO mlflow.experiments (name) VALUES ('" + p + "x')"));
    assertEquals(Map.of(), Fixture.dump(server, p).experiment(p + "x").tags());
  }

  @Test
  void anExistingExperimentKeepsItsIdAndGetsTheRowsTagsMerged() throws SQLException {
    String p = prefix("merge");
    String id = client.createExperiment(p + "x", null, Map.of("a", "1", "b", "2"));
    String insert = "INSERT INTO mlflow.experiments (name, tags) VALUES ('" + p + "x', "
        + "MAP['b', '3', 'c', '4'])";

    assertEquals(2, update(insert), "two tags set, nothing created");
    Oracle.Experiment x = Fixture.dump(server, p).experiment(p + "x");
    assertEquals(id, x.experimentId());
    assertEquals(Map.of("a", "1", "b", "3", "c", "4"), x.tags());

    assertEquals(0, update(insert), "a re-run changes nothing");
    assertEquals(x, Fixture.dump(server, p).experiment(p + "x"));
  }

  @Test
  void aDeletedExperimentOfThatNameIsNamedInTheError() {
    String p = prefix("deleted");
    String id = client.createExperiment(p + "gone", null, Map.of());
    client.deleteExperiment(id);

    SQLException e = assertThrows(SQLException.class, () -> update(
        "INSERT INTO mlflow.experiments (name) VALUES ('" + p + "gone')"));
    assertTrue(messages(e).contains("Experiment '" + p + "gone' exists on the server as deleted"
        + " (id " + id + ")"), messages(e));
  }

  private static String runRow(String key, String name, String experiment, String status,
      String start, String end, String params) {
    return "('" + key + "', '" + name + "', '" + experiment + "', '" + status + "', TIMESTAMP '"
        + start + "', " + (end == null ? "NULL" : "TIMESTAMP '" + end + "'") + ", " + params
        + ")";
  }

  private static String insertRuns(String... rows) {
    return "INSERT INTO mlflow.runs (run_id, run_name, experiment_id, status, start_time,"
        + " end_time, params) VALUES " + String.join(", ", rows);
  }

  @Test
  void insertCreatesRunsWithTheirOwnTimesStatusAndFieldsOnce() throws SQLException {
    String p = prefix("runs");
    String exp = client.createExperiment(p + "e", null, Map.of());
    String insert = "INSERT INTO mlflow.runs (run_id, run_name, experiment_id, status,"
        + " start_time, end_time, params, tags, metrics) VALUES ('src-1', 'first', '" + exp
        + "', 'FINISHED', TIMESTAMP '2021-03-04 05:06:07', TIMESTAMP '2021-03-04 06:00:00',"
        + " MAP['lr', '0.1'], MAP['team', 'cv'],"
        + " MAP['rmse', CAST(0.5 AS DOUBLE)]), ('src-2', 'second', '" + exp
        + "', 'RUNNING', TIMESTAMP '2021-03-05 00:00:00', NULL, MAP['a', 'b'], MAP['c', 'd'],"
        + " MAP['m', CAST(1 AS DOUBLE)])";

    assertEquals(6, update(insert), "2 runs created, 2 params, 2 points (tags go with the create)");
    Oracle python = Fixture.dump(server, p);
    Oracle.Run first = python.run("first");
    assertEquals(exp, first.experimentId());
    assertEquals("FINISHED", first.status());
    assertEquals(1614834367000L, first.startTime());
    assertEquals(1614837600000L, first.endTime());
    assertEquals(Map.of("lr", "0.1"), first.params());
    assertEquals(Map.of("rmse", 0.5), first.metrics());
    assertEquals(Map.of("team", "cv", "mlflow.runName", "first", RunWriter.SOURCE_TAG, "src-1"),
        first.tags());
    Oracle.Run second = python.run("second");
    assertEquals("RUNNING", second.status());
    assertEquals(null, second.endTime());
    assertEquals(1614902400000L, second.startTime());
    assertEquals(Map.of("a", "b"), second.params());
    assertEquals(Map.of("m", 1.0), second.metrics());

    assertEquals(0, update(insert), "a re-run creates and sends nothing");
    assertEquals(python.runs(), Fixture.dump(server, p).runs());
  }

  @Test
  void runsTakeTheIdOfTheirExperimentByNameFromExperimentsInTheInsertsSelect()
      throws SQLException {
    String p = prefix("select");
    String exp = client.createExperiment(p + "e", null, Map.of());
    assertEquals(2, update("INSERT INTO mlflow.runs (run_id, run_name, experiment_id, status,"
        + " start_time, end_time, params) SELECT 'csv-17', 'baseline', experiment_id, 'FINISHED',"
        + " TIMESTAMP '2021-03-04 05:06:07', TIMESTAMP '2021-03-04 06:00:00', MAP['lr', '0.1']"
        + " FROM mlflow.experiments WHERE name = '" + p + "e'"));
    Oracle.Run run = Fixture.dump(server, p).run("baseline");
    assertEquals(exp, run.experimentId());
    assertEquals(Map.of("lr", "0.1"), run.params());
  }

  @Test
  void aRowWithAStatusMlflowDoesNotHaveIsRefusedNamingIt() {
    String exp = client.createExperiment(prefix("status") + "e", null, Map.of());
    SQLException e = assertThrows(SQLException.class, () -> update(insertRuns(runRow("k-1",
        "n", exp, "DONE", "2021-01-01 00:00:00", null, "MAP['a', 'b']"))));
    assertTrue(messages(e).contains("Invalid run row 'k-1' (experiment " + exp + "): status"
        + " 'DONE' is not one of MLflow's: FAILED, FINISHED, KILLED, RUNNING, SCHEDULED"),
        messages(e));
  }

  @Test
  void aRowStartingBefore1970IsRefusedNamingIt() {
    String exp = client.createExperiment(prefix("old") + "e", null, Map.of());
    SQLException e = assertThrows(SQLException.class, () -> update(insertRuns(runRow("k-2",
        "n", exp, "FINISHED", "1969-12-31 23:59:59", null, "MAP['a', 'b']"))));
    assertTrue(messages(e).contains("Invalid run row 'k-2' (experiment " + exp + "):"
        + " 'start_time' 1969-12-31T23:59:59Z is before 1970"), messages(e));
  }

  @Test
  void aRowOfAnUnknownExperimentIsRefusedNamingIt() {
    SQLException e = assertThrows(SQLException.class, () -> update(insertRuns(runRow("k-3",
        "n", "987654321", "FINISHED", "2021-01-01 00:00:00", null, "MAP['a', 'b']"))));
    assertTrue(messages(e).contains("Cannot write run row 'k-3' (experiment 987654321): its"
        + " experiment does not exist on the server"), messages(e));
  }

  @Test
  void aParamThatConflictsWithTheTargetRunsIsRefusedNamingRunAndKey() throws SQLException {
    String exp = client.createExperiment(prefix("conflict") + "e", null, Map.of());
    assertEquals(2, update(insertRuns(runRow("k-4", "n", exp, "FINISHED",
        "2021-01-01 00:00:00", null, "MAP['lr', '1']"))));
    SQLException e = assertThrows(SQLException.class, () -> update(insertRuns(runRow("k-4",
        "n", exp, "FINISHED", "2021-01-01 00:00:00", null, "MAP['lr', '2']"))));
    assertTrue(messages(e).contains("Param 'lr' of run "), messages(e));
    assertTrue(messages(e).contains("already logged on the server with value '1', now with"
        + " value '2'"), messages(e));
  }

  @Test
  void insertLogsDatasetInputsOnceAndRefusesAModelRowNamingItsRun() throws SQLException {
    String p = prefix("inputs");
    String exp = client.createExperiment(p + "e", null, Map.of());
    String run = client.createRun(exp, "r", 1_600_000_000_000L, Map.of()).info().runId();
    String insert = "INSERT INTO mlflow.run_inputs (run_id, dataset_name, dataset_digest,"
        + " source_type, source, tags) VALUES ('" + run + "', 'train', 'd1', 'local',"
        + " '/data/train.csv', MAP['mlflow.data.context', 'training'])";

    assertEquals(1, update(insert));
    assertEquals(java.util.List.of(new Oracle.RunInput(run, exp, "dataset", "train", "d1",
        "local", "/data/train.csv", null, null, null, Map.of("mlflow.data.context",
            "training"))), Fixture.dump(server, p).runInputs());
    assertEquals(0, update(insert), "a re-run logs nothing");

    SQLException e = assertThrows(SQLException.class, () -> update("INSERT INTO mlflow.run_inputs"
        + " (run_id, kind, model_id, dataset_name, dataset_digest, source_type, source) VALUES ('"
        + run + "', 'model', 'm-1', 'x', 'd', 't', 's')"));
    assertTrue(messages(e).contains("run_inputs row of run '" + run + "'")
        && messages(e).contains("only dataset inputs can be written"), messages(e));
    assertEquals(1, Fixture.dump(server, p).runInputs().size());
  }
}
