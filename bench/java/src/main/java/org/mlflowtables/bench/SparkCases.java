package org.mlflowtables.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.array;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The Spark cases: one local[2] session per JVM, started on first use (not timed). */
final class SparkCases {
  private static SparkSession spark;

  private SparkCases() {}

  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[2]").appName("mlflow-tables-bench")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.extensions", "org.mlflowtables.spark.MlflowSparkSessionExtensions")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  /** Starts the session before a timed case (JVM and Spark start-up are not the scan's cost). */
  static void warm() {
    spark().range(10).count();
  }

  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static Dataset<Row> runs(String uri) {
    return spark().read().format("mlflow").option("uri", uri)
        .option("timeoutSeconds", Bench.TIMEOUT).load("runs");
  }

  static Bench.Read count(String uri) {
    long n = runs(uri).count();
    return new Bench.Read(n, -1, -1);
  }

  /** A full materialisation: every column of every row through Spark's no-op sink. */
  static Bench.Read noop(String uri) {
    runs(uri).write().format("noop").mode("overwrite").save();
    return new Bench.Read(-1, -1, -1);
  }

  /**
   * Writes the back-fill's points (the same as Bench.forEachPoint) from a generated DataFrame that
   * is not partitioned by run: its rows go step by step, each step over every key and run, and
   * its two partitions each hold every run (half of the steps). The write lays the rows out by
   * run itself. Each task keeps {@code inFlight} requests in flight (the connector's default: 8).
   */
  static void backfill(String uri, List<String> runIds, String prefix, int keys, int steps,
      int inFlight, boolean dedup) {
    long runs = runIds.size();
    long points = runs * keys * steps;
    Dataset<Row> df = spark().range(0, points, 1, 2)
        .withColumn("r", col("id").mod(runs))
        .withColumn("k", col("id").divide(runs).cast("long").mod(keys))
        .withColumn("step", col("id").divide(runs * keys).cast("long"))
        .select(
            element_at(array(runIds.stream().map(org.apache.spark.sql.functions::lit)
                .toArray(org.apache.spark.sql.Column[]::new)), col("r").plus(1).cast("int"))
                .as("run_id"),
            concat(lit(prefix + "b"), col("k").cast("string")).as("key"),
            sin(col("r").multiply(1000.0).plus(col("k").multiply(10.0))
                .plus(col("step").multiply(0.001))).as("value"),
            col("step").plus(Bench.BASE_START_MS).as("timestamp"),
            col("step"));
    df.write().format("mlflow").option("uri", uri).option("timeoutSeconds", Bench.TIMEOUT)
        .option("maxInFlight", Integer.toString(inFlight))
        .option("deduplicate", Boolean.toString(dedup))
        .mode("append").save("metrics");
  }
}
