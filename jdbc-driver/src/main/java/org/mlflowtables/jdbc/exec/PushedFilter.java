package org.mlflowtables.jdbc.exec;


/**
 * A predicate handed to core for MLflow to evaluate.
 *
 * @param predicate the predicate, possibly with dynamic parameters
 * @param checkedAbove whether Calcite still applies the conjunct it came from (pushed only to
 *     prune, or holding a parameter whose value core may refuse at run time); when false, MLflow
 *     alone evaluates it, and the scan checks at run time that core still pushes it
 */
public record PushedFilter(TranslatedPredicate predicate, boolean checkedAbove) {
  @Override
  public String toString() {
    return predicate + (checkedAbove ? " (also checked by Calcite)" : "");
  }
}
