package org.mlflowtables.core.client.model;

/** An MLflow 3 logged model. */
public record LoggedModel(LoggedModelInfo info, LoggedModelData data) {
  public LoggedModel {
    data = data == null ? new LoggedModelData(null, null) : data;
  }
}
