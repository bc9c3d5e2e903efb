package org.mlflowtables.core.predicate;

import java.util.Objects;

/** {@code ref op literal}. A NULL on either side makes it unknown. */
public record Comparison(ValueRef ref, CompareOp op, Literal literal) implements Predicate {
  public Comparison {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(op, "op");
    literal = literal == null ? Literal.NULL : literal;
  }

  @Override
  public String sql() {
    return ref.sql() + " " + op.sql() + " " + literal.sql();
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
