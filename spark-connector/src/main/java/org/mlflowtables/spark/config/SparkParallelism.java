package org.mlflowtables.spark.config;

import org.apache.spark.sql.SparkSession;

/**
 * How many tasks the active Spark session runs at once (its default parallelism, its cores), and
 * their share of the requests one read or write keeps in flight: the server's capacity, not
 * Spark's, sets how many requests it can serve together (on a 4-worker SQLite server 16 in flight
 * were slower than 8, docs/benchmarks.md).
 */
public final class SparkParallelism {
  private SparkParallelism() {}

  /** The active session's default parallelism, or 1 without an active session. */
  public static int ofActiveSession() {
    return SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get().sparkContext().defaultParallelism()
        : 1;
  }

  /**
   * A task's share of {@code inFlight} requests when a job of {@code tasks} tasks runs at most
   * {@code parallelism} of them at once: at least one.
   */
  public static int inFlightPerTask(int inFlight, int tasks, int parallelism) {
    int tasksAtOnce = Math.max(1, Math.min(tasks, parallelism));
    return Math.max(1, inFlight / tasksAtOnce);
  }
}
