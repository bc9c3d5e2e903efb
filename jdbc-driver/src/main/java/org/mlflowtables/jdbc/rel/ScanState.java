package org.mlflowtables.jdbc.rel;

import java.util.ArrayList;
import java.util.List;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.jdbc.exec.OutputColumn;
import org.mlflowtables.jdbc.exec.ParamSlot;
import org.mlflowtables.jdbc.exec.PushedFilter;
import org.mlflowtables.jdbc.exec.ScanSpec;
import org.mlflowtables.jdbc.exec.TableReader;

/**
 * Everything pushed into one scan up to some {@link MlflowRel}: the complete request core decided
 * on, with the output fields at that point. Each MlflowRel computes its state from the input it was
 * built on, and the rules ask core about the whole state, so a state is always one decision of
 * core's as a whole; the converter runs the state of the node below it.
 *
 * @param table the table
 * @param spec what core is handed: filters, ORDER BY, LIMIT, outputs
 * @param exact the conjuncts core evaluates exactly (for the planner's values), which Calcite
 *     does not apply in a filter of its own
 */
public record ScanState(TableReader table, ScanSpec spec, List<Recheck> exact) {

  public ScanState {
    exact = List.copyOf(exact);
  }

  /** A scan of every column, nothing pushed. */
  static ScanState of(TableReader table) {
    return new ScanState(table, table.fullScan(), List.of());
  }

  public List<OutputColumn> outputs() {
    return spec.outputs();
  }

  List<PushedFilter> filters() {
    return spec.filters();
  }

  /** Whether an ORDER BY or LIMIT is pushed: nothing may be added below it any more. */
  boolean sorted() {
    return !spec.order().isEmpty() || spec.limited();
  }

  /**
   * The exact conjuncts Calcite must apply again above the scan: all of them once a pushed filter
   * holds a {@code ?} parameter, because core decides again with each execution's values (a NaN,
   * a string that cannot be quoted, an experiment id such as '01' are not pushed, and a long
   * table's value conjunct depends on its key) while the plan is made once. None otherwise: core
   * decides the same way for the same filters, whatever the LIMIT.
   */
  List<Recheck> rechecks() {
    return spec.hasFilterParams() ? exact : List.of();
  }

  ScanState withFilters(List<PushedFilter> more, List<Recheck> moreExact) {
    List<Recheck> all = new ArrayList<>(exact);
    all.addAll(moreExact);
    return new ScanState(table, spec.withFilters(more), all);
  }

  ScanState withOutputs(List<OutputColumn> newOutputs) {
    return new ScanState(table, spec.withOutputs(newOutputs), exact);
  }

  ScanState withSort(List<SortKey> order, Long limit, List<ParamSlot> limitParams) {
    return new ScanState(table, spec.withSort(order, limit, limitParams), exact);
  }
}
