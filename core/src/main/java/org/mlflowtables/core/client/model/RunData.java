package org.mlflowtables.core.client.model;

import java.util.List;

/** The data part of a run: latest metric values, params and tags. */
public record RunData(List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
  public RunData {
    metrics = metrics == null ? List.of() : metrics;
    params = params == null ? List.of() : params;
    tags = tags == null ? List.of() : tags;
  }
}
