package org.mlflowtables.core.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * Back-fills through an engine and {@link FaultProxy} injecting every transient fault, including
 * faults after the server stored a log-batch (so that it arrives twice): MLflow's Python client
 * then reads every point exactly once ({@link PythonPoints}), and a re-run sends no log-batch. The
 * points go to runs of a new experiment; an engine's subclass writes them its way.
 */
public abstract class BackfillUnderFaultsITBase extends ReliabilityITBase {
  /** The start time of the runs, and the first timestamp of the points. */
  protected static final long T0 = 1_700_000_000_000L;
  /** The path of log-batch, whose requests tell what a re-run sent. */
  protected static final String LOG_BATCH = "/api/2.0/mlflow/runs/log-batch";

  /** The number of log-batch requests the proxy has seen since its counters were reset. */
  protected static long logBatches() {
    return proxy.requestsByPath().getOrDefault(LOG_BATCH, 0L);
  }

  /** {@code n} new runs (started at {@link #T0}) of a new experiment, made at the server. */
  protected static List<String> scratchRuns(String prefix, int n) {
    MlflowClient direct = MlflowClient.create(MlflowConfig.from(Map.of("uri", server.uri())));
    String experiment = direct.createExperiment(prefix + "-" + UUID.randomUUID(), null, Map.of());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(direct.createRun(experiment, prefix + "-" + i, T0, Map.of()).info().runId());
    }
    return ids;
  }
}
