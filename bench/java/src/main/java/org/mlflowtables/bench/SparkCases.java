package org.mlflowtables.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.array;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

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
    return table(uri, "runs", java.util.Map.of());
  }

  static Dataset<Row> table(String uri, String table, java.util.Map<String, String> options) {
    return spark().read().format("mlflow").option("uri", uri)
        .option("timeoutSeconds", Bench.TIMEOUT).options(options).load(table);
  }

  static Bench.Read count(String uri) {
    long n = runs(uri).count();
    return new Bench.Read(n, -1, -1);
  }

  /** A full materialisation: every column of every row through Spark's no-op sink. */
  static Bench.Read noop(String uri) {
    return new Bench.Read(noopRows(runs(uri)), -1, -1);
  }

  /** Every column of every row through Spark's no-op sink; the rows, from the scan's metrics. */
  static long noopRows(Dataset<Row> df) {
    AtomicLong rows = new AtomicLong(-1); // set by the listener, on Spark's listener thread
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String name, QueryExecution qe, long ns) {
        List<BatchScanExec> scans = new ArrayList<>();
        scans(qe.executedPlan(), scans);
        rows.set(scans.stream()
            .mapToLong(s -> (Long) s.metrics().apply("numOutputRows").value()).sum());
      }

      @Override
      public void onFailure(String name, QueryExecution qe, Exception e) {}
    };
    spark().listenerManager().register(listener);
    try {
      df.write().format("noop").mode("overwrite").save();
      for (int i = 0; i < 600 && rows.get() < 0; i++) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      spark().listenerManager().unregister(listener);
    }
    return rows.get();
  }

  /** The scans of a physical plan, through adaptive plans, query stages and command results. */
  private static void scans(SparkPlan p, List<BatchScanExec> out) {
    if (p instanceof BatchScanExec scan) {
      out.add(scan);
    } else if (p instanceof AdaptiveSparkPlanExec a) {
      scans(a.executedPlan(), out);
    } else if (p instanceof QueryStageExec q) {
      scans(q.plan(), out);
    } else if (p instanceof CommandResultExec c) {
      scans(c.commandPhysicalPlan(), out);
    }
    for (SparkPlan child : CollectionConverters.asJava(p.children())) {
      scans(child, out);
    }
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
