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
  void readsEveryValueToTheSameDoubleAsTheJdk() throws Exception {
    // the mapper parses numbers with FastDoubleParser: it must round as Double.parseDouble does
    java.util.Random random = new java.util.Random(42);
    List<String> texts = new java.util.ArrayList<>(List.of("0.1", "1e23", "4.9e-324",
        "2.2250738585072011e-308", "1.7976931348623157e308", "-0.0", "9007199254740993",
        "0.30000000000000004", "123456789012345678901234567890e-20"));
    for (int i = 0; i < 2_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        texts.add(Double.toString(d));
        texts.add(String.format(java.util.Locale.ROOT, "%.17g", d)); // not the shortest form
      }
    }
    StringBuilder json = new StringBuilder("[");
    for (String t : texts) {
      json.append(json.length() > 1 ? "," : "").append("{\"key\":\"a\",\"value\":")
          .append(t).append('}');
    }
    List<Metric> points = read(json.append(']').toString());
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(texts.get(i))),
          Double.doubleToRawLongBits(points.get(i).value()), texts.get(i));
    }
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
