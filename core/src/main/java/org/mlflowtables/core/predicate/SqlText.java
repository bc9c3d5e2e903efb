package org.mlflowtables.core.predicate;

import java.util.regex.Pattern;

/** SQL spelling of names and values for {@code sql()} and EXPLAIN output (not for MLflow). */
final class SqlText {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SqlText() {}

  static String identifier(String name) {
    return SIMPLE.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
  }

  static String string(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String value(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return "CAST('" + d + "' AS DOUBLE)";
      }
      return d.toString();
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    return v.toString();
  }
}
