package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.stream.Collectors;

/** Conjunction: false if any child is false, else unknown if any is unknown, else true. */
public record And(List<Predicate> children) implements Predicate {
  public And {
    children = List.copyOf(children);
  }

  @Override
  public String sql() {
    if (children.isEmpty()) {
      return "TRUE";
    }
    return "(" + children.stream().map(Predicate::sql).collect(Collectors.joining(" AND ")) + ")";
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
