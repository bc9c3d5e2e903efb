package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code ref IN (v1, v2, ...)}: true if ref equals a value; otherwise unknown if ref or a value is
 * NULL, else false. An empty list is false.
 */
public record In(ValueRef ref, List<Literal> values) implements Predicate {
  public In {
    Objects.requireNonNull(ref, "ref");
    values = values.stream().map(v -> v == null ? Literal.NULL : v).toList();
  }

  @Override
  public String sql() {
    return ref.sql() + " IN ("
        + values.stream().map(Literal::sql).collect(Collectors.joining(", ")) + ")";
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
