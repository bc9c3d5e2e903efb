package org.mlflowtables.core.predicate;

import java.util.Objects;

/** {@code ref IS NOT NULL}. Never unknown. */
public record IsNotNull(ValueRef ref) implements Predicate {
  public IsNotNull {
    Objects.requireNonNull(ref, "ref");
  }

  @Override
  public String sql() {
    return ref.sql() + " IS NOT NULL";
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
