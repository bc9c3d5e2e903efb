package org.mlflowtables.core.predicate;

import java.util.Objects;

/** A column of the row. */
public record ColumnRef(String column) implements ValueRef {
  public ColumnRef {
    Objects.requireNonNull(column, "column");
  }

  @Override
  public String sql() {
    return SqlText.identifier(column);
  }

  @Override
  public String toString() {
    return sql();
  }
}
