package org.mlflowtables.spark.read;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.mlflowtables.core.scan.ScanCounters;

/**
 * The custom metrics of an MLflow scan, shown on its node in the Spark UI: what the scan cost on
 * the server. Spark instantiates the metric classes by name, so each is public with a public no-arg
 * constructor.
 */
public final class MlflowReadMetrics {
  private MlflowReadMetrics() {}

  public static final String REQUESTS = "mlflowRequests";
  public static final String PAGES = "mlflowPages";
  public static final String ROWS = "mlflowRows";
  public static final String RETRIES = "mlflowRetries";
  public static final String PLANNING_REQUESTS = "mlflowPlanningRequests";

  /** HTTP requests the readers sent, retries included. */
  public static final class Requests extends CustomSumMetric {
    @Override
    public String name() {
      return REQUESTS;
    }

    @Override
    public String description() {
      return "MLflow requests";
    }
  }

  /** Search answers (pages) the readers read. */
  public static final class Pages extends CustomSumMetric {
    @Override
    public String name() {
      return PAGES;
    }

    @Override
    public String description() {
      return "MLflow pages";
    }
  }

  /** Rows the readers produced. */
  public static final class Rows extends CustomSumMetric {
    @Override
    public String name() {
      return ROWS;
    }

    @Override
    public String description() {
      return "MLflow rows";
    }
  }

  /** Requests that retried an earlier failed attempt. */
  public static final class Retries extends CustomSumMetric {
    @Override
    public String name() {
      return RETRIES;
    }

    @Override
    public String description() {
      return "MLflow retries";
    }
  }

  /** Requests the driver sent to plan the partitions (e.g. listing experiments). */
  public static final class PlanningRequests extends CustomSumMetric {
    @Override
    public String name() {
      return PLANNING_REQUESTS;
    }

    @Override
    public String description() {
      return "MLflow planning requests";
    }
  }

  static CustomMetric[] supported() {
    return new CustomMetric[] {
        new Requests(), new Pages(), new Rows(), new Retries(), new PlanningRequests()};
  }

  /** The task-side values of a reader's counters (all zero before it opened). */
  static CustomTaskMetric[] taskValues(ScanCounters counters) {
    if (counters == null) {
      return new CustomTaskMetric[] {
          value(REQUESTS, 0), value(PAGES, 0), value(ROWS, 0), value(RETRIES, 0)};
    }
    return new CustomTaskMetric[] {
        value(REQUESTS, counters.requests()),
        value(PAGES, counters.pages()),
        value(ROWS, counters.rows()),
        value(RETRIES, counters.retries())};
  }

  static CustomTaskMetric value(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }
}
