package org.mlflowtables.core.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.write.Points.ModelPayload;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;
import org.mlflowtables.core.write.RequestPacker.Decider;
import org.mlflowtables.core.write.RequestPacker.Decision;
import org.mlflowtables.core.write.ServerState.RunSnapshot;

/**
 * De-duplication against the server: plans the reads the buffered rows need (each run once, each
 * (run, key) history the run has once, each logged model once) and decides which rows to skip.
 * Runs and models are read as soon as rows of them arrive; histories of one key are read for
 * several runs at once, as many as the points expected of them fit in one answer ({@link
 * ServerState#expectedPoints}), when {@link HistoryQueue} says they are due. Called under the
 * writer's lock, but for the reads themselves ({@link Job#call()}).
 */
final class Deduplicator implements ServerCheck {
  private final ServerState state = new ServerState();
  private final ServerReads reads;
  private final Map<String, RunBuffer> runs;
  private final WriteCounters counters;
  private final ArrayDeque<String> runsToRead = new ArrayDeque<>();
  /** get-run requests made and not booked yet: their runs may still need histories. */
  private int runsBeingRead;
  private final HistoryQueue historiesToRead;
  private final ArrayDeque<String[]> modelsToRead = new ArrayDeque<>();

  /** @param runs the writer's buffers by run id (read under its lock) */
  Deduplicator(ServerReads reads, Map<String, RunBuffer> runs, WriteCounters counters) {
    this.reads = reads;
    this.runs = runs;
    this.counters = counters;
    this.historiesToRead = new HistoryQueue(reads.page());
  }

  @Override
  public void buffered(RunBuffer run, LogRow row) {
    if (state.askRun(run.runId)) {
      runsToRead.addLast(run.runId);
    }
    if (row instanceof MetricRow m) {
      RunSnapshot snapshot = state.run(run.runId);
      if (snapshot != null && snapshot.hasMetric(m.key())) {
        askHistory(run.runId, m.key());
      }
      if (m.modelId() != null && state.askModel(m.modelId())) {
        modelsToRead.addLast(new String[] {m.modelId(), run.runId});
      }
    }
  }

  private void askHistory(String runId, String key) {
    if (state.askHistory(runId, key)) {
      historiesToRead.add(key, runId, expectedPoints(runId, key));
      if (runs.get(runId).forced) {
        historiesToRead.due(key);
      }
    }
  }

  private int expectedPoints(String runId, String key) {
    return state.expectedPoints(runId, key, runs.get(runId).pendingKeys.getOrDefault(key, 0));
  }

  @Override
  public void forced(RunBuffer run) {
    run.pendingKeys.keySet().forEach(historiesToRead::due);
  }

  @Override
  public boolean canDecide(RunBuffer run) {
    RunSnapshot snapshot = state.run(run.runId);
    if (snapshot == null) {
      return false;
    }
    for (String key : run.pendingKeys.keySet()) {
      if (snapshot.hasMetric(key) && state.history(run.runId, key) == null) {
        return false;
      }
    }
    for (String modelId : run.pendingModels.keySet()) {
      if (state.model(modelId) == null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long pointsRead() {
    return reads.pointsRead();
  }

  // ---- reads ---------------------------------------------------------------------------------

  @Override
  public Job nextRead(boolean flushing) {
    if (!runsToRead.isEmpty()) {
      runsBeingRead++;
      return new RunRead(runsToRead.pollFirst());
    }
    // Flushing reads every key, but only once the runs being read have said which keys they have,
    // so that their histories join the same requests.
    HistoryQueue.Read read = historiesToRead.next(flushing && runsBeingRead == 0,
        reads.bulkAvailable() ? MlflowClient.MAX_HISTORY_BULK_RUNS : 1, this::expectedPoints);
    if (read != null) {
      return new HistoryRead(read.key(), read.runIds());
    }
    String[] model = modelsToRead.pollFirst();
    return model == null ? null : new ModelRead(model[0], model[1]);
  }

  /** get-run: the run's stage, params and metric keys; then the histories it needs. */
  private final class RunRead implements Job {
    private final String runId;
    private RunSnapshot snapshot;

    RunRead(String runId) {
      this.runId = runId;
    }

    @Override
    public void call() {
      try {
        snapshot = reads.run(runId);
      } catch (RuntimeException e) {
        throw ServerErrors.readRun(runId, e, counters.snapshot());
      }
      if (!snapshot.isActive()) {
        throw ServerErrors.inactiveRun(runId, snapshot.lifecycleStage(), counters.snapshot(),
            null);
      }
    }

    @Override
    public List<String> book() {
      runsBeingRead--;
      state.putRun(runId, snapshot);
      for (String key : runs.get(runId).pendingKeys.keySet()) {
        if (snapshot.hasMetric(key)) {
          askHistory(runId, key);
        }
      }
      return List.of(runId);
    }
  }

  /** The histories of one key for some runs. */
  private final class HistoryRead implements Job {
    private final String key;
    private final List<String> runIds;
    private ServerReads.Histories answer;

    HistoryRead(String key, List<String> runIds) {
      this.key = key;
      this.runIds = runIds;
    }

    @Override
    public void call() {
      try {
        answer = reads.histories(key, runIds);
      } catch (RuntimeException e) {
        throw ServerErrors.readHistory(key, runIds.get(0), e, counters.snapshot());
      }
    }

    @Override
    public List<String> book() {
      answer.complete().forEach((runId, points) -> state.putHistory(runId, key, points));
      answer.again().forEach((runId, atLeast) -> {
        state.askAgain(runId, key, atLeast);
        askHistory(runId, key);
      });
      historiesToRead.due(key); // its runs were waiting already
      return new ArrayList<>(answer.complete().keySet());
    }
  }

  /** A logged model's metric points (for rows with lineage). */
  private final class ModelRead implements Job {
    private final String modelId;
    private final String runId;
    private Map<ModelPointKey, ModelPayload> points;

    ModelRead(String modelId, String runId) {
      this.modelId = modelId;
      this.runId = runId;
    }

    @Override
    public void call() {
      try {
        points = reads.model(modelId);
      } catch (RuntimeException e) {
        throw ServerErrors.readModel(modelId, runId, e, counters.snapshot());
      }
    }

    @Override
    public List<String> book() {
      state.putModel(modelId, points);
      List<String> waiting = new ArrayList<>();
      runs.forEach((id, rb) -> {
        if (rb.pendingModels.containsKey(modelId)) {
          waiting.add(id);
        }
      });
      return waiting;
    }
  }

  // ---- decisions -----------------------------------------------------------------------------

  @Override
  public Decider decider(RunBuffer run) {
    RunSnapshot snapshot = state.run(run.runId);
    for (RequestPacker.Buffered<ParamRow> b : run.params) {
      param(run.runId, snapshot, b.row());
    }
    if (!run.pendingModels.isEmpty()) {
      for (RequestPacker.Buffered<MetricRow> b : run.metrics) {
        if (b.row().modelId() != null) {
          modelPoint(b.row());
        }
      }
    }
    return new Decider() {
      @Override
      public Decision metric(MetricRow m) {
        boolean onServer = snapshot.hasMetric(m.key())
            && state.history(run.runId, m.key()).contains(RunPoint.of(m));
        // A point with lineage is there only if its logged model has it too.
        boolean modelHasIt = m.modelId() == null || modelPoint(m);
        return onServer && modelHasIt ? Decision.SKIP : Decision.SEND;
      }

      @Override
      public Decision param(ParamRow p) {
        return Deduplicator.this.param(run.runId, snapshot, p) ? Decision.SKIP : Decision.SEND;
      }
    };
  }

  /** Whether the run has the param already; throws if with another value. */
  private boolean param(String runId, RunSnapshot snapshot, ParamRow p) {
    String existing = snapshot.params().get(p.key());
    if (existing != null && !existing.equals(p.value())) {
      throw ParamConflictException.of(runId, p.key(), existing, p.value(), true,
          counters.snapshot(), null);
    }
    return existing != null;
  }

  /** Whether the row's logged model has the point already; throws if with other contents. */
  private boolean modelPoint(MetricRow m) {
    ModelPayload existing = state.model(m.modelId()).get(ModelPointKey.of(m));
    if (existing != null && !existing.equals(ModelPayload.of(m))) {
      throw ServerErrors.modelConflict(m, existing, counters.snapshot());
    }
    return existing != null;
  }
}
