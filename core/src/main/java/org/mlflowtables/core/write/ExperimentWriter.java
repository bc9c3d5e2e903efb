package org.mlflowtables.core.write;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * Writes rows of {@code experiments}: creates the experiment of a row's name when the server has
 * none, with the row's artifact location and tags; otherwise leaves the experiment as it is and
 * merges the row's tags into its own (a key the row gives is set when its value differs; keys the
 * row does not give are kept). So a re-run sends nothing. Rows are written as they come (one
 * get-by-name each, then a create or the changed tags): experiments are few.
 *
 * <p>Thread-safe: calls are serialized. Two writers creating the same name at once both end with
 * the one experiment (the loser of the race merges its tags).
 */
public final class ExperimentWriter implements TableWriter {
  private static final String EXISTS = "RESOURCE_ALREADY_EXISTS";

  private final MlflowClient client;
  private final WriteCounters counters;
  private boolean closed;

  ExperimentWriter(MlflowClient client) {
    this.client = client.withNewStats();
    this.counters = WriteCounters.of(this.client);
  }

  /** A writer of {@code experiments} rows through the client. */
  public static ExperimentWriter create(MlflowClient client) {
    return new ExperimentWriter(Objects.requireNonNull(client, "client"));
  }

  /**
   * Creates the row's experiment, or merges its tags into the existing one.
   *
   * @throws InvalidRowException when the row has no name, or a tag without key or value
   * @throws WriteException naming the experiment when the server refuses, or when the experiment
   *     of that name is deleted
   */
  @Override
  public synchronized void add(WriteRow row) {
    ExperimentRow e = CreatedRows.as(row, ExperimentRow.class, "experiments", closed);
    validate(e);
    try {
      Optional<Experiment> existing = client.getExperimentByName(e.name());
      if (existing.isEmpty()) {
        existing = createOrFind(e);
      }
      existing.ifPresent(x -> merge(e, x));
    } catch (MlflowApiException failure) {
      throw new WriteException("Cannot write experiment '" + e.name() + "': "
          + failure.getMessage(), null, counters.snapshot(), failure);
    }
  }

  /** Creates it; empty when created, the other one when someone created it meanwhile. */
  private Optional<Experiment> createOrFind(ExperimentRow e) {
    try {
      client.createExperiment(e.name(), e.artifactLocation(), e.tags());
      counters.entityCreated();
      return Optional.empty();
    } catch (MlflowApiException failure) {
      if (!EXISTS.equals(failure.errorCode())) {
        throw failure;
      }
      return Optional.of(client.getExperimentByName(e.name()).orElseThrow(() -> failure));
    }
  }

  private void merge(ExperimentRow e, Experiment existing) {
    if (!"active".equals(existing.lifecycleStage())) {
      throw new WriteException("Experiment '" + e.name() + "' exists on the server as "
          + existing.lifecycleStage() + " (id " + existing.experimentId() + "): restore it"
          + " with MLflow's restore-experiment, or write under another name.", null,
          counters.snapshot(), null);
    }
    Map<String, String> has = KeyValue.toMap(existing.tags());
    for (Map.Entry<String, String> t : e.tags().entrySet()) {
      if (!t.getValue().equals(has.get(t.getKey()))) {
        client.setExperimentTag(existing.experimentId(), t.getKey(), t.getValue());
        counters.experimentTagSet();
      }
    }
  }

  private void validate(ExperimentRow e) {
    if (e.name() == null || e.name().isBlank()) {
      throw invalid(e, null, "REQUIRED", "Invalid experiment row: 'name' is required and may"
          + " not be empty.");
    }
    for (Map.Entry<String, String> t : e.tags().entrySet()) {
      if (t.getKey() == null || t.getValue() == null) {
        throw invalid(e, t.getKey(), "REQUIRED", "Invalid experiment row '" + e.name()
            + "': tag " + (t.getKey() == null ? "keys" : "'" + t.getKey() + "' values")
            + " may not be NULL.");
      }
    }
  }

  private InvalidRowException invalid(ExperimentRow e, String key, String rule, String detail) {
    return new InvalidRowException(e.kind(), null, key, rule, detail, counters.snapshot());
  }

  /** Nothing is buffered: rows are written by {@link #add}. */
  @Override
  public WriteResult flush() {
    return counters.snapshot();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public WriteResult abort() {
    close();
    return counters.snapshot();
  }

  @Override
  public WriteCounters counters() {
    return counters;
  }

  @Override
  public String toString() {
    return "ExperimentWriter{" + client + ", " + counters.snapshot().summary() + "}";
  }
}
