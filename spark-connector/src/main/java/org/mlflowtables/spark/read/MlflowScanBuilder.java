package org.mlflowtables.spark.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownTopN;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.read.pushdown.SparkPredicateConverter;
import org.mlflowtables.spark.read.pushdown.SparkSortConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what Spark offers to push (predicates, columns, LIMIT, top-N), translates it and lets
 * core decide ({@link ScanPlanner}); hands Spark back what core's plan leaves to it. Holds only
 * push-down state; {@link #build()} produces an immutable {@link MlflowScan} carrying core's plan.
 *
 * <p>Predicates come in three kinds ({@link ScanPlan#handling}): handed to MLflow and not
 * re-applied (core evaluates them exactly), handed to MLflow to prune and re-applied by Spark, and
 * kept by Spark alone (not pushed, or no core form). Copies of map-entry predicates added by
 * {@link org.mlflowtables.spark.read.pushdown.MapEntryPushDownRule} are handed over but never
 * returned: their original stays in Spark's Filter.
 *
 * <p>A pushed LIMIT or top-N makes the scan a single partition, so that it is complete: Spark may
 * then drop its own Limit and Sort ({@link #isPartiallyPushed()} is false).
 */
public final class MlflowScanBuilder implements ScanBuilder, SupportsPushDownV2Filters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit, SupportsPushDownTopN {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowScanBuilder.class);

  private final TableDef table;
  private final SparkMlflowOptions options;
  private final SparkPredicateConverter predicates;
  private final SparkSortConverter sorts;

  private StructType requiredSchema;
  /** The core forms of the predicates pushed so far. */
  private final List<org.mlflowtables.core.predicate.Predicate> filters = new ArrayList<>();
  private Predicate[] pushed = new Predicate[0];
  private ScanPlan plan;

  public MlflowScanBuilder(TableDef table, StructType schema, SparkMlflowOptions options) {
    this.table = table;
    this.options = options;
    this.requiredSchema = schema;
    this.predicates = new SparkPredicateConverter(table);
    this.sorts = new SparkSortConverter(table);
    this.plan = plan(List.of(), null);
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] offered) {
    List<Predicate> residual = new ArrayList<>();
    List<Predicate> converted = new ArrayList<>();
    List<org.mlflowtables.core.predicate.Predicate> forms = new ArrayList<>();
    for (Predicate p : offered) {
      Optional<org.mlflowtables.core.predicate.Predicate> c = predicates.convert(p);
      if (c.isPresent()) {
        converted.add(p);
        forms.add(c.get());
      } else {
        residual.add(p);
      }
    }
    filters.addAll(forms);
    plan = plan(List.of(), null);
    List<Predicate> pushedNow = new ArrayList<>();
    for (int i = 0; i < converted.size(); i++) {
      switch (plan.handling(forms.get(i))) {
        case EXACT -> pushedNow.add(converted.get(i));
        case PRUNED -> {
          pushedNow.add(converted.get(i));
          residual.add(converted.get(i));
        }
        case KEPT -> residual.add(converted.get(i));
      }
    }
    pushed = pushedNow.toArray(new Predicate[0]);
    return residual.toArray(new Predicate[0]);
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.clone();
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.requiredSchema = requiredSchema;
  }

  @Override
  public boolean pushLimit(int limit) {
    return tryPush(List.of(), limit);
  }

  @Override
  public boolean pushTopN(SortOrder[] orders, int limit) {
    Optional<List<SortKey>> keys = sorts.convert(orders);
    return keys.isPresent() && tryPush(keys.get(), limit);
  }

  @Override
  public boolean isPartiallyPushed() {
    // The scan is one partition once a limit is pushed (see MlflowBatch); Spark keeps its own
    // Limit and Sort only when core left a filter to it.
    return !plan.residualFilters().isEmpty();
  }

  /** Asks core to take the order and limit too; keeps the previous plan when it will not. */
  private boolean tryPush(List<SortKey> order, int n) {
    ScanPlan candidate = plan(order, (long) n);
    boolean taken = candidate.pushedLimit() != null && (order.isEmpty() || candidate.orderPushed());
    if (taken) {
      plan = candidate;
    } else {
      LOG.info("MLflow table {} does not take {}LIMIT {}", table.name(),
          order.isEmpty() ? "" : "ORDER BY " + order + " ", n);
    }
    return taken;
  }

  private ScanPlan plan(List<SortKey> order, Long limit) {
    return ScanPlanner.plan(options.config(),
        new ScanRequest(table.name(), filters, order, limit));
  }

  @Override
  public Scan build() {
    return new MlflowScan(table, options, plan, requiredSchema);
  }
}
