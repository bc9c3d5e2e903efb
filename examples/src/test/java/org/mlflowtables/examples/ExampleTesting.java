package org.mlflowtables.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.predicate.Predicates;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.testing.MlflowServer;

/** What the examples' tests share: one Spark session, core's client and scans, captured output. */
final class ExampleTesting {
  private static SparkSession spark;

  private ExampleTesting() {}

  /** The test JVM's Spark session, as the examples' own {@link LocalSpark} sets it up. */
  static synchronized SparkSession spark() {
    if (spark == null) {
      System.setProperty("spark.master", "local[2]");
      System.setProperty("spark.ui.enabled", "false");
      System.setProperty("spark.sql.shuffle.partitions", "2");
      System.setProperty("spark.driver.host", "127.0.0.1");
      System.setProperty("spark.driver.bindAddress", "127.0.0.1");
      spark = LocalSpark.session("mlflow-tables examples tests");
    }
    return spark;
  }

  static MlflowClient client(MlflowServer server) {
    return MlflowClient.create(MlflowConfig.from(Map.of("uri", server.uri())));
  }

  /**
   * Rows of a table read with core's own scan (not through Spark): the given conjuncts, the
   * residual ones applied here.
   */
  static List<Object[]> scan(MlflowServer server, String table, Predicate... conjuncts) {
    MlflowClient client = client(server);
    ScanPlan plan = ScanPlanner.plan(client.config(),
        new ScanRequest(table, List.of(conjuncts), List.of(), null));
    List<Object[]> rows = new ArrayList<>();
    try (RowIterator it = plan.openAll(client)) {
      while (it.hasNext()) {
        Object[] row = it.next();
        if (PredicateEvaluator.testAll(plan.residualFilters(),
            PredicateEvaluator.rowOf(Tables.get(table), row))) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The metric points of some runs and one key, as [run_id, value, timestamp, step]. */
  static List<List<Object>> points(MlflowServer server, List<String> runIds, String key) {
    List<List<Object>> out = new ArrayList<>();
    int run = Tables.METRICS.index("run_id");
    int value = Tables.METRICS.index("value");
    int timestamp = Tables.METRICS.index("timestamp");
    int step = Tables.METRICS.index("step");
    for (Object[] r : scan(server, "metrics",
        Predicates.in(Predicates.col("run_id"), runIds.toArray()),
        Predicates.eq(Predicates.col("key"), key))) {
      out.add(List.of(r[run], r[value], r[timestamp], r[step]));
    }
    return out;
  }

  /**
   * Registers a model version from a run with MLflow's Python client (the connector's registry
   * tables are read-only) and points an alias at it.
   */
  static void registerVersion(MlflowServer server, String model, String runId, String alias) {
    server.runPython(Duration.ofMinutes(2), "-c", String.join("\n",
        "import sys, mlflow",
        "c = mlflow.MlflowClient()",
        "name, run_id, alias = sys.argv[1:4]",
        "try:",
        "    c.create_registered_model(name)",
        "except mlflow.exceptions.MlflowException:",
        "    pass",
        "v = c.create_model_version(name, 'runs:/' + run_id + '/model', run_id=run_id)",
        "c.set_registered_model_alias(name, alias, v.version)"),
        model, runId, alias);
  }

  /**
   * Logs traces into an experiment (created if need be) with MLflow's Python tracing API. Each
   * trace is a map: {@code start} (epoch ms), {@code spans} (a list of [span type, duration in
   * ms], children of a CHAIN root that lasts their sum plus 1 ms) and optionally {@code feedback}
   * (a list of [name, value, source type], logged on the trace; a fourth element {@code true}
   * has a HUMAN override it with the opposite value).
   */
  static void logTraces(MlflowServer server, String experiment, List<Map<String, Object>> traces) {
    String json;
    try {
      json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(traces);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    server.runPython(Duration.ofMinutes(3), "-c", String.join("\n",
        "import json, os, sys",
        "os.environ['MLFLOW_ENABLE_ASYNC_TRACE_LOGGING'] = 'false'",
        "import mlflow",
        "from mlflow.entities import AssessmentSource",
        "exp = mlflow.set_experiment(sys.argv[1]).experiment_id",
        "ms = 1_000_000",
        "for t in json.loads(sys.argv[2]):",
        "    start = t['start'] * ms",
        "    root = mlflow.start_span_no_context('app', span_type='CHAIN', experiment_id=exp,",
        "                                        start_time_ns=start)",
        "    at = start",
        "    for span_type, duration in t['spans']:",
        "        s = mlflow.start_span_no_context(span_type.lower(), span_type=span_type,",
        "                                         parent_span=root, start_time_ns=at)",
        "        s.end(end_time_ns=at + duration * ms)",
        "        at += duration * ms",
        "    root.end(end_time_ns=at + ms)",
        "    for f in t.get('feedback', []):",
        "        a = mlflow.log_feedback(trace_id=root.trace_id, name=f[0], value=f[1],",
        "                                source=AssessmentSource(source_type=f[2], source_id='x'))",
        "        if len(f) > 3 and f[3]:",
        "            mlflow.override_feedback(trace_id=root.trace_id,",
        "                assessment_id=a.assessment_id, value=not f[1],",
        "                source=AssessmentSource(source_type='HUMAN', source_id='reviewer'))"),
        experiment, json);
  }

  /** A stream that keeps what is printed to it. */
  static final class Captured {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
