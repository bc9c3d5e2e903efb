package org.mlflowtables.core.predicate;

/**
 * An engine-neutral, immutable predicate over one table's row. Evaluated with SQL's three-valued
 * logic by {@link PredicateEvaluator}; translated into MLflow filters by a {@link TableTranslator}.
 * {@code toString()} is {@link #sql()}, for EXPLAIN output.
 */
public sealed interface Predicate extends java.io.Serializable
    permits Comparison, In, Like, And, Or, Not, IsNull, IsNotNull, ColumnComparison {
  /** Readable SQL text. */
  String sql();
}
