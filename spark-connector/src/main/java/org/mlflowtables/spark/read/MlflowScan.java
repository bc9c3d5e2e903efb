package org.mlflowtables.spark.read;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.stream.TableStreams;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.metrics.TaskValue;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * A decided MLflow scan: the columns Spark reads and core's plan. Its description, shown by
 * EXPLAIN, is core's {@link ScanPlan#describe()}: what was pushed and what Spark still applies,
 * never a secret. Read as a stream, it is core's stream of the table instead (Spark pushes nothing
 * into streaming scans: the stream's filters are its options), described by the stream.
 */
final class MlflowScan implements Scan {
  private final TableDef table;
  private final SparkMlflowOptions options;
  private final ScanPlan plan;
  private final StructType readSchema;
  /** Requests the driver sent to plan partitions, reported as a driver metric. */
  private final AtomicLong planningRequests = new AtomicLong();
  private MlflowBatch batch;
  private MlflowMicroBatchStream stream;

  MlflowScan(TableDef table, SparkMlflowOptions options, ScanPlan plan, StructType readSchema) {
    this.table = table;
    this.options = options;
    this.plan = plan;
    this.readSchema = readSchema;
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public synchronized String description() {
    return stream != null ? stream.toString() : plan.describe();
  }

  /**
   * One batch per scan: Spark asks more than once (a noop write of a scan asked twice), and each
   * new batch would plan its partitions again, with the server (listing experiments, start-time
   * probes).
   */
  @Override
  public synchronized Batch toBatch() {
    if (batch == null) {
      batch = new MlflowBatch(options, plan, RowConverter.of(table, readSchema), planningRequests);
    }
    return batch;
  }

  /**
   * The table as a stream ({@link TableStreams}); a table that does not stream fails here, naming
   * the ones that do.
   */
  @Override
  public synchronized MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    stream = new MlflowMicroBatchStream(
        TableStreams.open(table, options.config(), options.stream()), options,
        RowConverter.of(table, readSchema), checkpointLocation);
    return stream;
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return MlflowReadMetrics.supported();
  }

  @Override
  public CustomTaskMetric[] reportDriverMetrics() {
    return new CustomTaskMetric[] {
        new TaskValue(MlflowReadMetrics.PLANNING_REQUESTS, planningRequests.get())};
  }

  @Override
  public String toString() {
    return description();
  }
}
