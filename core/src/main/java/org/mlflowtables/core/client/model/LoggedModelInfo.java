package org.mlflowtables.core.client.model;

import java.util.List;

/** The info part of an MLflow 3 logged model. */
public record LoggedModelInfo(
    String modelId,
    String experimentId,
    String name,
    Long creationTimestampMs,
    Long lastUpdatedTimestampMs,
    String artifactUri,
    String status,
    String creatorId,
    String modelType,
    String sourceRunId,
    String statusMessage,
    List<KeyValue> tags) {
  public LoggedModelInfo {
    tags = tags == null ? List.of() : tags;
  }
}
