package org.mlflowtables.spark.read;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.mlflowtables.core.scan.ScanCounters;
import org.mlflowtables.spark.metrics.SumMetric;
import org.mlflowtables.spark.metrics.TaskValue;

/**
 * The custom metrics of an MLflow scan, shown on its node in the Spark UI: what the scan cost on
 * the server.
 */
public final class MlflowReadMetrics {
  private MlflowReadMetrics() {}

  public static final String REQUESTS = "mlflowRequests";
  public static final String PAGES = "mlflowPages";
  public static final String ROWS = "mlflowRows";
  public static final String RETRIES = "mlflowRetries";
  public static final String PLANNING_REQUESTS = "mlflowPlanningRequests";

  /** HTTP requests the readers sent, retries included. */
  public static final class Requests extends SumMetric {
    public Requests() {
      super(REQUESTS, "MLflow requests");
    }
  }

  /** Search answers (pages) the readers read. */
  public static final class Pages extends SumMetric {
    public Pages() {
      super(PAGES, "MLflow pages");
    }
  }

  /** Rows the readers produced. */
  public static final class Rows extends SumMetric {
    public Rows() {
      super(ROWS, "MLflow rows");
    }
  }

  /** Requests that retried an earlier failed attempt. */
  public static final class Retries extends SumMetric {
    public Retries() {
      super(RETRIES, "MLflow retries");
    }
  }

  /** Requests the driver sent to plan the partitions (e.g. listing experiments). */
  public static final class PlanningRequests extends SumMetric {
    public PlanningRequests() {
      super(PLANNING_REQUESTS, "MLflow planning requests");
    }
  }

  static CustomMetric[] supported() {
    return new CustomMetric[] {
        new Requests(), new Pages(), new Rows(), new Retries(), new PlanningRequests()};
  }

  /** The task-side values of a reader's counters (all zero before it opened). */
  static CustomTaskMetric[] taskValues(ScanCounters c) {
    return new CustomTaskMetric[] {
        new TaskValue(REQUESTS, c == null ? 0 : c.requests()),
        new TaskValue(PAGES, c == null ? 0 : c.pages()),
        new TaskValue(ROWS, c == null ? 0 : c.rows()),
        new TaskValue(RETRIES, c == null ? 0 : c.retries())};
  }
}
