package org.mlflowtables.core.write;

import java.util.Map;
import org.mlflowtables.core.client.model.Dataset;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.KeyValue;

/**
 * One dataset input to log to a run ({@link InputWriter}), a row of {@code run_inputs}. A run
 * holds a dataset (by name and digest) once: the first row of a pair wins.
 *
 * @param runId the run, required
 * @param inputKind the row's {@code kind}: {@code dataset}, or null; {@code model} is refused (see {@link InputRowRules})
 * @param modelId must be null (model inputs are not written)
 * @param tags the input's tags, e.g. {@code mlflow.data.context}; never null
 */
public record InputRow(String runId, String inputKind, String name, String digest, String sourceType,
    String source, String schema, String profile, String modelId, Map<String, String> tags)
    implements WriteRow {
  private static final long serialVersionUID = 1L;

  public InputRow {
    tags = RunRow.copy(tags);
  }

  @Override
  public String kind() {
    return "run input";
  }

  /** What identifies the dataset within the run's experiment, as MLflow matches it. */
  String datasetKey() {
    return datasetKey(name, digest);
  }

  static String datasetKey(String name, String digest) {
    return name + "\u0000" + digest;
  }

  /** The input as log-inputs takes it. */
  DatasetInput toDatasetInput() {
    return new DatasetInput(KeyValue.fromMap(tags), new Dataset(name, digest, sourceType, source,
        schema, profile));
  }

  /** How messages name the row. */
  String describe() {
    return "run_inputs row of run '" + runId + "'" + (name == null ? "" : ", dataset '" + name
        + "'" + (digest == null ? "" : " (digest " + digest + ")"));
  }
}
