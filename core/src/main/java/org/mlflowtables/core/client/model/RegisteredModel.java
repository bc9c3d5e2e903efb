package org.mlflowtables.core.client.model;

import java.util.List;

/** A registered model of the model registry. */
public record RegisteredModel(
    String name,
    Long creationTimestamp,
    Long lastUpdatedTimestamp,
    String userId,
    String description,
    List<KeyValue> tags,
    List<RegisteredModelAlias> aliases) {
  public RegisteredModel {
    tags = tags == null ? List.of() : tags;
    aliases = aliases == null ? List.of() : aliases;
  }
}
