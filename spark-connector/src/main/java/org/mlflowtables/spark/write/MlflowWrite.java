package org.mlflowtables.spark.write;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.Write;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.schema.LogBatchRowMapper;

/** A decided append to an MLflow table: its description and metrics, and the batch write. */
final class MlflowWrite implements Write {
  private final TableDef table;
  private final SparkMlflowOptions options;
  private final LogBatchRowMapper mapper;

  MlflowWrite(TableDef table, SparkMlflowOptions options, LogBatchRowMapper mapper) {
    this.table = table;
    this.options = options;
    this.mapper = mapper;
  }

  @Override
  public String description() {
    return "MLflow log-batch append to " + table.name() + " at " + options.config().redactedUri()
        + (options.config().deduplicate() ? " (points already there are skipped)" : "");
  }

  @Override
  public BatchWrite toBatch() {
    return new MlflowBatchWrite(table.name(), options.config(), mapper);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return MlflowWriteMetrics.supported();
  }
}
