package org.mlflowtables.spark.read;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.metrics.TaskValue;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * A decided MLflow scan: the columns Spark reads and core's plan. Its description, shown by
 * EXPLAIN, is core's {@link ScanPlan#describe()}: what was pushed and what Spark still applies,
 * never a secret.
 *
 * @param planningRequests the requests the driver sent to plan partitions, a driver metric
 */
record MlflowScan(TableDef table, SparkMlflowOptions options, ScanPlan plan,
    StructType readSchema, AtomicLong planningRequests) implements Scan {
  MlflowScan(TableDef table, SparkMlflowOptions options, ScanPlan plan, StructType readSchema) {
    this(table, options, plan, readSchema, new AtomicLong());
  }

  @Override
  public String description() {
    return plan.describe();
  }

  @Override
  public Batch toBatch() {
    return new MlflowBatch(options, plan, RowConverter.of(table, readSchema), planningRequests);
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
