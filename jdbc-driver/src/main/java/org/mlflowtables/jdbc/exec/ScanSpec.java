package org.mlflowtables.jdbc.exec;

import java.util.ArrayList;
import java.util.List;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.scan.ScanRequest;

/**
 * What the planner rules handed to core for one scan: filters, ORDER BY and LIMIT for MLflow, and
 * which values of each row Calcite reads. Immutable; the generated code passes it to {@link
 * TableReader#query}, which binds the statement's parameters into core's request.
 *
 * @param table the table name
 * @param filters pushed conjuncts
 * @param order the pushed ORDER BY, empty for none
 * @param limit the constant part of the pushed LIMIT (offset included), or null for none
 * @param limitParams parameters added to the limit ({@code LIMIT ?}, {@code OFFSET ?})
 * @param outputs the values of each output row
 */
public record ScanSpec(String table, List<PushedFilter> filters, List<SortKey> order, Long limit,
    List<ParamSlot> limitParams, List<OutputColumn> outputs) {

  public ScanSpec {
    filters = List.copyOf(filters);
    order = List.copyOf(order);
    limitParams = List.copyOf(limitParams);
    outputs = List.copyOf(outputs);
  }

  /** The request the planner decides on: parameters as their samples. */
  public ScanRequest planningRequest() {
    return request(ParamBinding.SAMPLES);
  }

  /** The request of one execution, with the statement's values. */
  public ScanRequest bind(ParamBinding values) {
    return request(values);
  }

  private ScanRequest request(ParamBinding values) {
    List<Predicate> ps = new ArrayList<>();
    for (PushedFilter f : filters) {
      ps.add(f.predicate().bind(values));
    }
    Long rows = limit;
    for (ParamSlot slot : limitParams) {
      rows = (rows == null ? 0 : rows) + (Long) values.value(slot);
    }
    return new ScanRequest(table, ps, order, rows);
  }

  /** Whether a {@code ?} parameter reaches core. */
  public boolean hasParams() {
    return !params().isEmpty();
  }

  /** Whether a pushed filter holds a {@code ?} parameter. */
  public boolean hasFilterParams() {
    return filters.stream().anyMatch(f -> f.predicate().hasParams());
  }

  /** Core's description of the planning request, parameters shown as {@code ?0}, ... */
  public String show(String description) {
    String shown = description;
    if (!limitParams.isEmpty() && limit != null && limit != 0) {
      StringBuilder sum = new StringBuilder().append(limit);
      limitParams.forEach(p -> sum.append(" + ?").append(p.index()));
      shown = shown.replace(String.valueOf(planningRequest().limit()), sum);
    }
    return ParamSlot.show(shown, params());
  }

  /** Every parameter that reaches core. */
  public List<ParamSlot> params() {
    List<ParamSlot> all = new ArrayList<>(limitParams);
    for (PushedFilter f : filters) {
      all.addAll(f.predicate().params());
    }
    return all;
  }

  /** Whether a LIMIT is pushed. */
  public boolean limited() {
    return limit != null || !limitParams.isEmpty();
  }

  public ScanSpec withFilters(List<PushedFilter> more) {
    List<PushedFilter> all = new ArrayList<>(filters);
    all.addAll(more);
    return new ScanSpec(table, all, order, limit, limitParams, outputs);
  }

  public ScanSpec withOutputs(List<OutputColumn> newOutputs) {
    return new ScanSpec(table, filters, order, limit, limitParams, newOutputs);
  }

  public ScanSpec withSort(List<SortKey> newOrder, Long newLimit, List<ParamSlot> newParams) {
    return new ScanSpec(table, filters, newOrder, newLimit, newParams, outputs);
  }

  /** Whether rows are a single value rather than an array (Calcite's scalar row format). */
  public boolean scalar() {
    return outputs.size() == 1;
  }

  @Override
  public String toString() {
    return table + " filters=" + filters + " order=" + order + " limit=" + limit
        + (limitParams.isEmpty() ? "" : "+" + limitParams) + " outputs=" + outputs;
  }
}
