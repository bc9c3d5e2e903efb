package org.mlflowtables.core.predicate;

/**
 * Facts about the tracking server's store that push-down may rely on.
 *
 * @param binaryStringOrdering the store sorts strings by their bytes (SQLite; PostgreSQL with the C
 *     collation). Only then is an ORDER BY on a string column pushed: MySQL and MSSQL sort
 *     case-insensitively and PostgreSQL's default collations are locale-aware, unlike Spark.
 */
public record PushdownOptions(boolean binaryStringOrdering) {
  /** Only what is exact on every SQL store MLflow supports. */
  public static final PushdownOptions PORTABLE = new PushdownOptions(false);
  /** A store that sorts strings bytewise, such as SQLite. */
  public static final PushdownOptions BINARY_STRING_ORDERING = new PushdownOptions(true);
}
