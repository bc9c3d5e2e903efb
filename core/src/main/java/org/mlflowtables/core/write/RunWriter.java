package org.mlflowtables.core.write;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunInfo;
import org.mlflowtables.core.client.model.SearchRunsRequest;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * Writes rows of {@code runs}: creates the run of a row's source key in its experiment unless the
 * experiment already has one (the tag {@value #SOURCE_TAG} holds the key), with the row's name,
 * start time and tags; then brings status, end time and name to the row's, and logs the row's
 * params and metrics through a {@link LogBatchWriter} (which skips what is already there) and the
 * tags the run does not have yet. So a re-run creates nothing and sends nothing.
 *
 * <p>The runs of an experiment that carry a source key are read once (one search, paged), at its
 * first row. Thread-safe: calls are serialized.
 */
public final class RunWriter implements TableWriter {
  /** The tag that holds a created run's source key: what makes two rows the same run. */
  public static final String SOURCE_TAG = "mlflowtables.source_run_id";
  /** MLflow's run statuses. */
  public static final Set<String> STATUSES =
      Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

  private final MlflowClient client;
  private final LogBatchWriter logs;
  /** Experiment id or name → the id, for experiments found active. */
  private final Map<String, String> experiments = new HashMap<>();
  /** Experiment id → source key → the run of that key. */
  private final Map<String, Map<String, Run>> runs = new HashMap<>();
  private boolean closed;

  private RunWriter(MlflowClient client) {
    this.client = client.withNewStats();
    this.logs = LogBatchWriter.create(this.client);
  }

  /** A writer of {@code runs} rows through the client. */
  public static RunWriter create(MlflowClient client) {
    return new RunWriter(Objects.requireNonNull(client, "client"));
  }

  /**
   * Creates the row's run or finds it by its source key, and brings it to the row.
   *
   * @throws InvalidRowException naming the row when a value breaks a rule
   * @throws WriteException naming the row when its experiment is unknown or deleted, its run is
   *     deleted, or the server refuses
   */
  @Override
  public synchronized void add(WriteRow row) {
    RunRow r = CreatedRows.as(row, RunRow.class, "runs", closed);
    RunRowRules.check(r, logs.counters().snapshot());
    try {
      String experimentId = experiment(r);
      Run run = runsOf(experimentId).get(r.sourceKey());
      if (run == null) {
        run = create(r, experimentId);
      } else if (!"active".equals(run.info().lifecycleStage())) {
        throw failure(r, "its run " + run.info().runId() + " (tag " + SOURCE_TAG + ") is "
            + run.info().lifecycleStage() + ": restore it, or give the row another key.", null);
      }
      update(r, run);
      log(r, run);
    } catch (MlflowApiException e) {
      throw failure(r, e.getMessage(), e);
    }
  }

  private String experiment(RunRow r) {
    boolean byId = r.experimentId() != null && !r.experimentId().isEmpty();
    String ref = byId ? r.experimentId() : r.experimentName();
    String id = experiments.get(ref);
    if (id != null) {
      return id;
    }
    Experiment e;
    try {
      e = byId ? client.getExperiment(ref) : client.getExperimentByName(ref).orElse(null);
    } catch (MlflowApiException notFound) {
      if (!notFound.isNotFound()) {
        throw notFound;
      }
      e = null;
    }
    if (e == null) {
      throw failure(r, "its experiment does not exist on the server (create it first, e.g. by"
          + " appending to experiments).", null);
    }
    if (!"active".equals(e.lifecycleStage())) {
      throw failure(r, "its experiment " + e.experimentId() + " is " + e.lifecycleStage() + ".",
          null);
    }
    experiments.put(ref, e.experimentId());
    return e.experimentId();
  }

  /** The experiment's runs by source key, read at its first row. */
  private Map<String, Run> runsOf(String experimentId) {
    Map<String, Run> known = runs.get(experimentId);
    if (known != null) {
      return known;
    }
    known = new HashMap<>();
    SearchRunsRequest search = new SearchRunsRequest(List.of(experimentId),
        "tags.`" + SOURCE_TAG + "` LIKE '%'", ViewType.ALL, 1000, null, null);
    String token = null;
    do {
      Page<Run> page = client.searchRuns(search.withPageToken(token));
      for (Run run : page.items()) {
        known.put(KeyValue.toMap(run.data().tags()).get(SOURCE_TAG), run);
      }
      token = page.nextPageToken();
    } while (token != null && !token.isEmpty());
    runs.put(experimentId, known);
    return known;
  }

  private Run create(RunRow r, String experimentId) {
    Map<String, String> tags = new LinkedHashMap<>(r.tags());
    tags.put(SOURCE_TAG, r.sourceKey());
    Run run = client.createRun(experimentId, r.runName(), r.startTime(), tags);
    logs.counters().entityCreated();
    runs.get(experimentId).put(r.sourceKey(), run);
    return run;
  }

  /** Status, end time and name as the row has them (MLflow cannot change a start time). */
  private void update(RunRow r, Run run) {
    RunInfo info = run.info();
    boolean nameChanged = r.runName() != null && !r.runName().equals(info.runName());
    if (r.status().equals(info.status()) && Objects.equals(r.endTime(), info.endTime())
        && !nameChanged) {
      return;
    }
    RunInfo now = client.updateRun(info.runId(), r.status(), r.endTime(),
        nameChanged ? r.runName() : null);
    runs.get(info.experimentId()).put(r.sourceKey(), new Run(now, run.data(), run.inputs()));
  }

  private void log(RunRow r, Run run) {
    String id = run.info().runId();
    Map<String, String> has = KeyValue.toMap(run.data().tags());
    r.tags().forEach((k, v) -> {
      if (!v.equals(has.get(k))) {
        logs.add(new TagRow(id, k, v));
      }
    });
    r.params().forEach((k, v) -> logs.add(new ParamRow(id, k, v)));
    long at = r.endTime() != null ? r.endTime() : r.startTime();
    r.metrics().forEach((k, v) -> logs.add(new MetricRow(id, k, v, at, 0L, null, null, null)));
  }

  private WriteException failure(RunRow r, String problem, Throwable cause) {
    return new WriteException("Cannot write " + r.describe() + ": " + problem, null,
        logs.counters().snapshot(), cause);
  }

  @Override
  public synchronized WriteResult flush() {
    return logs.flush();
  }

  @Override
  public synchronized void close() {
    closed = true;
    logs.close();
  }

  @Override
  public WriteResult abort() {
    closed = true;
    return logs.abort();
  }

  @Override
  public WriteResult result() {
    return logs.result();
  }

  @Override
  public WriteCounters counters() {
    return logs.counters();
  }

  @Override
  public String toString() {
    return "RunWriter{" + client + ", " + logs.result().summary() + "}";
  }
}
