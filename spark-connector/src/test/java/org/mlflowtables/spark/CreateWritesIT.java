package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.write.RunWriter;

/**
 * Appends that create: experiments by name, runs by their source key; read back with MLflow's
 * Python client.
 */
@ExtendWith(MlflowServerExtension.class)
class CreateWritesIT {
  private static SparkSession spark;
  private static MlflowServer server;
  private static MlflowClient client;

  @BeforeAll
  static void setUp(MlflowServer s) {
    spark = SparkTestSessions.plain();
    server = s;
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", server.uri())));
  }

  private static void append(Dataset<Row> df, String table) {
    df.write().format("mlflow").option("uri", server.uri()).mode("append").save(table);
  }

  @Test
  void appendCreatesNewExperimentsAndMergesTagsIntoExistingOnes() {
    String p = "spark-create-" + System.nanoTime() + "-";
    String kept = client.createExperiment(p + "old", null, Map.of("a", "1", "b", "2"));
    Dataset<Row> rows = spark.sql("SELECT * FROM VALUES "
        + "('" + p + "old', MAP('b', '3')), "
        + "('" + p + "new', MAP('team', 'vision')), "
        + "('" + p + "plain', CAST(NULL AS MAP<STRING, STRING>)) AS t(name, tags)")
        .repartition(3);

    append(rows, "experiments");

    Oracle python = Fixture.dump(server, p);
    assertEquals(3, python.experiments().size());
    assertEquals(kept, python.experiment(p + "old").experimentId());
    assertEquals(Map.of("a", "1", "b", "3"), python.experiment(p + "old").tags());
    assertEquals(Map.of("team", "vision"), python.experiment(p + "new").tags());
    assertEquals(Map.of(), python.experiment(p + "plain").tags());

    append(rows, "experiments");
    assertEquals(python.experiments(), Fixture.dump(server, p).experiments(),
        "a re-run changes nothing");
  }

  @Test
  void experimentsReadFromTheTableCanBeAppendedUnderNewNames() {
    String p = "spark-copy-" + System.nanoTime() + "-";
    client.createExperiment(p + "src", null, Map.of("owner", "ann"));
    Dataset<Row> read = spark.read().format("mlflow").option("uri", server.uri())
        .load("experiments").where("name = '" + p + "src'");

    append(read.selectExpr("'" + p + "dst' AS name", "tags", "creation_time", "experiment_id"),
        "experiments");

    assertEquals(List.of(Map.of("owner", "ann")), Fixture.dump(server, p + "dst").experiments()
        .stream().map(Oracle.Experiment::tags).toList());
  }

  @Test
  void appendCreatesRunsInTheExperimentOfTheirNameOnceEach() {
    String p = "spark-runs-" + System.nanoTime() + "-";
    client.createExperiment(p + "e", null, Map.of());
    Dataset<Row> rows = spark.sql("SELECT * FROM VALUES "
        + "('src-1', 'alpha', '" + p + "e', 'FINISHED', TIMESTAMP_MILLIS(1600000000000L),"
        + " TIMESTAMP_MILLIS(1600000360000L), MAP('lr', '0.1'), MAP('team', 'cv'),"
        + " MAP('acc', 0.75D)), "
        + "('src-2', 'beta', '" + p + "e', 'KILLED', TIMESTAMP_MILLIS(1600000100000L),"
        + " TIMESTAMP_MILLIS(1600000200000L), MAP('lr', '0.2'), MAP('team', 'nlp'),"
        + " MAP('acc', 0.5D))"
        + " AS t(run_id, run_name, experiment_name, status, start_time, end_time, params, tags,"
        + " metrics)").repartition(2);

    append(rows, "runs");

    Oracle python = Fixture.dump(server, p);
    assertEquals(2, python.runs().size());
    Oracle.Run alpha = python.run("alpha");
    assertEquals("FINISHED", alpha.status());
    assertEquals(1600000000000L, alpha.startTime());
    assertEquals(1600000360000L, alpha.endTime());
    assertEquals(Map.of("lr", "0.1"), alpha.params());
    assertEquals(Map.of("acc", 0.75), alpha.metrics());
    assertEquals(Map.of("team", "cv", "mlflow.runName", "alpha", RunWriter.SOURCE_TAG, "src-1"),
        alpha.tags());
    Oracle.Run beta = python.run("beta");
    assertEquals("KILLED", beta.status());
    assertEquals(1600000100000L, beta.startTime());
    assertEquals(1600000200000L, beta.endTime());
    assertEquals(Map.of("lr", "0.2"), beta.params());
    assertEquals(Map.of("acc", 0.5), beta.metrics());

    append(rows, "runs");
    assertEquals(python.runs(), Fixture.dump(server, p).runs(), "a re-run changes nothing");
  }

  @Test
  void appendLogsEachRunsDatasetInputsOnceAndMlflowIgnoresARelog() {
    String p = "spark-inputs-" + System.nanoTime() + "-";
    String exp = client.createExperiment(p + "e", null, Map.of());
    String r1 = client.createRun(exp, "one", 1600000000000L, Map.of()).info().runId();
    String r2 = client.createRun(exp, "two", 1600000000000L, Map.of()).info().runId();
    Dataset<Row> rows = spark.sql("SELECT * FROM VALUES "
        + "('" + r1 + "', 'train', 'd1', 'local', '/data/train.csv', '{\"cols\": 2}',"
        + " MAP('mlflow.data.context', 'training')), "
        + "('" + r1 + "', 'eval', 'd2', 'http', 'https://x/eval.csv', NULL,"
        + " CAST(NULL AS MAP<STRING, STRING>)), "
        + "('" + r2 + "', 'train', 'd1', 'local', '/data/train.csv', '{\"cols\": 2}',"
        + " MAP('mlflow.data.context', 'training'))"
        + " AS t(run_id, dataset_name, dataset_digest, source_type, source, schema, tags)")
        .repartition(2);

    append(rows, "run_inputs");

    Oracle python = Fixture.dump(server, p);
    List<Oracle.RunInput> inputs = python.runInputs();
    assertEquals(3, inputs.size(), inputs.toString());
    assertEquals(List.of(new Oracle.RunInput(r1, exp, "dataset", "eval", "d2", "http",
        "https://x/eval.csv", null, null, null, Map.of()), new Oracle.RunInput(r1, exp, "dataset",
        "train", "d1", "local", "/data/train.csv", "{\"cols\": 2}", null, null,
        Map.of("mlflow.data.context", "training"))), python.runInputs().stream()
        .filter(i -> i.runId().equals(r1)).sorted(java.util.Comparator.comparing(
            Oracle.RunInput::datasetName)).toList());

    append(rows, "run_inputs");
    client.logInputs(r2, List.of(new DatasetInput(List.of(new KeyValue("mlflow.data.context",
        "eval")), new org.mlflowtables.core.client.model.Dataset("train", "d1", "local",
        "/elsewhere.csv", null, null))));
    assertEquals(inputs, Fixture.dump(server, p).runInputs(),
        "a re-run, and a re-log of the same dataset with other tags, change nothing");
  }
}
