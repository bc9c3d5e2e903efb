package org.mlflowtables.core.predicate;

import java.util.Objects;

/** Negation; NOT unknown is unknown. */
public record Not(Predicate child) implements Predicate {
  public Not {
    Objects.requireNonNull(child, "child");
  }

  @Override
  public String sql() {
    return "NOT (" + child.sql() + ")";
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
