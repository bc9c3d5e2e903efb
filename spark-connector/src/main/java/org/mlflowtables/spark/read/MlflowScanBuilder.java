package org.mlflowtables.spark.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.read.pushdown.SparkPredicateConverter;
import org.mlflowtables.spark.read.pushdown.SparkSortConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what Spark offers to push (predicates, columns, LIMIT, top-N), translates it and lets
 * core decide ({@link ScanPlanner}); hands Spark back core's residual. Holds only push-down state;
 * {@link #build()} produces an immutable {@link MlflowScan}. The decisions travel as a {@link
 * ScanRecipe}.
 *
 * <p>Predicates come in three kinds: handed to MLflow and not re-applied (core evaluates them
 * exactly), handed to MLflow to prune and re-applied by Spark (core's residual), and kept by Spark
 * alone (no core form). Copies of map-entry predicates added by {@link
 * org.mlflowtables.spark.read.pushdown.MapEntryPushDownRule} are handed over but never returned:
 * their original stays in Spark's Filter.
 *
 * <p>A pushed LIMIT or top-N makes the scan a single partition, so that it is complete: Spark may
 * then drop its own Limit and Sort ({@link #isPartiallyPushed()} is false).
 */
public final class MlflowScanBuilder implements ScanBuilder, SupportsPushDownV2Filters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit, SupportsPushDownTopN {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowScanBuilder.class);

  private final TableDef table;
  private final SparkPredicateConverter predicates;
  private final SparkSortConverter sorts;

  private StructType requiredSchema;
  /** Predicates with a core form, and those forms, in the same order. */
  private final List<Predicate> converted = new ArrayList<>();
  private final List<org.mlflowtables.core.predicate.Predicate> filters = new ArrayList<>();
  private Predicate[] pushed = new Predicate[0];
  private ScanRecipe recipe;

  public MlflowScanBuilder(TableDef table, StructType schema, SparkMlflowOptions options) {
    this.table = table;
    this.requiredSchema = schema;
    this.predicates = new SparkPredicateConverter(table);
    this.sorts = new SparkSortConverter(table);
    this.recipe = ScanRecipe.of(options);
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] offered) {
    List<Predicate> residual = new ArrayList<>();
    for (Predicate p : offered) {
      Optional<org.mlflowtables.core.predicate.Predicate> c = predicates.convert(p);
      if (c.isPresent()) {
        converted.add(p);
        filters.add(c.get());
      } else {
        residual.add(p);
      }
    }
    recipe = recipe.with(converted, filters, new SortOrder[0], List.of(), null);
    ScanPlan plan = recipe.plan();
    Set<org.mlflowtables.core.predicate.Predicate> handed = new HashSet<>(plan.pushedFilters());
    Set<org.mlflowtables.core.predicate.Predicate> kept = new HashSet<>(plan.residualFilters());
    List<Predicate> pushedNow = new ArrayList<>();
    for (int i = 0; i < converted.size(); i++) {
      Predicate p = converted.get(i);
      org.mlflowtables.core.predicate.Predicate c = filters.get(i);
      if (handed.contains(c)) {
        pushedNow.add(p);
      }
      if (kept.contains(c) || !handed.contains(c)) {
        residual.add(p);
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
    return tryPush(new SortOrder[0], List.of(), limit);
  }

  @Override
  public boolean pushTopN(SortOrder[] orders, int limit) {
    Optional<List<SortKey>> keys = sorts.convert(orders);
    return keys.isPresent() && tryPush(orders, keys.get(), limit);
  }

  @Override
  public boolean isPartiallyPushed() {
    // The scan is one partition once a limit is pushed (see MlflowBatch); Spark keeps its own
    // Limit and Sort only when core left a filter to it.
    return !recipe.plan().residualFilters().isEmpty();
  }

  /** Asks core to take the order and limit too; keeps the previous recipe when it will not. */
  private boolean tryPush(SortOrder[] sparkOrder, List<SortKey> order, int n) {
    ScanRecipe candidate = recipe.with(converted, filters, sparkOrder, order, (long) n);
    ScanPlan plan = candidate.plan();
    boolean taken = plan.pushedLimit() != null && (order.isEmpty() || plan.orderPushed());
    if (taken) {
      recipe = candidate;
    } else {
      LOG.info("MLflow table {} does not take {}LIMIT {}", table.name(),
          order.isEmpty() ? "" : "ORDER BY " + order + " ", n);
    }
    return taken;
  }

  @Override
  public Scan build() {
    return new MlflowScan(table, recipe, requiredSchema);
  }
}
