package org.mlflowtables.core.predicate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.InvalidPredicateException;

/**
 * The reference semantics of predicates and sort keys over engine-neutral rows; the differential
 * tests hold both engines and every push-down to it. It follows SQL as Spark evaluates it:
 *
 * <ul>
 *   <li>Three-valued logic: a comparison with NULL is unknown ({@code null}); AND/OR/NOT are
 *       Kleene's; a row is kept only when the predicate is TRUE. A missing map key reads as NULL.
 *   <li>Doubles (Spark's NaN semantics): NaN equals NaN and is greater than every other double,
 *       +Infinity included; -0.0 equals 0.0. A LONG and a DOUBLE compare as doubles.
 *   <li>Strings compare by Unicode code point (the order of their UTF-8 bytes, as Spark's binary
 *       collation), not by UTF-16 unit as {@link String#compareTo} does.
 *   <li>IN: true on a match, else unknown if the value or a list element is NULL, else false.
 *   <li>LIKE: {@code %} matches any sequence (newlines too), {@code _} exactly one code point (a
 *       newline too); case-sensitive. ILIKE lower-cases both sides ({@link Locale#ROOT}) first.
 *       An escape character may precede only {@code %}, {@code _} or itself.
 * </ul>
 *
 * <p>Known differences of Apache Calcite 1.42 (checked against its runtime): {@code _} does not
 * match a newline; ILIKE folds ASCII only; comparisons of primitive doubles are IEEE (NaN &gt; x is
 * false); strings compare by UTF-16 unit; boxed -0.0 and 0.0 are unequal. The JDBC driver must
 * bridge these to agree with this class.
 */
public final class PredicateEvaluator {
  private static final int PATTERN_CACHE_SIZE = 256;
  private static final Map<String, Pattern> PATTERNS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
              return size() > PATTERN_CACHE_SIZE;
            }
          });

  private PredicateEvaluator() {}

  /** TRUE, FALSE, or {@code null} for unknown. {@code row} maps a column name to its value. */
  public static Boolean evaluate(Predicate p, Function<String, ?> row) {
    return p.accept(new Evaluation(row));
  }

  /** Three-valued evaluation of one predicate over one row. */
  private record Evaluation(Function<String, ?> row) implements PredicateVisitor<Boolean> {
    @Override
    public Boolean visit(Comparison c) {
      return compare(value(c.ref(), row), c.op(), c.literal().value(), c.ref());
    }

    @Override
    public Boolean visit(ColumnComparison c) {
      return compare(value(c.left(), row), c.op(), value(c.right(), row), c.left());
    }

    @Override
    public Boolean visit(In in) {
      Object v = value(in.ref(), row);
      if (v == null) {
        // NULL IN () is false (SQL standard, Spark 4's default); NULL IN (...) is unknown.
        return in.values().isEmpty() ? Boolean.FALSE : null;
      }
      boolean sawNull = false;
      for (Literal l : in.values()) {
        if (l.isNull()) {
          sawNull = true;
        } else if (compareNonNull(v, l.value(), in.ref()) == 0) {
          return Boolean.TRUE;
        }
      }
      return sawNull ? null : Boolean.FALSE;
    }

    @Override
    public Boolean visit(Like like) {
      Object v = value(like.ref(), row);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s)) {
        throw new InvalidPredicateException(
            "LIKE needs a string, but " + like.ref().sql() + " is " + typeName(v));
      }
      return like(s, like.pattern(), like.escape(), like.caseInsensitive());
    }

    @Override
    public Boolean visit(IsNull n) {
      return value(n.ref(), row) == null;
    }

    @Override
    public Boolean visit(IsNotNull n) {
      return value(n.ref(), row) != null;
    }

    @Override
    public Boolean visit(And and) {
      boolean unknown = false;
      for (Predicate child : and.children()) {
        Boolean r = child.accept(this);
        if (r == null) {
          unknown = true;
        } else if (!r) {
          return Boolean.FALSE;
        }
      }
      return unknown ? null : Boolean.TRUE;
    }

    @Override
    public Boolean visit(Or or) {
      boolean unknown = false;
      for (Predicate child : or.children()) {
        Boolean r = child.accept(this);
        if (r == null) {
          unknown = true;
        } else if (r) {
          return Boolean.TRUE;
        }
      }
      return unknown ? null : Boolean.FALSE;
    }

    @Override
    public Boolean visit(Not not) {
      Boolean r = not.child().accept(this);
      return r == null ? null : !r;
    }
  }

  /** Whether the row is kept: the predicate is TRUE (not FALSE, not unknown). */
  public static boolean test(Predicate p, Function<String, ?> row) {
    return Boolean.TRUE.equals(evaluate(p, row));
  }

  /** Whether every conjunct is TRUE. */
  public static boolean testAll(List<? extends Predicate> conjuncts, Function<String, ?> row) {
    for (Predicate p : conjuncts) {
      if (!test(p, row)) {
        return false;
      }
    }
    return true;
  }

  /** A row accessor over an array laid out as the table's columns. */
  public static Function<String, Object> rowOf(TableDef table, Object[] values) {
    return column -> values[table.index(column)];
  }

  /** The value a reference reads; a map entry of a NULL map, or a missing key, is NULL. */
  static Object value(ValueRef ref, Function<String, ?> row) {
    Object v = row.apply(ref.column());
    if (ref instanceof MapEntryRef e) {
      if (v == null) {
        return null;
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw new InvalidPredicateException(
            "Column " + e.column() + " is not a map (" + typeName(v) + "), so " + e.sql()
                + " has no meaning");
      }
      return m.get(e.key());
    }
    return v;
  }

  /**
   * SQL LIKE (or ILIKE) of a non-null string.
   *
   * @param escape the escape character, or null for none
   * @throws InvalidPredicateException for a malformed pattern (escape before another character, or
   *     at the end)
   */
  static boolean like(
      String value, String pattern, Character escape, boolean caseInsensitive) {
    if (caseInsensitive) {
      value = value.toLowerCase(Locale.ROOT);
      pattern = pattern.toLowerCase(Locale.ROOT);
    }
    String cacheKey = (escape == null ? "N" : "E" + escape) + pattern;
    Pattern compiled = PATTERNS.get(cacheKey);
    if (compiled == null) {
      compiled = Pattern.compile(likeToRegex(pattern, escape), Pattern.DOTALL);
      PATTERNS.put(cacheKey, compiled);
    }
    return compiled.matcher(value).matches();
  }

  static String likeToRegex(String pattern, Character escape) {
    StringBuilder regex = new StringBuilder(pattern.length() + 16);
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int cp = pattern.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (escape != null && cp == escape) {
        if (next >= pattern.length()) {
          throw new InvalidPredicateException(
              "LIKE pattern '" + pattern + "' ends with the escape character " + escape);
        }
        int escaped = pattern.codePointAt(next);
        if (escaped != '%' && escaped != '_' && escaped != escape) {
          throw new InvalidPredicateException(
              "LIKE pattern '" + pattern + "': the escape character " + escape
                  + " may precede only %, _ or itself");
        }
        literal.appendCodePoint(escaped);
        i = next + Character.charCount(escaped);
        continue;
      }
      if (cp == '%' || cp == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(cp == '%' ? ".*" : ".");
      } else {
        literal.appendCodePoint(cp);
      }
      i = next;
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  private static Boolean compare(Object a, CompareOp op, Object b, ValueRef ref) {
    if (a == null || b == null) {
      return null;
    }
    return op.test(compareNonNull(a, b, ref));
  }

  static int compareNonNull(Object a, Object b, ValueRef ref) {
    if (a instanceof String sa && b instanceof String sb) {
      return compareCodePoints(sa, sb);
    }
    if (a instanceof Long la && b instanceof Long lb) {
      return Long.compare(la, lb);
    }
    if (a instanceof Number na && b instanceof Number nb
        && (a instanceof Long || a instanceof Double)
        && (b instanceof Long || b instanceof Double)) {
      return compareDoubles(na.doubleValue(), nb.doubleValue());
    }
    if (a instanceof Boolean ba && b instanceof Boolean bb) {
      return Boolean.compare(ba, bb);
    }
    throw new InvalidPredicateException(
        "Cannot compare " + typeName(a) + " with " + typeName(b)
            + (ref == null ? "" : " in " + ref.sql()));
  }

  /** Spark's order of doubles: NaN = NaN, NaN above everything, -0.0 = 0.0. */
  static int compareDoubles(double x, double y) {
    boolean xNan = Double.isNaN(x);
    boolean yNan = Double.isNaN(y);
    if (xNan || yNan) {
      return xNan == yNan ? 0 : (xNan ? 1 : -1);
    }
    return x < y ? -1 : (x > y ? 1 : 0);
  }

  /** Code point order, which is the order of the UTF-8 bytes. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static final Map<Class<?>, String> TYPE_NAMES = Map.of(String.class, "a string",
      Long.class, "a BIGINT", Double.class, "a DOUBLE", Boolean.class, "a BOOLEAN");

  private static String typeName(Object v) {
    if (v instanceof Map) {
      return "a map";
    }
    if (v instanceof List) {
      return "an array";
    }
    return TYPE_NAMES.getOrDefault(v.getClass(), v.getClass().getSimpleName());
  }
}
