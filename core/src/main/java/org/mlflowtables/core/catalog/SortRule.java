package org.mlflowtables.core.catalog;

/**
 * When an ORDER BY on a column can be handed to MLflow so that the server's order is exactly the
 * engine's (Spark's: NULL placement as asked, NaN above every other double, strings by code point).
 *
 * @param pushable some ORDER BY on the column can be pushed
 * @param ascendingOnly only ascending (e.g. metrics: MLflow puts NaN after every value in both
 *     directions, Spark puts NaN first when descending)
 * @param nullsLastOnly the server always puts NULLs last; pushable with NULLS FIRST only when the
 *     column cannot be NULL
 * @param needsBinaryStringOrdering a string column: the server sorts by the database collation,
 *     which is byte order on SQLite but case-insensitive on MySQL and MSSQL and locale-aware on
 *     PostgreSQL; pushed only when {@code PushdownOptions.binaryStringOrdering()} says the store
 *     sorts strings bytewise
 */
public record SortRule(
    boolean pushable,
    boolean ascendingOnly,
    boolean nullsLastOnly,
    boolean needsBinaryStringOrdering) implements java.io.Serializable {

  public static final SortRule NONE = new SortRule(false, false, false, false);
  /** Any direction and NULL placement (NULLs, if any, last on the server: see nullsLastOnly). */
  public static final SortRule ANY = new SortRule(true, false, false, false);
  public static final SortRule NULLS_LAST = new SortRule(true, false, true, false);
  public static final SortRule ASC_NULLS_LAST = new SortRule(true, true, true, false);
  /** A string column on an endpoint that puts NULLs last. */
  public static final SortRule STRING_NULLS_LAST = new SortRule(true, false, true, true);

  /**
   * Whether a sort key with this direction and NULL placement can be pushed.
   *
   * @param columnNullable whether the sorted value can be NULL (a map entry always can)
   */
  public boolean allows(
      boolean ascending, boolean nullsFirst, boolean columnNullable, boolean binaryStringOrdering) {
    if (!pushable) {
      return false;
    }
    if (ascendingOnly && !ascending) {
      return false;
    }
    if (nullsLastOnly && nullsFirst && columnNullable) {
      return false;
    }
    return !needsBinaryStringOrdering || binaryStringOrdering;
  }
}
