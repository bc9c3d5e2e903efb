package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.Dataset;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.KeyValue;

/** The write binding of run_inputs, and the rules an input row is checked against. */
class InputRowsTest {

  private static InputRow dataset(String name, String digest, Map<String, String> tags) {
    return new InputRow("r1", "dataset", name, digest, "local", "/data/train.csv", "{}", null,
        null, tags);
  }

  private static InvalidRowException refusal(InputRow r) {
    return assertThrows(InvalidRowException.class, () -> InputRowRules.check(r, WriteResult.EMPTY));
  }

  @Test
  void aRowOfTheTablesOwnColumnsBecomesTheDatasetInputLogInputsTakes() {
    InputRow row = (InputRow) WriteBinding.RUN_INPUTS.mapping("run_inputs").toRow(new Object[] {
        "r1", "7", "dataset", "train", "d1", "local", "/data/train.csv", "{}", null, null,
        Map.of("mlflow.data.context", "training")});
    assertEquals(dataset("train", "d1", Map.of("mlflow.data.context", "training")), row);
    assertEquals(new DatasetInput(java.util.List.of(new KeyValue("mlflow.data.context",
        "training")), new Dataset("train", "d1", "local", "/data/train.csv", "{}", null)),
        row.toDatasetInput());
  }

  @Test
  void aModelInputIsRefusedNamingTheRun() {
    InvalidRowException e = refusal(new InputRow("r1", "model", null, null, null, null, null,
        null, "m-1", null));
    assertEquals("DATASETS_ONLY", e.rule());
    assertEquals("r1", e.runId());
    assertTrue(e.getMessage().startsWith("Invalid run_inputs row of run 'r1': only dataset"
        + " inputs can be written"), e.getMessage());
  }

  @Test
  void aDatasetWithoutSourceIsRefusedNamingRunDatasetAndColumn() {
    InvalidRowException e = refusal(new InputRow("r1", null, "train", "d1", "local", null, null,
        null, null, null));
    assertEquals("REQUIRED", e.rule());
    assertTrue(e.getMessage().startsWith("Invalid run_inputs row of run 'r1', dataset"
        + " 'train' (digest d1): 'source' is required."), e.getMessage());
  }

  @Test
  void aDigestLongerThanMlflowsIsRefused() {
    assertEquals("MAX_DATASET_DIGEST_SIZE", refusal(dataset("train", "d".repeat(37), Map.of()))
        .rule());
  }

  @Test
  void aNullTagValueIsRefusedNamingItsKey() {
    Map<String, String> tags = new HashMap<>();
    tags.put("mlflow.data.context", null);
    InvalidRowException e = refusal(dataset("train", "d1", tags));
    assertEquals("mlflow.data.context", e.key());
  }

  @Test
  void aValidDatasetRowPassesWithItsKindGivenOrLeftOut() {
    InputRowRules.check(dataset("train", "d".repeat(36), Map.of("k", "v")), WriteResult.EMPTY);
    for (String kind : new String[] {null, ""}) {
      InputRowRules.check(new InputRow("r1", kind, "train", "d1", "local", "/a", null, null, "",
          null), WriteResult.EMPTY);
    }
  }
}
