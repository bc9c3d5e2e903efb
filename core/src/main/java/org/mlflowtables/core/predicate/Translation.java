package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a list of conjuncts becomes for one MLflow search.
 *
 * @param filter the MLflow filter string (its clauses AND-joined), or null for none
 * @param clauses the filter's comparisons, structured
 * @param experimentIds the experiments to search ({@code experiment_id =} / {@code IN}, intersected
 *     over the conjuncts); empty Optional for no constraint. For the experiments table these are
 *     read by id (get-experiment), and then {@code filter} is null: the other conjuncts are
 *     residual
 * @param keys for the long tables (latest_metrics, params, tags, metrics, logged_model_metrics),
 *     the keys asked for ({@code key =} / {@code IN}); the reader may skip other keys. The key
 *     conjuncts stay residual too
 * @param pushed the conjuncts (normalized) that reach MLflow, exactly or to prune
 * @param residual the conjuncts the engine must still apply. A conjunct pushed only to prune (the
 *     server may be looser) is in both lists
 * @param noRows the conjuncts cannot all be true (e.g. {@code experiment_id IN ()},
 *     {@code x = NULL}, two different {@code key =}): send no request, return no rows
 */
public record Translation(
    String filter,
    List<FilterClause> clauses,
    Optional<Set<String>> experimentIds,
    Optional<Set<String>> keys,
    List<Predicate> pushed,
    List<Predicate> residual,
    boolean noRows) {

  public Translation {
    clauses = List.copyOf(clauses);
    Objects.requireNonNull(experimentIds, "experimentIds");
    Objects.requireNonNull(keys, "keys");
    pushed = List.copyOf(pushed);
    residual = List.copyOf(residual);
  }

  /** Nothing pushed, everything residual. */
  public static Translation none(List<? extends Predicate> conjuncts) {
    return new Translation(
        null, List.of(), Optional.empty(), Optional.empty(), List.of(), List.copyOf(conjuncts),
        false);
  }

  /** True when the server's answer needs no further filtering (so a LIMIT may be pushed too). */
  public boolean complete() {
    return residual.isEmpty();
  }

  /** One line for EXPLAIN: what is sent and what stays. Never contains secrets. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (noRows) {
      sb.append("no rows (contradictory predicates)");
    } else {
      sb.append("filter=").append(filter == null ? "none" : filter);
      experimentIds.ifPresent(ids -> sb.append(", experiment_ids=").append(ids));
      keys.ifPresent(k -> sb.append(", keys=").append(k));
    }
    sb.append(", pushed=").append(join(pushed));
    sb.append(", residual=").append(join(residual));
    return sb.toString();
  }

  private static String join(List<Predicate> ps) {
    return ps.stream().map(Predicate::sql).collect(Collectors.joining(" AND ", "[", "]"));
  }
}
