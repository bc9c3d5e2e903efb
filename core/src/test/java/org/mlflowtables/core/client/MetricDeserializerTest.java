package org.mlflowtables.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.Metric;

/** Metric points as the server sends them, read by {@link MlflowClient#MAPPER}. */
class MetricDeserializerTest {

  private static List<Metric> read(String json) throws Exception {
    return MlflowClient.MAPPER.readValue(json, new TypeReference<List<Metric>>() {});
  }

  @Test
  void readsEveryFieldOfAPointWithLineage() throws Exception {
    assertEquals(List.of(new Metric("val/acc 1", 0.25, 1_700_000_000_123L, 7, "r1", "m-1",
        "train", "abc")), read("[{\"key\":\"val/acc 1\",\"value\":0.25,"
            + "\"timestamp\":1700000000123,\"step\":7,\"run_id\":\"r1\",\"model_id\":\"m-1\","
            + "\"dataset_name\":\"train\",\"dataset_digest\":\"abc\"}]"));
  }

  @Test
  void readsNanAndInfinitiesSentAsStrings() throws Exception {
    List<Metric> points = read("[{\"key\":\"a\",\"value\":\"NaN\"},"
        + "{\"key\":\"a\",\"value\":\"Infinity\"},{\"key\":\"a\",\"value\":\"-Infinity\"}]");
    assertTrue(Double.isNaN(points.get(0).value()));
    assertEquals(Double.POSITIVE_INFINITY, points.get(1).value());
    assertEquals(Double.NEGATIVE_INFINITY, points.get(2).value());
  }

  @Test
  void readsIntegersSentAsText() throws Exception {
    assertEquals(new Metric("a", 1.0, 1_700_000_000_000L, 3, null, null, null, null),
        read("[{\"key\":\"a\",\"value\":1,\"timestamp\":\"1700000000000\",\"step\":\"3\"}]")
            .get(0));
  }

  @Test
  void missingFieldsAreZeroOrNullAsTheProtoDefaults() throws Exception {
    // proto3 JSON leaves out fields at their default: step 0 is often absent
    assertEquals(new Metric("a", 0.0, 0, 0, null, null, null, null),
        read("[{\"key\":\"a\",\"run_id\":null}]").get(0));
  }

  @Test
  void skipsUnknownFieldsWhateverTheirShape() throws Exception {
    assertEquals(new Metric("a", 2.0, 5, 1, null, null, null, null),
        read("[{\"future\":{\"x\":[1,{\"y\":2}]},\"key\":\"a\",\"other\":[3],\"value\":2,"
            + "\"timestamp\":5,\"step\":1}]").get(0));
  }

  @Test
  void aValueThatIsNoNumberNamesTheField() {
    JsonMappingException e = assertThrows(JsonMappingException.class,
        () -> read("[{\"key\":\"a\",\"step\":\"three\"}]"));
    assertTrue(e.getMessage().contains("step"), e.getMessage());
  }
}
