package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * TraceLatency on traces of its own over three days, one before {@code --since}, and another
 * experiment's: its rows are the count, median and p95 of the span durations logged, per day and
 * span type, computed here from what was logged; the time range and experiment reach MLflow.
 */
@ExtendWith(MlflowServerExtension.class)
class TraceLatencyIT {
  private static final long DAY = 86_400_000L;
  /** 2024-05-01T00:00Z. */
  private static final long MAY_1 = 1_714_521_600_000L;

  @Test
  void p95PerDayAndSpanTypeOfTheSelectedTraces(MlflowServer server) {
    String prefix = "latency-" + UUID.randomUUID().toString().substring(0, 8);
    // Day -1 (before --since), day 0 and day 1; durations in ms of LLM, RETRIEVER, TOOL spans.
    List<Map<String, Object>> traces = new ArrayList<>();
    int[][] llm = {{900}, {120, 340, 560, 780, 1000, 4000}, {50, 70}};
    for (int day = 0; day < 3; day++) {
      for (int i = 0; i < llm[day].length; i++) {
        List<Object> spans = new ArrayList<>();
        spans.add(List.of("LLM", llm[day][i]));
        spans.add(List.of("RETRIEVER", 10 + 7 * i));
        if (i % 2 == 0) {
          spans.add(List.of("TOOL", 3 + i));
        }
        traces.add(Map.of("start", MAY_1 + (day - 1) * DAY + 3_600_000L * (i + 1),
            "spans", spans));
      }
    }
    ExampleTesting.logTraces(server, prefix + "-app", traces);
    ExampleTesting.logTraces(server, "other-" + prefix, List.of(
        Map.of("start", MAY_1 + 60_000, "spans", List.of(List.of("LLM", 99_000)))));

    Captured out = new Captured();
    List<Row> rows = TraceLatency.run(ExampleTesting.spark(), server.uri(), prefix + "-%",
        "2024-05-01", out.out);
    String text = out.text();

    assertEquals(expected(traces), actual(rows), text);
    assertTrue(text.matches("(?s).*Spans are read with: MLflowScan trace_spans.*PushedFilters: "
        + "\\[[^]]*trace_request_time >= .*"), text);
    assertTrue(text.contains("| LLM "), text);
  }

  /** [day, span type] to [spans, p50, p95], from the logged traces since May 1st. */
  private static Map<List<Object>, List<Object>> expected(List<Map<String, Object>> traces) {
    Map<List<Object>, List<Double>> durations = new TreeMap<>(
        (a, b) -> (a.get(0) + "|" + a.get(1)).compareTo(b.get(0) + "|" + b.get(1)));
    for (Map<String, Object> t : traces) {
      long start = (Long) t.get("start");
      if (start < MAY_1) {
        continue;
      }
      LocalDate day = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).toLocalDate();
      double total = 1;
      for (Object s : (List<?>) t.get("spans")) {
        List<?> span = (List<?>) s;
        double ms = ((Integer) span.get(1)).doubleValue();
        total += ms;
        durations.computeIfAbsent(List.of(day, span.get(0)), k -> new ArrayList<>()).add(ms);
      }
      durations.computeIfAbsent(List.of(day, "CHAIN"), k -> new ArrayList<>()).add(total);
    }
    Map<List<Object>, List<Object>> out = new TreeMap<>(
        (a, b) -> (a.get(0) + "|" + a.get(1)).compareTo(b.get(0) + "|" + b.get(1)));
    durations.forEach((k, v) -> out.put(k, List.of((long) v.size(), percentile(v, 0.5),
        percentile(v, 0.95))));
    return out;
  }

  /** Spark's exact percentile: linear between the two closest ranks; rounded to 3 places. */
  private static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    double v = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  private static Map<List<Object>, List<Object>> actual(List<Row> rows) {
    Map<List<Object>, List<Object>> out = new TreeMap<>(
        (a, b) -> (a.get(0) + "|" + a.get(1)).compareTo(b.get(0) + "|" + b.get(1)));
    for (Row r : rows) {
      List<Object> key = Arrays.asList(r.getDate(0).toLocalDate(), r.getString(1));
      out.put(key, List.of(r.getLong(2), r.getDouble(3), r.getDouble(4)));
    }
    assertEquals(rows.size(), out.size(), "one row per day and span type: " + rows);
    return out;
  }
}
