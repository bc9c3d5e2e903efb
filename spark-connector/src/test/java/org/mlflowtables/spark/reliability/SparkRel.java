package org.mlflowtables.spark.reliability;

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
import org.apache.spark.sql.SparkSession;
import org.mlflowtables.core.testing.Oracle;
import scala.jdk.javaapi.CollectionConverters;

/** Spark helpers of the reliability tests: the session, rows as canonical text, messages. */
final class SparkRel {
  private SparkRel() {}

  /**
   * The test JVM's Spark session: the same settings as the connector's own tests (local[2,2], UI
   * off, java.time values, UTC), so that either may create the one SparkContext of the JVM.
   */
  static synchronized SparkSession spark() {
    return SparkSession.builder()
        .master("local[2,2]")
        .appName("mlflow-tables-spark-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** The fixture's experiment ids as a SQL IN list. */
  static String fxIn(Oracle oracle) {
    return oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The rows of a DataFrame as sorted canonical text. */
  static List<String> rows(Dataset<Row> df) {
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

  /** Core-typed rows (the oracle's) as sorted canonical text; times are epoch milliseconds. */
  static List<String> coreRows(Collection<List<Object>> rows, List<Integer> timeColumns) {
    List<String> out = new ArrayList<>();
    for (List<Object> r : rows) {
      Object[] values = r.toArray();
      for (int i : timeColumns) {
        if (values[i] instanceof Long l) {
          values[i] = Instant.ofEpochMilli(l);
        }
      }
      out.add(row(values));
    }
    out.sort(null);
    return out;
  }

  static String row(Object... values) {
    return Arrays.stream(values).map(SparkRel::value).collect(Collectors.joining(" | ", "[", "]"));
  }

  static String value(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return value(CollectionConverters.asJava(m));
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      return value(CollectionConverters.asJava(s));
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

  /** Every message of a throwable, its causes and suppressed ones. */
  static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
      for (Throwable s : c.getSuppressed()) {
        sb.append("  suppressed ").append(s.getMessage()).append('\n');
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
