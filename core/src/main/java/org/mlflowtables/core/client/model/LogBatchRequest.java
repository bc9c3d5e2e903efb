package org.mlflowtables.core.client.model;

import java.util.List;

/** A log-batch request for one run. */
public record LogBatchRequest(
    String runId, List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
  public LogBatchRequest {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    params = params == null ? List.of() : List.copyOf(params);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public int size() {
    return metrics.size() + params.size() + tags.size();
  }
}
