package org.mlflowtables.spark.write;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.mlflowtables.core.write.WriteCounters;

/**
 * The custom metrics of an MLflow write, shown on its node in the Spark UI. Spark instantiates the
 * metric classes by name, so each is public with a public no-arg constructor.
 */
public final class MlflowWriteMetrics {
  private MlflowWriteMetrics() {}

  public static final String POINTS_WRITTEN = "mlflowPointsWritten";
  public static final String POINTS_SKIPPED = "mlflowPointsSkipped";
  public static final String ROWS_WRITTEN = "mlflowRowsWritten";
  public static final String REQUESTS = "mlflowWriteRequests";

  /** Metric points sent and acknowledged. */
  public static final class PointsWritten extends CustomSumMetric {
    @Override
    public String name() {
      return POINTS_WRITTEN;
    }

    @Override
    public String description() {
      return "MLflow metric points written";
    }
  }

  /** Metric points not sent because the server (or the input) already had them. */
  public static final class PointsSkipped extends CustomSumMetric {
    @Override
    public String name() {
      return POINTS_SKIPPED;
    }

    @Override
    public String description() {
      return "MLflow metric points skipped as duplicates";
    }
  }

  /** Points, params and tags sent and acknowledged. */
  public static final class RowsWritten extends CustomSumMetric {
    @Override
    public String name() {
      return ROWS_WRITTEN;
    }

    @Override
    public String description() {
      return "MLflow rows written";
    }
  }

  /** Every HTTP request of the writers: log-batch, de-duplication reads, retries. */
  public static final class Requests extends CustomSumMetric {
    @Override
    public String name() {
      return REQUESTS;
    }

    @Override
    public String description() {
      return "MLflow write requests";
    }
  }

  static CustomMetric[] supported() {
    return new CustomMetric[] {
        new PointsWritten(), new PointsSkipped(), new RowsWritten(), new Requests()};
  }

  static CustomTaskMetric[] taskValues(WriteCounters c) {
    return new CustomTaskMetric[] {
        value(POINTS_WRITTEN, c == null ? 0 : c.pointsWritten()),
        value(POINTS_SKIPPED, c == null ? 0 : c.pointsSkipped()),
        value(ROWS_WRITTEN, c == null ? 0 : c.pointsWritten() + c.paramsWritten()
            + c.tagsWritten()),
        value(REQUESTS, c == null ? 0 : c.requests())};
  }

  private static CustomTaskMetric value(String name, long value) {
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
