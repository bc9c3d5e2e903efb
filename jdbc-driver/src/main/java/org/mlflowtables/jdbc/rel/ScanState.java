package org.mlflowtables.jdbc.rel;

import java.util.ArrayList;
import java.util.List;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.jdbc.exec.OutputColumn;
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
 * @param filters the pushed filters
 * @param order the pushed ORDER BY, empty for none
 * @param limit the pushed LIMIT (offset included), or null
 * @param outputs what each output field is
 */
public record ScanState(TableReader table, List<PushedFilter> filters, List<SortKey> order,
    Long limit, List<OutputColumn> outputs) {

  public ScanState {
    filters = List.copyOf(filters);
    order = List.copyOf(order);
    outputs = List.copyOf(outputs);
  }

  /** A scan of every column, nothing pushed. */
  static ScanState of(TableReader table) {
    return new ScanState(table, List.of(), List.of(), null, table.fullScan().outputs());
  }

  /** Whether an ORDER BY or LIMIT is pushed: nothing may be added below it any more. */
  boolean sorted() {
    return !order.isEmpty() || limit != null;
  }

  ScanState withFilters(List<PushedFilter> more) {
    List<PushedFilter> all = new ArrayList<>(filters);
    all.addAll(more);
    return new ScanState(table, all, order, limit, outputs);
  }

  ScanState withOutputs(List<OutputColumn> newOutputs) {
    return new ScanState(table, filters, order, limit, newOutputs);
  }

  ScanState withSort(List<SortKey> newOrder, Long newLimit) {
    return new ScanState(table, filters, newOrder, newLimit, outputs);
  }

  public ScanSpec spec() {
    return new ScanSpec(table.def().name(), filters, order, limit, outputs);
  }
}
