package org.mlflowtables.spark.config;

import org.apache.spark.sql.SparkSession;

/** How many tasks the active Spark session runs at once: its default parallelism (its cores). */
public final class SparkParallelism {
  private SparkParallelism() {}

  /** The active session's default parallelism, or 1 without an active session. */
  public static int ofActiveSession() {
    return SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get().sparkContext().defaultParallelism()
        : 1;
  }
}
