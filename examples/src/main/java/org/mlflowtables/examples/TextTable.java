package org.mlflowtables.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Prints rows as a plain-text table, the same way for Spark and JDBC results: numbers to six
 * significant digits, times in UTC to the second, maps and lists inline, long cells cut.
 */
final class TextTable {
  private static final int MAX_CELL = 48;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private boolean truncated;

  TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /** Adds a row of values (see {@link #format(Object)}). */
  void add(List<?> values) {
    List<String> cells = new ArrayList<>(values.size());
    for (Object v : values) {
      cells.add(cut(format(v)));
    }
    rows.add(cells);
  }

  /** Notes that there were more rows than shown. */
  void truncated() {
    this.truncated = true;
  }

  int size() {
    return rows.size();
  }

  /** A value as one cell. */
  static String format(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return TIME.format(t.toInstant());
    }
    if (v instanceof Instant i) {
      return TIME.format(i);
    }
    if (v instanceof LocalDateTime t) {
      return TIME.format(t.toInstant(ZoneOffset.UTC));
    }
    if (v instanceof Map<?, ?> m) {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      new TreeMap<>(m).forEach((k, x) -> j.add(k + "=" + format(x)));
      return j.toString();
    }
    if (v instanceof Collection<?> c) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      c.forEach(x -> j.add(format(x)));
      return j.toString();
    }
    return v.toString();
  }

  private static String cut(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= MAX_CELL ? one : one.substring(0, MAX_CELL - 3) + "...";
  }

  void print(PrintStream out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    String rule = rule(width);
    out.println(rule);
    out.println(line(header, width));
    out.println(rule);
    for (List<String> r : rows) {
      out.println(line(r, width));
    }
    out.println(rule);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows")
        + (truncated ? " shown (more not shown)" : ""));
  }

  private static String rule(int[] width) {
    StringBuilder b = new StringBuilder("+");
    for (int w : width) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.toString();
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      b.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
    }
    return b.toString();
  }
}
