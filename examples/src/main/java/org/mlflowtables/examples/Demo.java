package org.mlflowtables.examples;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * The Spark half of {@code scripts/demo.sh}: seeds an empty tracking server with a small project
 * ({@link DemoData}: runs created with core's client, their metrics, params and tags written with
 * {@code df.write.format("mlflow")}), registers the best runs' models with MLflow's own Python
 * client, then answers questions through Spark: SQL on the catalog, push-down shown, the full
 * metric history, and {@link SparkPipeline}. The JDBC half is {@link DemoJdbc}.
 *
 * <pre>
 * Demo TRACKING_URI [--python PATH_TO_MLFLOW_VENV_PYTHON]
 * </pre>
 */
public final class Demo {
  static final String USAGE = "usage: Demo [TRACKING_URI] [--python MLFLOW_PYTHON]";

  private final SparkSession spark;
  private final String uri;
  private final PrintStream out;
  private final long started = System.nanoTime();

  private Demo(SparkSession spark, String uri, PrintStream out) {
    this.spark = spark;
    this.uri = uri;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args, USAGE, Set.of("python"));
    SparkSession spark = LocalSpark.session("mlflow-tables demo");
    try {
      run(spark, a.uri(), a.option("python", null), System.out);
    } finally {
      spark.stop();
    }
  }

  /**
   * Seeds an empty server, registers models when {@code python} (an MLflow venv's python) is
   * given, and prints the answers of the Spark queries.
   */
  static void run(SparkSession spark, String uri, String python, PrintStream out)
      throws IOException, InterruptedException {
    new Demo(spark, uri, out).run(python);
  }

  private void run(String python) throws IOException, InterruptedException {
    Map<String, String> experimentIds = seed();
    if (python != null) {
      registerModels(python);
    } else {
      out.println("(no --python: skipping the model registry)");
    }
    query(experimentIds);
    heading("SparkPipeline: best run per experiment by val_loss, joined with the registry, and a"
        + " derived metric written back");
    SparkPipeline.run(spark, uri, "demo/%", "val_loss", "min", out);
  }

  /** Creates the experiments and runs, then back-fills what they logged through Spark. */
  private Map<String, String> seed() {
    heading("Seeding: 3 experiments, 30 runs; metrics, params and tags written through"
        + " df.write.format(\"mlflow\")");
    MlflowClient client = MlflowClient.create(MlflowConfig.from(Map.of("uri", uri)));
    Map<String, String> experimentIds = new LinkedHashMap<>();
    DemoData.experiments().forEach((name, tags) ->
        experimentIds.put(name, client.createExperiment(name, null, tags)));
    List<Row> metrics = new ArrayList<>();
    List<Row> params = new ArrayList<>();
    List<Row> tags = new ArrayList<>();
    Map<String, DemoData.RunSpec> created = new LinkedHashMap<>();
    for (DemoData.RunSpec r : DemoData.runs()) {
      String runId = client.createRun(experimentIds.get(r.experiment()), r.name(), r.startTime(),
          Map.of()).info().runId();
      created.put(runId, r);
      r.points().forEach(p -> metrics.add(
          RowFactory.create(runId, p.key(), p.value(), p.timestamp(), p.step())));
      r.params().forEach((k, v) -> params.add(RowFactory.create(runId, k, v)));
      r.tags().forEach((k, v) -> tags.add(RowFactory.create(runId, k, v)));
    }
    StructType metricSchema = new StructType()
        .add("run_id", DataTypes.StringType).add("key", DataTypes.StringType)
        .add("value", DataTypes.DoubleType).add("timestamp", DataTypes.LongType) // epoch ms
        .add("step", DataTypes.LongType);
    StructType keyValue = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    long t0 = System.nanoTime();
    write(spark.createDataFrame(metrics, metricSchema).repartition(2), "metrics");
    write(spark.createDataFrame(params, keyValue), "params");
    write(spark.createDataFrame(tags, keyValue), "tags");
    long writeMillis = (System.nanoTime() - t0) / 1_000_000;
    created.forEach((runId, r) -> client.updateRun(runId, r.status(), r.endTime(), null));
    out.printf("Created %d experiments and %d runs with core's MlflowClient; wrote %d metric"
        + " points, %d params and %d tags with df.write.format(\"mlflow\") in %.1f s.%n",
        experimentIds.size(), created.size(), metrics.size(), params.size(), tags.size(),
        writeMillis / 1000.0);
    return experimentIds;
  }

  private void write(Dataset<Row> rows, String table) {
    // The demo's server is one worker on SQLite, with a pool of 15 database connections: at most
    // 4 requests in flight per task keeps it from running out of them.
    rows.write().format("mlflow").option("uri", uri).option("maxInFlight", "4").mode("append")
        .save(table);
  }

  /** The registry is read-only here: register with MLflow's own Python client, as users do. */
  private void registerModels(String python) throws IOException, InterruptedException {
    heading("Registering each experiment's two best runs as model versions (MLflow's Python"
        + " client)");
    // The script is in the project's scripts/ (demo.sh runs from the project's root).
    java.io.File root = new java.io.File(System.getProperty("mlflowtables.projectRoot", "."));
    ProcessBuilder pb = new ProcessBuilder(python, "scripts/demo_register_models.py", uri)
        .directory(root).redirectErrorStream(true);
    pb.environment().put("MLFLOW_TRACKING_URI", uri);
    Process p = pb.start();
    p.getOutputStream().close();
    String text;
    try (InputStream in = p.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("registering the models failed:\n" + text);
    }
    out.print(text);
  }

  private void query(Map<String, String> experimentIds) {
    spark.conf().set("spark.sql.catalog.mlflow", "org.mlflowtables.spark.MlflowCatalog");
    spark.conf().set("spark.sql.catalog.mlflow.uri", uri);

    heading("Spark SQL on the mlflow catalog");
    SparkShow.show(out, "Runs per experiment", spark.sql("""
        SELECT e.name AS experiment, COUNT(*) AS runs,
               COUNT_IF(r.status = 'FINISHED') AS finished, COUNT_IF(r.status = 'FAILED') AS failed,
               ROUND(AVG(unix_millis(r.end_time) - unix_millis(r.start_time)) / 60000, 1) AS avg_minutes,
               MIN(r.start_time) AS first_run
        FROM mlflow.runs r JOIN mlflow.experiments e ON r.experiment_id = e.experiment_id
        WHERE e.name LIKE 'demo/%'
        GROUP BY e.name ORDER BY e.name"""), 10);

    String price = experimentIds.get("demo/price-regression");
    Dataset<Row> top = spark.sql("""
        SELECT run_name, params['model'] AS model, params['learning_rate'] AS learning_rate,
               metrics['val_rmse'] AS val_rmse, metrics['val_mae'] AS val_mae
        FROM mlflow.runs
        WHERE experiment_id = '%s' AND status = 'FINISHED'
        ORDER BY metrics['val_rmse'] ASC NULLS LAST LIMIT 5""".formatted(price));
    SparkShow.show(out, "Top 5 finished price-regression runs by val_rmse", top, 10);
    out.println("Sent to MLflow (filters, ORDER BY and LIMIT pushed down):");
    SparkShow.mlflowScans(top).forEach(s -> out.println("  " + s));

    Dataset<Row> curves = spark.read().format("mlflow").option("uri", uri).load("metrics")
        .where(col("experiment_id").isin(experimentIds.values().toArray())
            .and(col("key").equalTo("val_loss")))
        .join(spark.table("mlflow.experiments").select("experiment_id", "name"), "experiment_id")
        .where(col("step").isin(0, 4, 9, 14, 19))
        .groupBy(col("name").as("experiment"))
        .pivot("step", List.of(0L, 4L, 9L, 14L, 19L))
        .avg("value")
        .orderBy("experiment");
    SparkShow.show(out, "Mean val_loss by epoch (0, 4, 9, 14, 19) from the full metric history",
        curves, 10);
  }

  private void heading(String title) {
    out.println();
    out.printf("######## [%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, title);
  }
}
