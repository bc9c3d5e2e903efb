package org.mlflowtables.core.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.WriteResult;

/**
 * A new experiment with runs, and metric points for them (run × key × step, values quarters so
 * that they print exactly): the data of the restart tests.
 *
 * @param points the points, not yet written ({@link #write})
 */
public record SeededRuns(String experimentId, List<String> runIds, List<String> keys,
    List<MetricRow> points) {

  /** Creates the experiment and its runs through {@code client}; builds their points. */
  public static SeededRuns create(MlflowClient client, String prefix, int runs, List<String> keys,
      int steps) {
    String experiment = client.createExperiment(prefix + "-" + UUID.randomUUID(), null, Map.of());
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      ids.add(client.createRun(experiment, prefix + "-" + r, ScratchRun.START_MILLIS, Map.of())
          .info().runId());
    }
    List<MetricRow> rows = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      for (int k = 0; k < keys.size(); k++) {
        for (int r = 0; r < runs; r++) {
          rows.add(MetricRow.of(ids.get(r), keys.get(k), (r * 100_000 + k * 10_000 + s) / 4.0,
              ScratchRun.START_MILLIS + s * 1_000L + k, s));
        }
      }
    }
    return new SeededRuns(experiment, List.copyOf(ids), List.copyOf(keys), List.copyOf(rows));
  }

  /** The points as {@link PythonPoints#read} lists them, each with how often it should be there. */
  public Map<String, Integer> pythonLines() {
    Map<String, Integer> lines = new HashMap<>();
    for (MetricRow m : points) {
      lines.merge(PythonPoints.line(m.runId(), m.key(), m.timestamp(), m.stepOrZero(), m.value()),
          1, Integer::sum);
    }
    return lines;
  }

  /** Writes the points through core's log-batch writer. */
  public WriteResult write(MlflowClient client) {
    try (LogBatchWriter writer = LogBatchWriter.create(client)) {
      writer.addAll(points);
      writer.flush();
      return writer.result();
    }
  }
}
