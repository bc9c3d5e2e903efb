package org.mlflowtables.spark.write;

import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.schema.LogBatchRowMapper;

/**
 * Appends to a writable MLflow table. The input's columns are checked here, on the driver, before
 * any task runs. Overwriting is refused: MLflow cannot delete metric points (nor params or tags
 * through log-batch), so an overwrite could only add.
 */
public final class MlflowWriteBuilder implements WriteBuilder, SupportsTruncate {
  private final TableDef table;
  private final SparkMlflowOptions options;
  private final LogBatchRowMapper mapper;

  public MlflowWriteBuilder(TableDef table, SparkMlflowOptions options, LogicalWriteInfo info) {
    this.table = table;
    this.options = options;
    this.mapper = LogBatchRowMapper.of(table, info.schema());
  }

  @Override
  public WriteBuilder truncate() {
    throw new MlflowTablesException("Cannot overwrite MLflow table '" + table.name()
        + "': MLflow cannot delete metric points, params or tags through log-batch, so rows can"
        + " only be appended (mode(\"append\") or INSERT INTO). Appending is safe to repeat:"
        + " points already on the server are skipped.");
  }

  @Override
  public Write build() {
    return new MlflowWrite(table, options, mapper);
  }
}
