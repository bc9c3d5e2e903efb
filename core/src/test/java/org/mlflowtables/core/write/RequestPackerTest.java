package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.write.RequestPacker.Buffered;
import org.mlflowtables.core.write.RequestPacker.Decider;
import org.mlflowtables.core.write.RequestPacker.Decision;
import org.mlflowtables.core.write.RequestPacker.Packed;

/** Packing one run's rows into requests within MLflow's limits. */
class RequestPackerTest {
  private static final String RUN = "0123456789abcdef0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArrayDeque<Buffered<MetricRow>> metrics = new ArrayDeque<>();
  private final ArrayDeque<Buffered<ParamRow>> params = new ArrayDeque<>();
  private final ArrayDeque<Buffered<TagRow>> tags = new ArrayDeque<>();

  private List<Packed> packAll(LogBatchLimits limits, Decider decider) {
    List<Packed> out = new ArrayList<>();
    while (!metrics.isEmpty() || !params.isEmpty() || !tags.isEmpty()) {
      Packed p = RequestPacker.pack(RUN, params, tags, metrics, limits, decider);
      assertTrue(p.rowsTaken() > 0, "no progress");
      out.add(p);
    }
    return out;
  }

  /** The body as MlflowClient.logBatch writes it (compact JSON, NaN as strings). */
  static byte[] body(LogBatchRequest r) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", r.runId());
    List<Map<String, Object>> ms = new ArrayList<>();
    for (Metric m : r.metrics()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("key", m.key());
      mm.put("value", m.value());
      mm.put("timestamp", m.timestamp());
      mm.put("step", m.step());
      if (m.modelId() != null) {
        mm.put("model_id", m.modelId());
      }
      if (m.datasetName() != null) {
        mm.put("dataset_name", m.datasetName());
      }
      if (m.datasetDigest() != null) {
        mm.put("dataset_digest", m.datasetDigest());
      }
      ms.add(mm);
    }
    body.put("metrics", ms);
    body.put("params", r.params());
    body.put("tags", r.tags());
    return JSON.writeValueAsBytes(body);
  }

  @Test
  void aRunWith2500Metrics250Params250TagsTakesThreeFullRequests() throws Exception {
    for (int i = 0; i < 2500; i++) {
      metrics.add(Buffered.of(MetricRow.of(RUN, "m" + (i % 5), i * 0.5, 1_700_000_000_000L + i, i)));
    }
    for (int i = 0; i < 250; i++) {
      params.add(Buffered.of(new ParamRow(RUN, "p" + i, "v" + i)));
      tags.add(Buffered.of(new TagRow(RUN, "t" + i, "w" + i)));
    }
    List<Packed> packed = packAll(LogBatchLimits.MLFLOW, Decider.SEND_ALL);

    // As MLflow's Python client: params and tags in chunks of 100, metrics fill up to 1000.
    assertEquals(3, packed.size());
    int[][] expected = {{800, 100, 100}, {800, 100, 100}, {900, 50, 50}};
    List<Metric> allMetrics = new ArrayList<>();
    List<KeyValue> allParams = new ArrayList<>();
    List<KeyValue> allTags = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LogBatchRequest r = packed.get(i).request();
      assertEquals(RUN, r.runId());
      assertEquals(expected[i][0], r.metrics().size(), "metrics of request " + i);
      assertEquals(expected[i][1], r.params().size(), "params of request " + i);
      assertEquals(expected[i][2], r.tags().size(), "tags of request " + i);
      assertTrue(r.size() <= 1000);
      byte[] body = body(r);
      assertTrue(body.length <= packed.get(i).estimatedBytes(),
          body.length + " > estimate " + packed.get(i).estimatedBytes());
      allMetrics.addAll(r.metrics());
      allParams.addAll(r.params());
      allTags.addAll(r.tags());
    }
    // every row once, in the order given
    for (int i = 0; i < 2500; i++) {
      assertEquals(i, allMetrics.get(i).step());
      assertEquals("m" + (i % 5), allMetrics.get(i).key());
    }
    for (int i = 0; i < 250; i++) {
      assertEquals("p" + i, allParams.get(i).key());
      assertEquals("v" + i, allParams.get(i).value());
      assertEquals("t" + i, allTags.get(i).key());
    }
  }

  @Test
  void bodiesStayWithinOneMegabyteWithLongValues() throws Exception {
    // 8000-character tags of a 3-byte character: 24 KB each, about 41 per request
    String euro = "\u20ac".repeat(7990) + "\"\\\n\u0001x";
    for (int i = 0; i < 250; i++) {
      tags.add(Buffered.of(new TagRow(RUN, "tag/" + i, euro)));
    }
    String longParam = "\u00e9".repeat(6000); // 2 bytes each
    for (int i = 0; i < 150; i++) {
      params.add(Buffered.of(new ParamRow(RUN, "p" + i, longParam)));
    }
    String longKey = "k".repeat(240);
    for (int i = 0; i < 3000; i++) {
      metrics.add(Buffered.of(MetricRow.of(RUN, longKey + (i % 10), Double.NaN, i, -i)
          .withLineage("m-" + "f".repeat(32), "d".repeat(500), "0".repeat(36))));
    }
    List<Packed> packed = packAll(LogBatchLimits.MLFLOW, Decider.SEND_ALL);
    int tagsSent = 0;
    int paramsSent = 0;
    int metricsSent = 0;
    int maxBody = 0;
    for (Packed p : packed) {
      byte[] body = body(p.request());
      assertTrue(body.length <= LogBatchLimits.MAX_BATCH_LOG_REQUEST_SIZE,
          "body of " + body.length + " bytes");
      assertTrue(body.length <= p.estimatedBytes(), body.length + " > " + p.estimatedBytes());
      assertTrue(p.request().size() <= 1000 && p.request().tags().size() <= 100
          && p.request().params().size() <= 100 && p.request().metrics().size() <= 1000);
      maxBody = Math.max(maxBody, body.length);
      tagsSent += p.request().tags().size();
      paramsSent += p.request().params().size();
      metricsSent += p.request().metrics().size();
    }
    assertEquals(250, tagsSent);
    assertEquals(150, paramsSent);
    assertEquals(3000, metricsSent);
    // the estimate is not so loose that requests are tiny
    assertTrue(maxBody > 900_000, "largest body " + maxBody);
  }

  @Test
  void skippedRowsDoNotTakeRoom() {
    for (int i = 0; i < 3000; i++) {
      metrics.add(Buffered.of(MetricRow.of(RUN, "a", i, i, i)));
    }
    for (int i = 0; i < 10; i++) {
      params.add(Buffered.of(new ParamRow(RUN, "p" + i, "v")));
    }
    Decider decider = new Decider() {
      @Override
      public Decision metric(MetricRow m) {
        return m.timestamp() % 2 == 0 ? Decision.SKIP : Decision.SEND;
      }

      @Override
      public Decision param(ParamRow p) {
        return p.key().equals("p3") ? Decision.SKIP : Decision.SEND;
      }
    };
    Packed first = RequestPacker.pack(RUN, params, tags, metrics, LogBatchLimits.MLFLOW, decider);
    assertEquals(9, first.request().params().size());
    assertEquals(1, first.paramsSkipped());
    assertEquals(10, first.paramsTaken());
    assertEquals(991, first.request().metrics().size()); // 1000 entities minus 9 params
    assertEquals(991, first.metricsSkipped());
    assertEquals(1982, first.metricsTaken().size());

    Packed second = RequestPacker.pack(RUN, params, tags, metrics, LogBatchLimits.MLFLOW, decider);
    assertEquals(509, second.request().metrics().size());
    assertEquals(509, second.metricsSkipped());
    assertEquals(0, metrics.size());
  }
}
