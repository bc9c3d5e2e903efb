package org.mlflowtables.core.predicate;

import java.util.Objects;

/** One entry of a map column, {@code metrics['rmse']}; NULL when the map lacks the key. */
public record MapEntryRef(String column, String key) implements ValueRef {
  public MapEntryRef {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String sql() {
    return SqlText.identifier(column) + "[" + SqlText.string(key) + "]";
  }

  @Override
  public String toString() {
    return sql();
  }
}
