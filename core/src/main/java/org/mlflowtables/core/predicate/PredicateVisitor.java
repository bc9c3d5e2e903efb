package org.mlflowtables.core.predicate;

/**
 * One operation over every kind of {@link Predicate}, chosen by {@link Predicate#accept}. A new
 * kind of predicate adds a method here, so that every operation that does not handle it fails to
 * compile (Java 17 has no exhaustive switch over types).
 *
 * @param <R> what the operation returns
 */
public interface PredicateVisitor<R> {
  R visit(Comparison p);

  R visit(ColumnComparison p);

  R visit(In p);

  R visit(Like p);

  R visit(IsNull p);

  R visit(IsNotNull p);

  R visit(And p);

  R visit(Or p);

  R visit(Not p);
}
