package org.mlflowtables.core.predicate;

/** What a predicate reads from a row: a column, or one entry of a map column. */
public sealed interface ValueRef extends java.io.Serializable permits ColumnRef, MapEntryRef {
  /** The column read (for a map entry, the map column). */
  String column();

  /** SQL text, e.g. {@code run_name} or {@code metrics['rmse']}. */
  String sql();
}
