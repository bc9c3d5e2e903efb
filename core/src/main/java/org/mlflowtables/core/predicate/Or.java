package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.stream.Collectors;

/** Disjunction: true if any child is true, else unknown if any is unknown, else false. */
public record Or(List<Predicate> children) implements Predicate {
  public Or {
    children = List.copyOf(children);
  }

  @Override
  public String sql() {
    if (children.isEmpty()) {
      return "FALSE";
    }
    return "(" + children.stream().map(Predicate::sql).collect(Collectors.joining(" OR ")) + ")";
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
