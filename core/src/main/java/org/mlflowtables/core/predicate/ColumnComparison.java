package org.mlflowtables.core.predicate;

import java.util.Objects;

/** {@code left op right}, two values of one row. Never pushed: MLflow cannot compare two fields. */
public record ColumnComparison(ValueRef left, CompareOp op, ValueRef right) implements Predicate {
  public ColumnComparison {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(right, "right");
  }

  @Override
  public String sql() {
    return left.sql() + " " + op.sql() + " " + right.sql();
  }

  @Override
  public String toString() {
    return sql();
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
