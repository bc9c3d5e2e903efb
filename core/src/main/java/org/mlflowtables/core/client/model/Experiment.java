package org.mlflowtables.core.client.model;

import java.util.List;

/** An MLflow experiment as the REST API returns it. */
public record Experiment(
    String experimentId,
    String name,
    String artifactLocation,
    String lifecycleStage,
    Long lastUpdateTime,
    Long creationTime,
    List<KeyValue> tags) {
  public Experiment {
    tags = tags == null ? List.of() : tags;
  }
}
