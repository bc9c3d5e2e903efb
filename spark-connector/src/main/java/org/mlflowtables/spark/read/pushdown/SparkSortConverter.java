package org.mlflowtables.spark.read.pushdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.NullOrdering;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.predicate.ValueRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's V2 sort orders as core sort keys: a column or a map entry (written as {@link
 * MapEntryFunction}), with its direction and NULL placement. Empty, with the reason logged, when
 * any key is something else; whether the order reaches MLflow is core's decision.
 */
public final class SparkSortConverter {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSortConverter.class);

  private final TableDef table;

  public SparkSortConverter(TableDef table) {
    this.table = table;
  }

  /** All keys converted, or empty when one cannot be. */
  public Optional<List<SortKey>> convert(SortOrder[] orders) {
    List<SortKey> keys = new ArrayList<>();
    for (SortOrder order : orders) {
      ValueRef ref = ref(order.expression());
      if (ref == null) {
        LOG.info("Not handing ORDER BY {} to MLflow table {}: {} is not a column or map entry",
            describe(orders), table.name(), order.expression().describe());
        return Optional.empty();
      }
      keys.add(new SortKey(ref, order.direction() == SortDirection.ASCENDING,
          order.nullOrdering() == NullOrdering.NULLS_FIRST));
    }
    return Optional.of(keys);
  }

  private ValueRef ref(Expression e) {
    if (e instanceof NamedReference named && named.fieldNames().length == 1) {
      return table.findColumn(named.fieldNames()[0])
          .filter(c -> !c.type().isMap())
          .map(c -> (ValueRef) new ColumnRef(c.name()))
          .orElse(null);
    }
    String[] entry = MapEntryFunction.columnAndKey(e);
    if (entry != null) {
      Column column = table.findColumn(entry[0]).orElse(null);
      return column != null && column.type().isMap() ? new MapEntryRef(column.name(), entry[1])
          : null;
    }
    return null;
  }

  static String describe(SortOrder[] orders) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < orders.length; i++) {
      sb.append(i > 0 ? ", " : "").append(orders[i].describe());
    }
    return sb.toString();
  }
}
