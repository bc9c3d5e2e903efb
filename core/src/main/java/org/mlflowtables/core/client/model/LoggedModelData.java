package org.mlflowtables.core.client.model;

import java.util.List;

/** Params and metric points of an MLflow 3 logged model. */
public record LoggedModelData(List<KeyValue> params, List<Metric> metrics) {
  public LoggedModelData {
    params = params == null ? List.of() : params;
    metrics = metrics == null ? List.of() : metrics;
  }
}
