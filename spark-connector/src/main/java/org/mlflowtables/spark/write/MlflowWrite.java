package org.mlflowtables.spark.write;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.distributions.Distribution;
import org.apache.spark.sql.connector.distributions.Distributions;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.RequiresDistributionAndOrdering;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.write.RowMapping;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.schema.LogBatchRowMapper;

/**
 * A decided append to an MLflow table: its description and metrics, the batch write, and the
 * layout it asks Spark for (as Iceberg's writes do). Metrics and params are clustered by run and
 * sorted by run, key (and step, timestamp), whatever the input's partitioning: each run then lands
 * in one task, which fills whole requests and reads each (run, key) history once; tags keep the
 * input's order, because the last value of a tag key wins. The number and size of the partitions
 * stay Spark's (its shuffle partitions, coalesced by adaptive execution): the tasks running at
 * once share the write's {@code maxInFlight} requests in flight over the runs they hold, so fewer,
 * larger tasks lose nothing.
 */
final class MlflowWrite implements RequiresDistributionAndOrdering {
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
    return "MLflow append to " + table.name() + " at " + options.config().redactedUri()
        + (options.config().deduplicate() ? " (points already there are skipped)" : "");
  }

  @Override
  public Distribution requiredDistribution() {
    RowMapping m = mapper.mapping();
    return m.binding().clusterBy().<Distribution>map(c ->
        Distributions.clustered(new Expression[] {Expressions.column(m.inputName(c))}))
        .orElseGet(Distributions::unspecified);
  }

  @Override
  public SortOrder[] requiredOrdering() {
    RowMapping m = mapper.mapping();
    List<SortOrder> order = new ArrayList<>();
    for (String column : m.binding().orderBy()) {
      if (m.inputName(column) != null) {
        order.add(Expressions.sort(Expressions.column(m.inputName(column)),
            SortDirection.ASCENDING));
      }
    }
    return order.toArray(new SortOrder[0]);
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
