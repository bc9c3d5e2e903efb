package org.mlflowtables.core.write;

import java.util.Objects;

/** What the writers that create ({@link ExperimentWriter}, {@link RunWriter}) check first. */
final class CreatedRows {
  private CreatedRows() {}

  /**
   * The row as the writer's kind of row.
   *
   * @throws IllegalStateException when the writer is closed
   * @throws IllegalArgumentException when the row is of another table
   */
  static <R extends WriteRow> R as(WriteRow row, Class<R> type, String table, boolean closed) {
    if (closed) {
      throw new IllegalStateException("The writer of " + table + " is closed");
    }
    if (!type.isInstance(Objects.requireNonNull(row, "row"))) {
      throw new IllegalArgumentException(table + " takes " + type.getSimpleName() + "s, not a "
          + row.kind());
    }
    return type.cast(row);
  }
}
