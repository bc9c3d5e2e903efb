package org.mlflowtables.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunInfo;

/** Params, tags and run infos as search-runs sends them, read by {@link MlflowClient#MAPPER}. */
class RunPageDeserializersTest {

  private static <T> T read(String json, TypeReference<T> type) throws Exception {
    return MlflowClient.MAPPER.readValue(json, type);
  }

  @Test
  void readsKeyAndValueOfParamsAndTags() throws Exception {
    assertEquals(List.of(new KeyValue("lr", "0.1"), new KeyValue("mlflow.note", "a \"b\"\n")),
        read("[{\"key\":\"lr\",\"value\":\"0.1\"},{\"value\":\"a \\\"b\\\"\\n\","
            + "\"key\":\"mlflow.note\"}]", new TypeReference<List<KeyValue>>() {}));
  }

  @Test
  void aMissingOrNullValueIsNull() throws Exception {
    assertEquals(List.of(new KeyValue("a", null), new KeyValue("b", null)),
        read("[{\"key\":\"a\"},{\"key\":\"b\",\"value\":null}]",
            new TypeReference<List<KeyValue>>() {}));
  }

  @Test
  void aNumberValueIsReadAsItsText() throws Exception {
    assertEquals(new KeyValue("n", "3"),
        read("{\"key\":\"n\",\"value\":3}", new TypeReference<KeyValue>() {}));
  }

  @Test
  void aKeyValueSkipsUnknownFieldsWhateverTheirShape() throws Exception {
    assertEquals(new KeyValue("k", "v"), read("{\"x\":{\"y\":[1,{\"z\":2}]},\"key\":\"k\","
        + "\"w\":[3],\"value\":\"v\"}", new TypeReference<KeyValue>() {}));
  }

  @Test
  void anObjectAsValueNamesTheField() {
    JsonMappingException e = assertThrows(JsonMappingException.class,
        () -> read("{\"key\":\"k\",\"value\":{\"a\":1}}", new TypeReference<KeyValue>() {}));
    assertTrue(e.getMessage().contains("value of a param or tag"), e.getMessage());
  }

  @Test
  void readsEveryFieldOfARunInfo() throws Exception {
    assertEquals(new RunInfo("r1", "brave-cat", "7", "ann", "FINISHED", 1_700_000_000_000L,
        1_700_000_000_500L, "file:///a/r1", "active"),
        read("{\"run_uuid\":\"r1\",\"run_id\":\"r1\",\"run_name\":\"brave-cat\","
            + "\"experiment_id\":\"7\",\"user_id\":\"ann\",\"status\":\"FINISHED\","
            + "\"start_time\":1700000000000,\"end_time\":\"1700000000500\","
            + "\"artifact_uri\":\"file:///a/r1\",\"lifecycle_stage\":\"active\"}",
            new TypeReference<RunInfo>() {}));
  }

  @Test
  void aRunStillRunningHasNoEndTime() throws Exception {
    RunInfo info = read("{\"run_id\":\"r1\",\"status\":\"RUNNING\",\"start_time\":5}",
        new TypeReference<RunInfo>() {});
    assertEquals(5L, info.startTime());
    assertEquals(null, info.endTime());
    assertEquals(null, info.runName());
  }

  @Test
  void aTimeThatIsNoNumberNamesTheField() {
    JsonMappingException e = assertThrows(JsonMappingException.class,
        () -> read("{\"run_id\":\"r1\",\"start_time\":\"soon\"}",
            new TypeReference<RunInfo>() {}));
    assertTrue(e.getMessage().contains("start_time"), e.getMessage());
  }

  @Test
  void aWholeRunReadsInfoDataAndInputs() throws Exception {
    Run run = read("{\"info\":{\"run_id\":\"r1\",\"start_time\":1},\"data\":{\"metrics\":"
        + "[{\"key\":\"m\",\"value\":\"NaN\",\"timestamp\":2,\"step\":3}],\"params\":"
        + "[{\"key\":\"p\",\"value\":\"1\"}],\"tags\":[{\"key\":\"t\",\"value\":\"x\"}]},"
        + "\"inputs\":{\"dataset_inputs\":[{\"tags\":[{\"key\":\"mlflow.data.context\","
        + "\"value\":\"train\"}],\"dataset\":{\"name\":\"d\",\"digest\":\"g\"}}]}}",
        new TypeReference<Run>() {});
    assertEquals("r1", run.info().runId());
    assertTrue(Double.isNaN(run.data().metrics().get(0).value()));
    assertEquals(List.of(new KeyValue("p", "1")), run.data().params());
    assertEquals(List.of(new KeyValue("t", "x")), run.data().tags());
    assertEquals(List.of(new KeyValue("mlflow.data.context", "train")),
        run.inputs().datasetInputs().get(0).tags());
  }
}
