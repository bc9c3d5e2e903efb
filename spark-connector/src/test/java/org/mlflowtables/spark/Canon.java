package org.mlflowtables.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Canonical text of rows, so that two DataFrames (or a DataFrame and expected values) compare as
 * multisets: maps sorted by key, times as epoch milliseconds, doubles with Java's spelling (NaN
 * equals NaN). Public for the reliability tests, which compare the same way.
 */
public final class Canon {
  private Canon() {}

  /** The rows of a DataFrame (Spark's java.time API must be on), sorted. */
  public static List<String> rows(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Object[] values = new Object[r.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(i);
      }
      out.add(row(values));
    }
    out.sort(null);
    return out;
  }

  /** Rows given as value arrays, sorted. */
  static List<String> rows(Collection<Object[]> rows) {
    return rows.stream().map(Canon::row).sorted().collect(Collectors.toList());
  }

  /** One row given as values, unsorted: {@code [v1 | v2 | ...]}. */
  public static String row(Object... values) {
    return Arrays.stream(values).map(Canon::value).collect(Collectors.joining(" | ", "[", "]"));
  }

  static String value(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return value(ScalaCollections.map(m));
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      return value(ScalaCollections.list(s));
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), value(x)));
      return sorted.toString();
    }
    if (v instanceof Iterable<?> it) {
      List<String> items = new ArrayList<>();
      it.forEach(x -> items.add(value(x)));
      return items.toString();
    }
    if (v instanceof Instant i) {
      return "t" + i.toEpochMilli();
    }
    if (v instanceof java.sql.Timestamp t) {
      return "t" + t.getTime();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return "n" + ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      return "d" + ((Number) v).doubleValue();
    }
    return "'" + v + "'";
  }
}
