package org.mlflowtables.spark.write;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.mlflowtables.core.write.WriteCounters;
import org.mlflowtables.spark.metrics.SumMetric;
import org.mlflowtables.spark.metrics.TaskValue;

/** The custom metrics of an MLflow write, shown on its node in the Spark UI. */
public final class MlflowWriteMetrics {
  private MlflowWriteMetrics() {}

  public static final String POINTS_WRITTEN = "mlflowPointsWritten";
  public static final String POINTS_SKIPPED = "mlflowPointsSkipped";
  public static final String ROWS_WRITTEN = "mlflowRowsWritten";
  public static final String REQUESTS = "mlflowWriteRequests";

  /** Metric points sent and acknowledged. */
  public static final class PointsWritten extends SumMetric {
    public PointsWritten() {
      super(POINTS_WRITTEN, "MLflow metric points written");
    }
  }

  /** Metric points not sent because the server (or the input) already had them. */
  public static final class PointsSkipped extends SumMetric {
    public PointsSkipped() {
      super(POINTS_SKIPPED, "MLflow metric points skipped as duplicates");
    }
  }

  /** Points, params and tags sent and acknowledged. */
  public static final class RowsWritten extends SumMetric {
    public RowsWritten() {
      super(ROWS_WRITTEN, "MLflow rows written");
    }
  }

  /** Every HTTP request of the writers: log-batch, de-duplication reads, retries. */
  public static final class Requests extends SumMetric {
    public Requests() {
      super(REQUESTS, "MLflow write requests");
    }
  }

  static CustomMetric[] supported() {
    return new CustomMetric[] {
        new PointsWritten(), new PointsSkipped(), new RowsWritten(), new Requests()};
  }

  static CustomTaskMetric[] taskValues(WriteCounters c) {
    return new CustomTaskMetric[] {
        new TaskValue(POINTS_WRITTEN, c == null ? 0 : c.pointsWritten()),
        new TaskValue(POINTS_SKIPPED, c == null ? 0 : c.pointsSkipped()),
        new TaskValue(ROWS_WRITTEN,
            c == null ? 0 : c.pointsWritten() + c.paramsWritten() + c.tagsWritten()),
        new TaskValue(REQUESTS, c == null ? 0 : c.requests())};
  }
}
