package org.mlflowtables.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;

/**
 * The test JVM's Spark: one local context ({@code local[2,2]}: two threads, a failed task is tried
 * once more), UI off, two shuffle partitions, and two sessions on it, one plain and one with {@link
 * MlflowSparkSessionExtensions}.
 */
public final class SparkTestSessions {
  private static SparkSession plain;
  private static SparkSession extended;

  private SparkTestSessions() {}

  /**
   * A session without the extension: Spark's own push-down only. The reliability tests use it
   * too, so that the JVM has one Spark context with one set of settings.
   */
  public static synchronized SparkSession plain() {
    if (plain == null) {
      plain = newSession(builder());
    }
    return plain;
  }

  /** A session with {@link MlflowSparkSessionExtensions}. */
  static synchronized SparkSession extended() {
    if (extended == null) {
      SparkSession first = plain();
      extended = newSession(builder().withExtensions(new MlflowSparkSessionExtensions()));
      // the plain session stays the default, as it was made first
      SparkSession.setDefaultSession(first);
      SparkSession.setActiveSession(first);
    }
    return extended;
  }

  /**
   * A new session on the JVM's one Spark context, with the builder's extensions: what Spark 4's
   * Builder.create() does, in the way every Spark line has.
   */
  private static SparkSession newSession(SparkSession.Builder builder) {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    return builder.getOrCreate();
  }

  private static SparkSession.Builder builder() {
    return SparkSession.builder()
        .master("local[2,2]")
        .appName("mlflow-tables-spark-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
  }

  /** The MLflow scans of an executed query. */
  static List<BatchScanExec> scans(Dataset<Row> df) {
    List<BatchScanExec> scans = new ArrayList<>();
    for (SparkPlan node : nodes(df.queryExecution().executedPlan())) {
      if (node instanceof BatchScanExec scan) {
        scans.add(scan);
      }
    }
    return Collections.unmodifiableList(scans);
  }

  /** Every node of a physical plan (code-generated stages included). */
  static List<SparkPlan> nodes(SparkPlan plan) {
    List<SparkPlan> out = new ArrayList<>();
    out.add(plan);
    for (SparkPlan child : ScalaCollections.list(plan.children())) {
      out.addAll(nodes(child));
    }
    return out;
  }

  /** The nodes of a query's executed plan of the given classes. */
  @SafeVarargs
  static List<SparkPlan> nodes(Dataset<Row> df, Class<? extends SparkPlan>... types) {
    List<SparkPlan> out = new ArrayList<>();
    for (SparkPlan n : nodes(df.queryExecution().executedPlan())) {
      for (Class<? extends SparkPlan> t : types) {
        if (t.isInstance(n)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** The only MLflow scan's description (core's describe()). */
  static String scanDescription(Dataset<Row> df) {
    List<BatchScanExec> scans = scans(df);
    if (scans.size() != 1) {
      throw new AssertionError("expected one scan, got " + scans.size() + " in\n"
          + df.queryExecution().executedPlan());
    }
    return scans.get(0).scan().description();
  }
}
