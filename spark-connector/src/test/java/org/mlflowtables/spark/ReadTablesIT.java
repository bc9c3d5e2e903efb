package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;
import org.mlflowtables.spark.schema.SchemaConverter;

/**
 * Every table read through {@code spark.read.format("mlflow")} equals what MLflow's Python client
 * returns for the fixture (experiments and models named fx-*), deleted ones included
 * ({@code viewType=ALL}).
 */
@ExtendWith(MlflowServerExtension.class)
class ReadTablesIT {
  private static SparkSession spark;
  private static String uri;
  private static Oracle oracle;
  private static String fxExperiments;

  @BeforeAll
  static void setUp(MlflowServer server, Oracle fixture) {
    spark = SparkTestSessions.plain();
    uri = server.uri();
    oracle = fixture;
    fxExperiments = oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static Dataset<Row> read(String table) {
    return spark.read().format("mlflow").option("uri", uri).option("viewType", "ALL").load(table);
  }

  private static Dataset<Row> ofFixtureExperiments(String table) {
    return read(table).where("experiment_id IN " + fxExperiments);
  }

  @Test
  void schemaIsCoresDefinition() {
    for (String table : Tables.names()) {
      assertEquals(SchemaConverter.toSchema(Tables.get(table)), read(table).schema(), table);
    }
  }

  /** The table's rows through Spark, in core's value types (times as epoch milliseconds). */
  private static List<List<Object>> coreRows(Dataset<Row> df) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        row.add(coreValue(r.get(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object coreValue(Object v) {
    if (v instanceof Instant t) {
      return t.toEpochMilli();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return ScalaCollections.map(m);
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return ScalaCollections.list(s);
    }
    return v;
  }

  /** The table equals the oracle as a multiset of rows. */
  private static void assertEqualsOracle(String table, Dataset<Row> df) {
    List<List<Object>> expected = OracleRows.rows(oracle, table);
    assertFalse(expected.isEmpty(), "the fixture has rows for " + table);
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(coreRows(df)), table);
  }

  @ParameterizedTest
  @ValueSource(strings = {"runs", "latest_metrics", "params", "tags", "metrics", "run_inputs",
      "logged_models", "logged_model_metrics", "traces", "trace_spans", "assessments",
      "run_artifacts"})
  void experimentScopedTableEqualsThePythonClient(String table) {
    assertEqualsOracle(table, ofFixtureExperiments(table));
  }

  @Test
  void experimentsEqualThePythonClient() {
    assertEqualsOracle("experiments", read("experiments").where("name LIKE 'fx-%'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"registered_models", "model_versions"})
  void registryTableEqualsThePythonClient(String table) {
    assertEqualsOracle(table, read(table).where("name LIKE 'fx-%'"));
  }

  @Test
  void activeRunsByDefault() {
    List<List<Object>> expected = new ArrayList<>();
    for (Oracle.Run r : oracle.runs()) {
      boolean experimentActive =
          "active".equals(oracle.experimentById(r.experimentId()).lifecycleStage());
      if (!r.deleted() && experimentActive) {
        expected.add(List.of(r.runId()));
      }
    }
    Dataset<Row> df = spark.read().format("mlflow").option("uri", uri).load("runs")
        .where("experiment_id IN " + fxExperiments).select("run_id");
    assertFalse(expected.isEmpty());
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(coreRows(df)));
  }
}
