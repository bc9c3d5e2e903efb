package org.mlflowtables.core.client.model;

import java.util.List;

/** A dataset input of a run with its tags (e.g. {@code mlflow.data.context = train}). */
public record DatasetInput(List<KeyValue> tags, Dataset dataset) {
  public DatasetInput {
    tags = tags == null ? List.of() : tags;
  }
}
