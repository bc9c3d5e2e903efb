package org.mlflowtables.spark.read;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.read.pushdown.SparkPredicateConverter;
import org.mlflowtables.spark.read.pushdown.SparkSortConverter;

/**
 * What Spark asked of one scan, kept in Spark's own terms (its V2 predicates and sort orders, which
 * serialize), with core's plan for it. The plan is made on the driver and made again, identically,
 * on each executor after deserialization: {@link ScanPlanner} is deterministic and sends no
 * request, while core's {@link ScanPlan} holds core predicates, which Java serialization cannot
 * ship. Immutable.
 */
final class ScanRecipe implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SparkMlflowOptions options;
  private final Predicate[] filters;
  private final SortOrder[] order;
  private final Long limit;
  private transient ScanPlan plan;

  private ScanRecipe(SparkMlflowOptions options, Predicate[] filters, SortOrder[] order,
      Long limit, ScanPlan plan) {
    this.options = options;
    this.filters = filters;
    this.order = order;
    this.limit = limit;
    this.plan = plan;
  }

  /** Every row of the table. */
  static ScanRecipe of(SparkMlflowOptions options) {
    return new ScanRecipe(options, new Predicate[0], new SortOrder[0], null, null).planned(
        List.of(), List.of());
  }

  /**
   * The same scan with these filters, order and limit.
   *
   * @param sparkFilters predicates that have a core form
   * @param coreFilters their core forms, in the same order
   * @param sparkOrder sort orders that have a core form (empty for none)
   * @param coreOrder their core forms
   */
  ScanRecipe with(List<Predicate> sparkFilters,
      List<org.mlflowtables.core.predicate.Predicate> coreFilters, SortOrder[] sparkOrder,
      List<SortKey> coreOrder, Long newLimit) {
    return new ScanRecipe(options, sparkFilters.toArray(new Predicate[0]), sparkOrder.clone(),
        newLimit, null).planned(coreFilters, coreOrder);
  }

  private ScanRecipe planned(List<org.mlflowtables.core.predicate.Predicate> coreFilters,
      List<SortKey> coreOrder) {
    plan = ScanPlanner.plan(options.config(),
        new ScanRequest(options.table(), coreFilters, coreOrder, limit));
    return this;
  }

  /** Core's plan: made on the driver, made again from the Spark forms after deserialization. */
  synchronized ScanPlan plan() {
    if (plan == null) {
      TableDef table = Tables.get(options.table());
      SparkPredicateConverter predicates = new SparkPredicateConverter(table);
      List<org.mlflowtables.core.predicate.Predicate> coreFilters = new ArrayList<>();
      for (Predicate p : filters) {
        coreFilters.add(predicates.convert(p).orElseThrow(
            () -> new IllegalStateException("predicate " + p + " no longer converts")));
      }
      List<SortKey> coreOrder = order.length == 0 ? List.of()
          : new SparkSortConverter(table).convert(order).orElseThrow(
              () -> new IllegalStateException("ORDER BY no longer converts"));
      planned(coreFilters, coreOrder);
    }
    return plan;
  }

  SparkMlflowOptions options() {
    return options;
  }

  /** Whether a LIMIT (or top-N) reached the plan: the scan must then be a single partition. */
  boolean limited() {
    return plan().pushedLimit() != null;
  }
}
