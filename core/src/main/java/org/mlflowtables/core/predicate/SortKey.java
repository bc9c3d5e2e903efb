package org.mlflowtables.core.predicate;

import java.util.Objects;

/** One ORDER BY key. {@link #asc} and {@link #desc} give Spark's default NULL placement. */
public record SortKey(ValueRef ref, boolean ascending, boolean nullsFirst)
    implements java.io.Serializable {
  public SortKey {
    Objects.requireNonNull(ref, "ref");
  }

  /** ASC NULLS FIRST, the default of Spark (and of SQL ORDER BY ... ASC in Spark). */
  public static SortKey asc(ValueRef ref) {
    return new SortKey(ref, true, true);
  }

  /** DESC NULLS LAST, Spark's default for DESC. */
  public static SortKey desc(ValueRef ref) {
    return new SortKey(ref, false, false);
  }

  public String sql() {
    return ref.sql() + (ascending ? " ASC" : " DESC")
        + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }

  @Override
  public String toString() {
    return sql();
  }
}
