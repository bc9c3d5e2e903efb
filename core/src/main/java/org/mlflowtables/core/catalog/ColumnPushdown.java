package org.mlflowtables.core.catalog;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the table's endpoint can do with predicates on one column (for a map column: on its entries,
 * {@code metrics['k']}).
 *
 * @param exact operators the endpoint evaluates exactly as SQL does: pushed and not re-applied
 * @param prune operators pushed in a looser form only to prune (LIKE on a case-insensitive SQLite
 *     column, a metric of a logged model matched on any of its points): also kept as residual
 * @param sort when an ORDER BY on the column is pushed
 * @param note why, in one line (shown in docs)
 */
public record ColumnPushdown(
    Set<PushdownOp> exact, Set<PushdownOp> prune, SortRule sort, String note)
    implements java.io.Serializable {
  public static final ColumnPushdown NONE =
      new ColumnPushdown(Set.of(), Set.of(), SortRule.NONE, "evaluated by the engine");

  public ColumnPushdown {
    exact = exact.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(exact));
    prune = prune.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(prune));
    Objects.requireNonNull(sort, "sort");
    note = note == null ? "" : note;
    for (PushdownOp op : exact) {
      if (prune.contains(op)) {
        throw new IllegalArgumentException(op + " cannot be both exact and prune-only");
      }
    }
  }

  /** Whether the operator reaches the server at all (exactly or to prune). */
  public boolean pushes(PushdownOp op) {
    return exact.contains(op) || prune.contains(op);
  }
}
