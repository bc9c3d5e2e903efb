package org.mlflowtables.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.HttpTransport.Idempotency;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.SearchTracesRequest;
import org.mlflowtables.core.client.model.Span;
import org.mlflowtables.core.client.model.TraceInfo;

/**
 * MLflow 3's trace endpoints (obtain with {@link MlflowClient#traces()}): search-traces v3 for the
 * traces' info and assessments, and their spans from where the server keeps them. Servers before
 * MLflow 3.0 answer HTTP 404.
 */
public final class TraceApi {
  /** The largest page search-traces returns (its handler refuses more). */
  public static final int MAX_SEARCH_PAGE = 500;
  /** Traces per batch-get-traces request, as MLflow's Python client asks. */
  public static final int BATCH_GET_TRACES = 10;

  private static final String V3 = "/api/3.0/mlflow/traces/";
  private static final String TRACE_DATA = "/ajax-api/3.0/mlflow/get-trace-artifact";

  private final HttpTransport transport;
  private final RequestStats stats;
  private final SpanDecoder spans;

  TraceApi(HttpTransport transport, RequestStats stats, ObjectMapper mapper) {
    this.transport = transport;
    this.stats = stats;
    this.spans = new SpanDecoder(mapper);
  }

  private record SearchAnswer(List<TraceInfo> traces, String nextPageToken) {}

  private record BatchAnswer(List<JsonNode> traces) {}

  /** One page of {@code POST /api/3.0/mlflow/traces/search}. */
  public Page<TraceInfo> search(SearchTracesRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Map<String, Object>> locations = new ArrayList<>();
    for (String id : r.experimentIds()) {
      locations.add(Map.of("type", "MLFLOW_EXPERIMENT",
          "mlflow_experiment", Map.of("experiment_id", id)));
    }
    body.put("locations", locations);
    if (r.filter() != null) {
      body.put("filter", r.filter());
    }
    body.put("max_results", r.maxResults());
    if (!r.orderBy().isEmpty()) {
      body.put("order_by", r.orderBy());
    }
    if (r.pageToken() != null) {
      body.put("page_token", r.pageToken());
    }
    SearchAnswer a = transport.call("POST", V3 + "search", null, body, SearchAnswer.class,
        Idempotency.SAFE, stats);
    return new Page<>(a.traces(), a.nextPageToken());
  }

  /**
   * The spans of traces kept in the tracking store ({@link TraceInfo#spansInTrackingStore()}), by
   * trace id, with one {@code GET /api/3.0/mlflow/traces/batchGet}; at most
   * {@link #BATCH_GET_TRACES} ids. A trace still being logged is left out (the server sends
   * complete traces only). The server fails the whole request for a trace kept elsewhere.
   */
  public Map<String, List<Span>> spansFromStore(List<String> traceIds) {
    BatchAnswer a = transport.call("GET", V3 + "batchGet", Map.of("trace_ids", traceIds), null,
        BatchAnswer.class, Idempotency.SAFE, stats);
    Map<String, List<Span>> out = new LinkedHashMap<>();
    for (JsonNode t : a.traces() == null ? List.<JsonNode>of() : a.traces()) {
      out.put(t.path("trace_info").path("trace_id").asText(), spans.fromOtlp(t.path("spans")));
    }
    return out;
  }

  /**
   * The spans of one trace from its trace data file, wherever the server keeps it (artifact
   * store, archive or database): {@code GET /ajax-api/3.0/mlflow/get-trace-artifact}, the
   * endpoint MLflow's UI reads traces logged before spans were kept in the database with.
   */
  public List<Span> spansFromTraceData(String traceId) {
    JsonNode data = transport.call("GET", TRACE_DATA, Map.of("request_id", List.of(traceId)),
        null, JsonNode.class, Idempotency.SAFE, stats, true);
    return spans.fromTraceData(data, traceId);
  }
}
