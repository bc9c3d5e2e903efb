package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.Run;

/**
 * Writes rows of {@code run_inputs}: logs each run's dataset inputs it does not have yet with
 * MLflow's log-inputs. Rows are buffered per run; when a run is sent, one get-run tells which of
 * its datasets (by name and digest) it already has, and only the others are logged. So a re-run
 * sends nothing. (MLflow would also ignore a dataset input the run has, tags included.)
 *
 * <p>Thread-safe: calls are serialized.
 */
public final class InputWriter implements TableWriter {
  /** Rows held before the buffered runs are sent. */
  static final int BUFFER_ROWS = 1_000;
  /** MLflow's {@code MAX_DATASETS_PER_BATCH}. */
  static final int PER_REQUEST = 1_000;

  private final MlflowClient client;
  private final WriteCounters counters;
  private final Map<String, Map<String, InputRow>> buffered = new LinkedHashMap<>();
  private int rows;
  private boolean closed;

  private InputWriter(MlflowClient client) {
    this.client = client.withNewStats();
    this.counters = WriteCounters.of(this.client);
  }

  /** A writer of {@code run_inputs} rows through the client. */
  public static InputWriter create(MlflowClient client) {
    return new InputWriter(Objects.requireNonNull(client, "client"));
  }

  /**
   * Buffers the row (a dataset the run is given twice keeps the first row); sends the buffered
   * runs when they hold {@value #BUFFER_ROWS} rows.
   *
   * @throws InvalidRowException when the row breaks one of {@link InputRowRules}
   * @throws WriteException naming the run when the server refuses
   */
  @Override
  public synchronized void add(WriteRow row) {
    InputRow r = CreatedRows.as(row, InputRow.class, "run_inputs", closed);
    InputRowRules.check(r, counters.snapshot());
    if (buffered.computeIfAbsent(r.runId(), k -> new LinkedHashMap<>())
        .putIfAbsent(r.datasetKey(), r) == null && ++rows >= BUFFER_ROWS) {
      flush();
    }
  }

  @Override
  public synchronized WriteResult flush() {
    while (!buffered.isEmpty()) {
      String runId = buffered.keySet().iterator().next();
      Map<String, InputRow> run = buffered.remove(runId);
      rows -= run.size();
      send(runId, run);
    }
    return counters.snapshot();
  }

  private void send(String runId, Map<String, InputRow> inputs) {
    Run run;
    try {
      run = client.getRun(runId);
    } catch (RuntimeException e) {
      throw ServerErrors.readRun(runId, e, counters.snapshot());
    }
    Set<String> has = new HashSet<>();
    for (DatasetInput d : run.inputs().datasetInputs()) {
      has.add(InputRow.datasetKey(d.dataset().name(), d.dataset().digest()));
    }
    List<DatasetInput> missing = new ArrayList<>();
    inputs.forEach((key, row) -> {
      if (!has.contains(key)) {
        missing.add(row.toDatasetInput());
      }
    });
    for (int from = 0; from < missing.size(); from += PER_REQUEST) {
      List<DatasetInput> part = missing.subList(from, Math.min(missing.size(),
          from + PER_REQUEST));
      try {
        client.logInputs(runId, part);
      } catch (RuntimeException e) {
        throw new WriteException("log-inputs for run " + runId + " (" + part.size()
            + " datasets) failed: " + e.getMessage(), runId, counters.snapshot(), e);
      }
      part.forEach(d -> counters.entityCreated());
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      flush();
      closed = true;
    }
  }

  @Override
  public synchronized WriteResult abort() {
    buffered.clear();
    rows = 0;
    closed = true;
    return counters.snapshot();
  }

  @Override
  public WriteCounters counters() {
    return counters;
  }

  @Override
  public String toString() {
    return "InputWriter{" + client + ", " + counters.snapshot().summary() + "}";
  }
}
