package org.mlflowtables.jdbc.exec;

/**
 * A conjunct handed to core for MLflow to evaluate.
 *
 * @param predicate the conjunct, possibly with {@code ?} parameters
 * @param checkedAbove whether a Calcite filter above the scan still applies it (core pushes it
 *     only to prune); when false, core evaluates it exactly for the planner's values
 */
public record PushedFilter(TranslatedPredicate predicate, boolean checkedAbove) {
  @Override
  public String toString() {
    return predicate + (checkedAbove ? " (also checked by Calcite)" : "");
  }
}
