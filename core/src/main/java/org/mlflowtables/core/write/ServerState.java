package org.mlflowtables.core.write;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.write.Points.ModelPayload;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;

/**
 * What de-duplication has read from the server, kept for the writer's life: each run as first
 * read, each (run, key) history, each logged model's points; what has been asked for; and how
 * long the histories of each key turned out to be (to size the next reads). Not thread-safe: used
 * under the writer's lock.
 */
final class ServerState {

  /** A run's lifecycle stage, params and the step of each metric key's latest value. */
  record RunSnapshot(String lifecycleStage, Map<String, String> params,
      Map<String, Long> latestSteps) {
    static RunSnapshot of(Run run) {
      Map<String, Long> steps = new HashMap<>();
      for (Metric m : run.data().metrics()) {
        steps.put(m.key(), m.step());
      }
      return new RunSnapshot(run.info() == null ? null : run.info().lifecycleStage(),
          KeyValue.toMap(run.data().params()), steps);
    }

    boolean isActive() {
      return lifecycleStage == null || "active".equals(lifecycleStage);
    }

    boolean hasMetric(String key) {
      return latestSteps.containsKey(key);
    }
  }

  record RunKey(String runId, String key) {}

  private final Map<String, RunSnapshot> runs = new HashMap<>();
  private final Set<String> runsAsked = new HashSet<>();
  private final Map<RunKey, Set<RunPoint>> histories = new HashMap<>();
  private final Set<RunKey> historiesAsked = new HashSet<>();
  private final Map<RunKey, Integer> atLeast = new HashMap<>();
  private final Map<String, long[]> sizes = new HashMap<>();
  private final Map<String, Map<ModelPointKey, ModelPayload>> models = new HashMap<>();
  private final Set<String> modelsAsked = new HashSet<>();

  /** Marks the run as asked for; false if it already was. */
  boolean askRun(String runId) {
    return runsAsked.add(runId);
  }

  void putRun(String runId, RunSnapshot snapshot) {
    runs.put(runId, snapshot);
  }

  /** The run as first read, or null while it is not. */
  RunSnapshot run(String runId) {
    return runs.get(runId);
  }

  /** Marks the history as asked for; false if it already was. */
  boolean askHistory(String runId, String key) {
    return historiesAsked.add(new RunKey(runId, key));
  }

  /** The history is to be asked for again (its answer was cut, or the endpoint is missing). */
  void askAgain(String runId, String key, int pointsAtLeast) {
    RunKey k = new RunKey(runId, key);
    historiesAsked.remove(k);
    atLeast.merge(k, pointsAtLeast, Math::max);
  }

  void putHistory(String runId, String key, Set<RunPoint> points) {
    histories.put(new RunKey(runId, key), points);
    atLeast.remove(new RunKey(runId, key));
    long[] s = sizes.computeIfAbsent(key, k -> new long[2]);
    s[0] += points.size();
    s[1]++;
  }

  /** The points of a run's key, or null while they are not read. */
  Set<RunPoint> history(String runId, String key) {
    return histories.get(new RunKey(runId, key));
  }

  /**
   * The points the server probably holds for a run's key, to size a read: the most of what the
   * input brings for it, its latest step + 1, the average history of the key read so far and what
   * a cut answer showed; at least 1, at most a page.
   */
  int expectedPoints(String runId, String key, int pending) {
    long guess = Math.max(1, pending);
    RunSnapshot s = runs.get(runId);
    Long step = s == null ? null : s.latestSteps().get(key);
    if (step != null) {
      guess = Math.max(guess, Math.max(0, step) + 1);
    }
    long[] size = sizes.get(key);
    if (size != null && size[1] > 0) {
      guess = Math.max(guess, size[0] / size[1]);
    }
    guess = Math.max(guess, atLeast.getOrDefault(new RunKey(runId, key), 0));
    return (int) Math.min(guess, MlflowClient.MAX_HISTORY_PAGE);
  }

  /** Marks the model as asked for; false if it already was. */
  boolean askModel(String modelId) {
    return modelsAsked.add(modelId);
  }

  void putModel(String modelId, Map<ModelPointKey, ModelPayload> points) {
    models.put(modelId, points);
  }

  /** A logged model's metric points by primary key, or null while they are not read. */
  Map<ModelPointKey, ModelPayload> model(String modelId) {
    return models.get(modelId);
  }
}
