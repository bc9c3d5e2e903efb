package org.mlflowtables.core.reliability;

import java.util.Map;
import java.util.UUID;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * A new experiment, named by a prefix and a random UUID, with one run in it: where a reliability
 * test writes rows, so that the fixture's runs stay exactly as the oracle knows them and a second
 * test JVM against the same server never meets the names of the first.
 */
public record ScratchRun(String experimentId, String runId) {
  /** The start time of every scratch run (a fixed instant, so that rows written to it are too). */
  public static final long START_MILLIS = 1_700_000_000_000L;

  /** Creates the experiment and its run through {@code client}. */
  public static ScratchRun create(MlflowClient client, String experimentPrefix, String runName) {
    String experiment = client.createExperiment(experimentPrefix + UUID.randomUUID(), null,
        Map.of());
    String run = client.createRun(experiment, runName, START_MILLIS, Map.of()).info().runId();
    return new ScratchRun(experiment, run);
  }

  /**
   * Creates the experiment and its run straight at the server (no proxy, default settings): the
   * tests of the engines set up their scratch run this way, outside the engine under test.
   */
  public static ScratchRun create(String trackingUri, String experimentPrefix, String runName) {
    return create(MlflowClient.create(MlflowConfig.from(Map.of("uri", trackingUri))),
        experimentPrefix, runName);
  }
}
