package org.mlflowtables.jdbc.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanRequest;

/**
 * What the planner rules handed to core for one scan: filters, ORDER BY and LIMIT for MLflow, and
 * which values of each row Calcite reads. Immutable; the generated code passes it to {@link
 * MlflowTable#query}.
 *
 * @param table the table name
 * @param filters pushed predicates
 * @param order the pushed ORDER BY, empty for none
 * @param limit the pushed LIMIT (offset included), or null
 * @param outputs the values of each output row
 */
public record ScanSpec(String table, List<PushedFilter> filters, List<SortKey> order, Long limit,
    List<OutputColumn> outputs) {

  public ScanSpec {
    filters = List.copyOf(filters);
    order = List.copyOf(order);
    outputs = List.copyOf(outputs);
  }

  /** The request with placeholder values for parameters: what the rules decide on. */
  public ScanRequest planningRequest() {
    List<Predicate> ps = new ArrayList<>();
    for (PushedFilter f : filters) {
      ps.add(f.predicate().predicate());
    }
    return new ScanRequest(table, ps, order, limit);
  }

  /**
   * The request with the statement's parameter values. A parameterised filter whose value core
   * cannot take is left out (Calcite applies it anyway: such filters are always checked above).
   */
  Bound bind(IntFunction<Object> params) {
    List<Predicate> ps = new ArrayList<>();
    List<Predicate> mustPush = new ArrayList<>();
    for (PushedFilter f : filters) {
      Predicate p = f.predicate().bind(params);
      if (p != null) {
        ps.add(p);
        if (!f.checkedAbove()) {
          mustPush.add(p);
        }
      }
    }
    return new Bound(new ScanRequest(table, ps, order, limit), mustPush);
  }

  /** A request with values, and the filters MLflow alone evaluates. */
  record Bound(ScanRequest request, List<Predicate> mustPush) {}

  /**
   * What of a bound request core's plan does not evaluate although the rules relied on it:
   * filters that Calcite does not check and MLflow no longer evaluates exactly, and a pushed order
   * or limit no longer pushed. Empty when the plan is as decided (always, for a request without
   * parameters: core decides the same way for the same request).
   */
  static Mismatch check(ScanPlan plan, Bound bound) {
    List<Predicate> unchecked = new ArrayList<>();
    for (Predicate p : bound.mustPush()) {
      if (!plan.pushedFilters().contains(p) || plan.residualFilters().contains(p)) {
        unchecked.add(p);
      }
    }
    ScanRequest r = bound.request();
    boolean orderLost = !r.orderBy().isEmpty() && !plan.pushedOrder().equals(r.orderBy());
    boolean limitLost = r.limit() != null && !r.limit().equals(plan.pushedLimit());
    return new Mismatch(unchecked, orderLost, limitLost);
  }

  /** See {@link #check}. */
  record Mismatch(List<Predicate> unchecked, boolean orderLost, boolean limitLost) {
    boolean none() {
      return unchecked.isEmpty() && !orderLost && !limitLost;
    }

    /** Whether the scan can still give the right rows by evaluating {@link #unchecked} itself. */
    boolean repairable() {
      return !orderLost && !limitLost;
    }

    @Override
    public String toString() {
      return "filters no longer pushed " + unchecked.stream().map(Predicate::sql)
          .collect(Collectors.joining(", ", "[", "]"))
          + (orderLost ? ", ORDER BY no longer pushed" : "")
          + (limitLost ? ", LIMIT no longer pushed" : "");
    }
  }

  /** Whether rows are a single value rather than an array (Calcite's scalar row format). */
  public boolean scalar() {
    return outputs.size() == 1;
  }

  @Override
  public String toString() {
    return table + " filters=" + filters + " order=" + order + " limit=" + limit
        + " outputs=" + outputs;
  }
}
