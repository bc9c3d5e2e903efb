package org.mlflowtables.core.predicate;

/**
 * An engine-neutral, immutable predicate over one table's row. Evaluated with SQL's three-valued
 * logic by {@link PredicateEvaluator}; translated into MLflow filters by a {@link TableTranslator}.
 * {@code toString()} is {@link #sql()}, for EXPLAIN output. Operations over predicates are
 * {@link PredicateVisitor}s, so that a new kind is handled everywhere or does not compile.
 */
public sealed interface Predicate extends java.io.Serializable
    permits Comparison, In, Like, And, Or, Not, IsNull, IsNotNull, ColumnComparison {
  /** Readable SQL text. */
  String sql();

  /** Hands this predicate to the visitor's method for its kind. */
  <R> R accept(PredicateVisitor<R> visitor);
}
