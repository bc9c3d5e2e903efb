package org.mlflowtables.core.predicate;

import java.util.Objects;

/** {@code ref IS NULL}; a missing map key is NULL. Never unknown. */
public record IsNull(ValueRef ref) implements Predicate {
  public IsNull {
    Objects.requireNonNull(ref, "ref");
  }

  @Override
  public String sql() {
    return ref.sql() + " IS NULL";
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
