package org.mlflowtables.examples;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * A Spark pipeline over MLflow: reads the finished runs of some experiments (the filters reach
 * MLflow's search endpoints), picks each experiment's best run by a metric with a window function,
 * joins the model versions registered from those runs, and writes a derived metric, each run's gap
 * to its experiment's best, back to MLflow with {@code df.write.format("mlflow")}.
 *
 * <pre>
 * SparkPipeline [TRACKING_URI] [--experiments LIKE_PATTERN] [--metric KEY] [--goal min|max]
 * </pre>
 *
 * The URI defaults to {@code MLFLOW_TRACKING_URI}; the pattern to every experiment ({@code %}),
 * the metric to {@code rmse}, the goal to {@code min} (lower is better). Re-running it writes
 * nothing new: the derived points carry the run's end time, and points already on the server are
 * skipped.
 */
public final class SparkPipeline {
  static final String USAGE = "usage: SparkPipeline [TRACKING_URI] [--experiments LIKE_PATTERN]"
      + " [--metric KEY] [--goal min|max]";

  private SparkPipeline() {}

  public static void main(String[] args) {
    Args a = Args.parse(args, USAGE, Set.of("experiments", "metric", "goal"));
    SparkSession spark = LocalSpark.session("mlflow-tables SparkPipeline");
    try {
      run(spark, a.uri(), a.option("experiments", "%"), a.option("metric", "rmse"),
          a.option("goal", "min"), System.out);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the pipeline and prints what it found and wrote.
   *
   * @return the key of the derived metric it wrote
   */
  public static String run(SparkSession spark, String uri, String experimentPattern, String metric,
      String goal, PrintStream out) {
    boolean higherIsBetter = switch (goal) {
      case "min" -> false;
      case "max" -> true;
      default -> throw new IllegalArgumentException("--goal is min or max, not " + goal);
    };

    // 1. The experiments, by name: the LIKE reaches search-experiments.
    Dataset<Row> experiments = mlflow(spark, uri).load("experiments")
        .where(col("name").like(experimentPattern))
        .select(col("experiment_id"), col("name").as("experiment"));
    List<String> experimentIds =
        experiments.select("experiment_id").as(Encoders.STRING()).collectAsList();
    if (experimentIds.isEmpty()) {
      out.println("No experiment's name is like '" + experimentPattern + "'.");
      return null;
    }

    // 2. Their finished runs that logged the metric. experiment_id IN and status = become
    // search-runs' experiment_ids and filter; with the session extension (LocalSpark turns it on)
    // so does the map entry metrics['<metric>'].
    Column score = col("metrics").getItem(metric);
    Dataset<Row> runs = mlflow(spark, uri).load("runs")
        .where(col("experiment_id").isin(experimentIds.toArray())
            .and(col("status").equalTo("FINISHED"))
            .and(score.isNotNull()))
        .select(col("experiment_id"), col("run_id"), col("run_name"), score.as(metric),
            col("start_time"), col("end_time"));
    out.println("Runs are read with: " + String.join("; ", SparkShow.mlflowScans(runs)));

    // 3. Each run's place in its experiment (a window function) and its gap to the best value.
    WindowSpec perExperiment = Window.partitionBy("experiment_id");
    Column order = higherIsBetter ? col(metric).desc() : col(metric).asc();
    Column bestValue = higherIsBetter ? max(col(metric)).over(perExperiment)
        : min(col(metric)).over(perExperiment);
    Dataset<Row> ranked = runs
        .withColumn("rank", row_number().over(perExperiment.orderBy(order, col("run_id"))))
        .withColumn("gap_to_best", abs(col(metric).minus(bestValue)))
        .join(experiments, "experiment_id")
        .cache();
    try {
      Dataset<Row> best = ranked.where(col("rank").equalTo(1));
      List<String> bestRunIds = best.select("run_id").as(Encoders.STRING()).collectAsList();

      // 4. The model versions registered from the best runs: run_id IN reaches
      // search-model-versions.
      Dataset<Row> versions = mlflow(spark, uri).load("model_versions")
          .where(col("run_id").isin(bestRunIds.toArray()))
          .select(col("run_id"), col("name").as("model"), col("version"), col("aliases"));
      Dataset<Row> report = best.join(versions, best.col("run_id").equalTo(versions.col("run_id")),
              "left")
          .select(col("experiment"), col("run_name"), col(metric), col("model"), col("version"),
              col("aliases"))
          .orderBy(col("experiment"), col("version"));
      SparkShow.show(out, "Best run per experiment by " + metric + " (" + goal
          + "), with the model versions registered from it", report, 100);

      // 5. The derived metric, written back through log-batch: one point per run, at the run's
      // end time, so that a second run of the pipeline finds every point already there.
      String key = metric + "_gap_to_best";
      Dataset<Row> derived = ranked.select(col("run_id"), lit(key).as("key"),
          col("gap_to_best").as("value"),
          coalesce(col("end_time"), col("start_time")).as("timestamp"), lit(0L).as("step"));
      long before = points(spark, uri, experimentIds, key);
      derived.write().format("mlflow").option("uri", uri).mode("append").save("metrics");
      long after = points(spark, uri, experimentIds, key);
      out.println();
      out.println("Wrote metric " + key + " for " + ranked.count() + " runs: " + (after - before)
          + " new points (" + before + " before, " + after + " after).");

      Dataset<Row> readBack = mlflow(spark, uri).load("latest_metrics")
          .where(col("experiment_id").isin(experimentIds.toArray()).and(col("key").equalTo(key)))
          .join(ranked.select("run_id", "experiment", "run_name", "rank"), "run_id")
          .where(col("rank").leq(3))
          .select(col("experiment"), col("run_name"), col("rank"), col("value").as(key))
          .orderBy(col("experiment"), col("rank"));
      SparkShow.show(out, key + " of each experiment's top 3, read back from latest_metrics",
          readBack, 100);
      return key;
    } finally {
      ranked.unpersist();
    }
  }

  /** Points of one metric key in the given experiments (key = reaches MLflow: only its histories). */
  private static long points(SparkSession spark, String uri, List<String> experimentIds,
      String key) {
    return mlflow(spark, uri).load("metrics")
        .where(col("experiment_id").isin(experimentIds.toArray()).and(col("key").equalTo(key)))
        .count();
  }

  private static DataFrameReader mlflow(SparkSession spark, String uri) {
    return spark.read().format("mlflow").option("uri", uri);
  }
}
