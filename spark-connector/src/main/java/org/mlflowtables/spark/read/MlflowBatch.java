package org.mlflowtables.spark.read;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.scan.ScanPart;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.config.SparkParallelism;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * Plans an MLflow scan's partitions from core's parts (one Spark partition per part), on the
 * driver. The number of parts is capped by option {@code maxPartitions}, else Spark's default
 * parallelism, and is one when a limit was pushed.
 */
final class MlflowBatch implements Batch {
  private final SparkMlflowOptions options;
  private final ScanPlan plan;
  private final RowConverter converter;
  private final AtomicLong planningRequests;
  private InputPartition[] partitions;

  MlflowBatch(SparkMlflowOptions options, ScanPlan plan, RowConverter converter,
      AtomicLong planningRequests) {
    this.options = options;
    this.plan = plan;
    this.converter = converter;
    this.planningRequests = planningRequests;
  }

  @Override
  public synchronized InputPartition[] planInputPartitions() {
    if (partitions == null) {
      MlflowClient client = MlflowClient.create(options.config());
      // a pushed limit holds for one part: one partition keeps it exact
      List<ScanPart> parts = plan.parts(client, plan.pushedLimit() != null ? 1 : maxPartitions());
      planningRequests.addAndGet(client.stats().requests());
      partitions = new InputPartition[parts.size()];
      for (int i = 0; i < partitions.length; i++) {
        partitions[i] = new MlflowInputPartition(i, parts.get(i));
      }
    }
    return partitions.clone();
  }

  private int maxPartitions() {
    return maxPartitions(options);
  }

  /** The most partitions a read makes: the options', else the active session's parallelism. */
  static int maxPartitions(SparkMlflowOptions options) {
    return options.maxPartitions(SparkParallelism.ofActiveSession());
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new MlflowPartitionReaderFactory(options.config(), plan, converter);
  }
}
