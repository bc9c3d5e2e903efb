package org.mlflowtables.core.client.model;

import java.util.List;

/** A version of a registered model. MLflow sends {@code version} as a string. */
public record ModelVersion(
    String name,
    String version,
    Long creationTimestamp,
    Long lastUpdatedTimestamp,
    String userId,
    String currentStage,
    String description,
    String source,
    String runId,
    String status,
    String statusMessage,
    List<KeyValue> tags,
    String runLink,
    List<String> aliases,
    String modelId) {
  public ModelVersion {
    tags = tags == null ? List.of() : tags;
    aliases = aliases == null ? List.of() : aliases;
  }
}
