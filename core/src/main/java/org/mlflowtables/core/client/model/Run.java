package org.mlflowtables.core.client.model;

/** An MLflow run: info, data (latest metrics, params, tags) and inputs. */
public record Run(RunInfo info, RunData data, RunInputs inputs) {
  public Run {
    data = data == null ? new RunData(null, null, null) : data;
    inputs = inputs == null ? new RunInputs(null, null) : inputs;
  }
}
