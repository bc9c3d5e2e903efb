package org.mlflowtables.examples;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Mirrors MLflow into Parquet with {@code spark.readStream.format("mlflow")}: each finished run
 * (the {@code runs} table's row, final) into {@code OUT/runs}, each metric point into {@code
 * OUT/metrics}. The checkpoints in {@code OUT/_checkpoints} make it restartable: run it again (say
 * from cron) and it adds what is new since, nothing twice. By default each run reads what is there
 * and stops ({@code Trigger.AvailableNow}); {@code --follow SECONDS} keeps following for that
 * long, a micro-batch every {@code --trigger SECONDS} (default 2).
 *
 * <pre>
 * StreamToParquet [TRACKING_URI] --out DIR [--experiments LIKE_PATTERN] [--follow SECONDS]
 *     [--trigger SECONDS]
 * </pre>
 *
 * The URI defaults to {@code MLFLOW_TRACKING_URI}, the pattern to every experiment ({@code %}).
 * The first run exports everything (the streams start at the earliest run and point); the
 * experiments are those whose names match when a query first starts.
 */
public final class StreamToParquet {
  static final String USAGE = "usage: StreamToParquet [TRACKING_URI] --out DIR"
      + " [--experiments LIKE_PATTERN] [--follow SECONDS] [--trigger SECONDS]";

  private StreamToParquet() {}

  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args, USAGE, Set.of("out", "experiments", "follow", "trigger"));
    String out = a.option("out", null);
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required\n" + USAGE);
    }
    SparkSession spark = LocalSpark.session("mlflow-tables StreamToParquet");
    try {
      run(spark, a.uri(), a.option("experiments", "%"), Path.of(out),
          Integer.parseInt(a.option("follow", "0")), Integer.parseInt(a.option("trigger", "2")),
          System.out);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs both streams into Parquet under {@code out}: until what is there is read ({@code
   * followSeconds} 0), or for {@code followSeconds}; prints what each micro-batch read.
   */
  public static void run(SparkSession spark, String uri, String experimentPattern, Path out,
      int followSeconds, int triggerSeconds, PrintStream print)
      throws TimeoutException, StreamingQueryException {
    List<String> ids = spark.read().format("mlflow").option("uri", uri).load("experiments")
        .where(col("name").like(experimentPattern)).select("experiment_id")
        .as(Encoders.STRING()).collectAsList();
    if (ids.isEmpty()) {
      print.println("No experiment's name is like '" + experimentPattern + "'.");
      return;
    }
    // The filter reaches MLflow's search-runs (streams take filters as text: Spark offers none).
    String where = "experiment_id IN ('" + String.join("', '", ids) + "')";
    Trigger trigger = followSeconds == 0 ? Trigger.AvailableNow()
        : Trigger.ProcessingTime(triggerSeconds * 1_000L);
    List<StreamingQuery> queries = new ArrayList<>();
    for (String table : List.of("runs", "metrics")) {
      queries.add(spark.readStream().format("mlflow").option("uri", uri)
          .option("startingOffsets", "earliest").option("where", where).load(table)
          .writeStream().format("parquet").queryName("mlflow_" + table)
          .option("path", out.resolve(table).toString())
          .option("checkpointLocation", out.resolve("_checkpoints").resolve(table).toString())
          .trigger(trigger).start());
    }
    long deadline = System.currentTimeMillis() + followSeconds * 1_000L;
    for (StreamingQuery q : queries) {
      if (followSeconds == 0) {
        q.awaitTermination();
      } else {
        q.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()));
        q.stop();
      }
      long rows = 0;
      for (var p : q.recentProgress()) {
        rows += p.numInputRows();
      }
      print.println(q.name() + ": " + rows + " new rows in " + q.recentProgress().length
          + " micro-batches into " + out.resolve(q.name().substring("mlflow_".length())));
    }
  }
}
