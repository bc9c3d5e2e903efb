package org.mlflowtables.core.client.model;

import java.util.List;

/** What a run used: datasets and (MLflow 3) logged models. */
public record RunInputs(List<DatasetInput> datasetInputs, List<ModelInput> modelInputs) {
  public RunInputs {
    datasetInputs = datasetInputs == null ? List.of() : datasetInputs;
    modelInputs = modelInputs == null ? List.of() : modelInputs;
  }
}
