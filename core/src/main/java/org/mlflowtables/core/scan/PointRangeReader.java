package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.RunMetric;
import org.mlflowtables.core.catalog.Source;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.predicate.Predicate;

/**
 * The rows of a history table (one row per point) for slices of histories ({@link PointRange}),
 * lazily: get-history-bulk per key and up to 100 runs, {@code maxInFlight} requests at once
 * ({@link HistoryReader}); MLflow cannot filter a history by time, so each history is read whole
 * and cut here. Memory holds the answers in flight, never the whole result.
 */
public final class PointRangeReader {
  private PointRangeReader() {}

  /**
   * Opens the rows of {@code ranges} that pass every {@code residual} conjunct.
   *
   * @param table a table read from {@link Source#METRIC_HISTORY}
   */
  @SuppressWarnings("unchecked") // the table's source delivers RunMetric (TableBuilder)
  public static RowIterator open(TableDef table, List<PointRange> ranges,
      List<Predicate> residual, MlflowClient client) {
    if (table.read().source() != Source.METRIC_HISTORY) {
      throw new IllegalArgumentException(table.name() + " is not read from metric histories");
    }
    RowMapper<RunMetric> mapper = (RowMapper<RunMetric>) table.read().rows();
    MlflowClient own = client.withNewStats();
    ScanCounters counters = new ScanCounters(own.stats());
    Resources resources = new Resources();
    HistoryReader reader = resources.register(
        new HistoryReader(own, own.config().maxInFlight(), counters));
    Map<String, Map<String, PointRange>> byKey = new LinkedHashMap<>();
    for (PointRange r : ranges) {
      byKey.computeIfAbsent(r.key(), k -> new TreeMap<>()).put(r.runId(), r);
    }
    Iterator<List<Metric>> histories = reader.histories(tasks(byKey));
    Iterator<Object[]> rows = new RunsScan.ChainedIterator<>(histories, points -> {
      List<Object[]> out = new ArrayList<>();
      for (Metric m : points) {
        PointRange r = byKey.getOrDefault(m.key(), Map.of()).get(m.runId());
        if (r != null && r.contains(m.timestamp())) {
          int from = out.size();
          mapper.addRows(new RunMetric(r.experimentId(), m), out);
          Residuals.keepMatching(table, residual, out, from);
        }
      }
      return out.iterator();
    });
    return new ScanPlan.CountingRows(rows, counters, resources);
  }

  /** One request's worth per key: up to 100 runs (the bulk endpoint's most). */
  private static List<HistoryReader.Task> tasks(Map<String, Map<String, PointRange>> byKey) {
    List<HistoryReader.Task> tasks = new ArrayList<>();
    byKey.forEach((key, byRun) -> {
      List<String> runIds = new ArrayList<>(byRun.keySet());
      for (int i = 0; i < runIds.size(); i += MlflowClient.MAX_HISTORY_BULK_RUNS) {
        List<String> chunk = runIds.subList(i,
            Math.min(runIds.size(), i + MlflowClient.MAX_HISTORY_BULK_RUNS));
        tasks.add(new HistoryReader.Task(key, List.copyOf(chunk), chunk.size()));
      }
    });
    return tasks;
  }
}
