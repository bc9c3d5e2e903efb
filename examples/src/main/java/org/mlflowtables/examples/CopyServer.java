package org.mlflowtables.examples;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Copies experiments, their runs (times, status, name, params, tags), every metric point and the
 * runs' dataset inputs from one MLflow server to another through Spark, with the connector's reads
 * and appends only. Re-running it copies only what is new: experiments are found by name, runs by
 * the source run id kept in their tag {@code mlflowtables.source_run_id}, points and datasets the
 * run already has are skipped.
 *
 * <pre>
 * CopyServer SOURCE_URI TARGET_URI [--experiments PATTERN]
 * </pre>
 *
 * PATTERN is an SQL LIKE pattern on experiment names (default: every active experiment). Not
 * copied: model inputs and logged models, lineage of metric points, the model registry,
 * artifacts.
 */
public final class CopyServer {
  static final String USAGE = "usage: CopyServer SOURCE_URI TARGET_URI [--experiments PATTERN]";
  private static final String SOURCE_TAG = "mlflowtables.source_run_id";

  /** What the target holds afterwards of what was copied. */
  public record Result(long experiments, long runs, long points, long inputs) {}

  private CopyServer() {}

  public static void main(String[] args) {
    Args a = Args.parse(args, USAGE, Set.of("experiments"));
    if (a.positional().size() != 1) {
      throw new IllegalArgumentException("give a source and a target URI\n" + USAGE);
    }
    SparkSession spark = LocalSpark.session("mlflow-tables CopyServer");
    try {
      run(spark, a.uri(), a.positional().get(0), a.option("experiments", "%"), System.out);
    } finally {
      spark.stop();
    }
  }

  public static Result run(SparkSession spark, String source, String target, String pattern,
      PrintStream out) {
    Dataset<Row> experiments = read(spark, source, "experiments")
        .where(col("name").like(pattern)).select("experiment_id", "name", "tags").cache();
    try {
      List<String> sourceIds = strings(experiments, "experiment_id");
      append(experiments.select("name", "tags"), target, "experiments");

      Dataset<Row> runs = read(spark, source, "runs")
          .where(col("experiment_id").isin(sourceIds.toArray()))
          .join(experiments.selectExpr("experiment_id", "name AS experiment_name"),
              "experiment_id")
          .selectExpr("run_id", "run_name", "experiment_name", "status", "start_time",
              "end_time", "params", "map_filter(tags, (k, v) -> k != '" + SOURCE_TAG
                  + "') AS tags");
      append(runs, target, "runs");

      List<String> targetIds = strings(read(spark, target, "experiments")
          .where(col("name").isin(strings(experiments, "name").toArray())), "experiment_id");
      Dataset<Row> ids = read(spark, target, "runs")
          .where(col("experiment_id").isin(targetIds.toArray()))
          .selectExpr("tags['" + SOURCE_TAG + "'] AS source_run_id", "run_id AS target_run_id")
          .where("source_run_id IS NOT NULL");
      Dataset<Row> points = read(spark, source, "metrics")
          .where(col("experiment_id").isin(sourceIds.toArray()))
          .join(ids, col("run_id").equalTo(col("source_run_id")))
          .selectExpr("target_run_id AS run_id", "key", "value", "timestamp", "step");
      append(points, target, "metrics");

      Dataset<Row> inputs = datasetInputs(spark, source, sourceIds)
          .join(ids, col("run_id").equalTo(col("source_run_id")))
          .selectExpr("target_run_id AS run_id", "dataset_name", "dataset_digest", "source_type",
              "source", "schema", "profile", "tags");
      append(inputs, target, "run_inputs");

      Result result = new Result(targetIds.size(), ids.count(), read(spark, target, "metrics")
          .where(col("experiment_id").isin(targetIds.toArray())).count(),
          datasetInputs(spark, target, targetIds).count());
      out.println("Copied " + source + " to " + target + " (experiments LIKE '" + pattern
          + "'): the target holds " + result.experiments() + " experiments, " + result.runs()
          + " runs, " + result.points() + " metric points, " + result.inputs()
          + " dataset inputs of them.");
      return result;
    } finally {
      experiments.unpersist();
    }
  }

  /** Dataset rows only: a query no model row can match reads search-runs alone. */
  private static Dataset<Row> datasetInputs(SparkSession spark, String uri,
      List<String> experimentIds) {
    return read(spark, uri, "run_inputs").where(col("kind").equalTo("dataset")
        .and(col("experiment_id").isin(experimentIds.toArray())));
  }

  private static Dataset<Row> read(SparkSession spark, String uri, String table) {
    return spark.read().format("mlflow").option("uri", uri).load(table);
  }

  private static void append(Dataset<Row> df, String uri, String table) {
    df.write().format("mlflow").option("uri", uri).mode("append").save(table);
  }

  private static List<String> strings(Dataset<Row> df, String column) {
    return df.select(column).distinct().as(Encoders.STRING()).collectAsList();
  }
}
