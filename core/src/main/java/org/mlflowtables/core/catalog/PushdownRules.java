package org.mlflowtables.core.catalog;

import static org.mlflowtables.core.catalog.PushdownOp.EQ;
import static org.mlflowtables.core.catalog.PushdownOp.GE;
import static org.mlflowtables.core.catalog.PushdownOp.GT;
import static org.mlflowtables.core.catalog.PushdownOp.ILIKE;
import static org.mlflowtables.core.catalog.PushdownOp.IN;
import static org.mlflowtables.core.catalog.PushdownOp.LE;
import static org.mlflowtables.core.catalog.PushdownOp.LIKE;
import static org.mlflowtables.core.catalog.PushdownOp.LT;
import static org.mlflowtables.core.catalog.PushdownOp.NE;

import java.util.HashSet;
import java.util.Set;
import org.mlflowtables.core.catalog.MlflowField.Fixed;
import org.mlflowtables.core.catalog.MlflowField.Kind;

/** The push-down facts and field forms that recur in the catalogue's entries ({@link Tables}). */
final class PushdownRules {
  private PushdownRules() {}

  static final Set<PushdownOp> COMPARISONS = Set.of(EQ, NE, LT, LE, GT, GE);
  static final Set<PushdownOp> EQ_NE = Set.of(EQ, NE);
  static final Set<PushdownOp> EQ_NE_IN = Set.of(EQ, NE, IN);
  static final Set<PushdownOp> EQ_IN = Set.of(EQ, IN);
  static final Set<PushdownOp> LIKES = Set.of(LIKE, ILIKE);

  /** A non-null string column on an endpoint with plain ORDER BY. */
  static final SortRule STRING_SORT = new SortRule(true, false, false, true);

  /** For columns the server stores '' in when unset, which the table reads as NULL. */
  static final String EMPTY_NOTE = "pushed to prune and kept: the server keeps '' for an "
      + "unset value, which the table shows as NULL (so != and = '' match more on the server)";
  static final String LIKE_NOTE =
      "LIKE/ILIKE pushed to prune and kept: SQLite's LIKE ignores ASCII case";
  /**
   * Where the server evaluates IS NOT NULL exactly, any other predicate on the entry prunes as
   * IS NOT NULL (it cannot be true of a NULL).
   */
  static final Set<PushdownOp> PRESENCE_PRUNE = Set.of(LIKE, ILIKE, IN, LT, LE, GT, GE);
  static final String PRESENCE_NOTE =
      "; IN, <, >, and values that cannot be quoted prune as IS NOT NULL";
  static final String NULL_ORDER_NOTE =
      "no ORDER BY: nullable, and NULL placement differs between SQL backends";
  static final String EXPERIMENT_IDS_NOTE = "= / IN become the request's experiment_ids";

  static Set<PushdownOp> union(Set<PushdownOp> a, Set<PushdownOp> b) {
    Set<PushdownOp> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  static ColumnPushdown p(Set<PushdownOp> exact, Set<PushdownOp> prune, SortRule sort,
      String note) {
    return new ColumnPushdown(exact, prune, sort, note);
  }

  /** An attribute compared as a string ({@code attributes.run_name}, {@code name}). */
  static Fixed attribute(String serverName) {
    return new Fixed("attribute", serverName, Kind.STRING, false);
  }

  /** An attribute compared as an integer (times). */
  static Fixed integerAttribute(String serverName) {
    return new Fixed("attribute", serverName, Kind.INTEGER, false);
  }

  /** The entries of a map column as fields of the entity ({@code tags.`k`}). */
  static MlflowField entries(String entity, Kind kind, boolean presencePrune,
      String... excluded) {
    return new MlflowField.Entries(entity, kind, presencePrune, Set.of(excluded));
  }
}
