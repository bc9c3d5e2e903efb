package org.mlflowtables.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MLflow 3 part of the oracle: traces as {@code MlflowClient.search_traces} returned them,
 * with their assessments and the spans {@code get_trace} returned, and the run artifacts
 * {@code list_artifacts} listed (walked recursively). JSON values are the text Python's
 * {@code json.dumps} wrote. Parsed from the dump by {@link Oracle}.
 */
public final class OracleTraces {
  private OracleTraces() {}

  /** A trace: a row of {@code traces}, with what its spans and assessments rows are made of. */
  public record Trace(
      String traceId,
      String experimentId,
      long requestTime,
      Long executionDuration,
      String state,
      String requestPreview,
      String responsePreview,
      String clientRequestId,
      Map<String, String> tags,
      Map<String, String> metadata,
      Map<String, Long> tokenUsage,
      List<Assessment> assessments,
      List<Span> spans) {

    /** The run of the trace ({@code mlflow.sourceRun}), or null. */
    public String runId() {
      return metadata.get("mlflow.sourceRun");
    }
  }

  /** An assessment of a trace; {@code valueJson} is its value as JSON text. */
  public record Assessment(
      String assessmentId,
      String name,
      String kind,
      String valueJson,
      String errorCode,
      String errorMessage,
      String rationale,
      String sourceType,
      String sourceId,
      Long createTime,
      Long lastUpdateTime,
      String runId,
      String spanId,
      Boolean valid,
      Map<String, String> metadata) {}

  /** A span; the JSON fields are null where the span has no such attribute. */
  public record Span(
      String spanId,
      String parentSpanId,
      String name,
      String spanType,
      long startTimeNs,
      Long endTimeNs,
      String status,
      String statusMessage,
      String inputsJson,
      String outputsJson,
      String attributesJson) {}

  /** A file or directory of a run's artifacts. */
  public record Artifact(String runId, String path, boolean isDir, Long fileSize) {}

  static Trace trace(JsonNode n) {
    Map<String, Long> tokens = new LinkedHashMap<>();
    n.path("token_usage").properties().forEach(e -> tokens.put(e.getKey(),
        e.getValue().asLong()));
    return new Trace(
        text(n, "trace_id"),
        text(n, "experiment_id"),
        n.path("request_time").asLong(),
        longOrNull(n, "execution_duration"),
        text(n, "state"),
        text(n, "request_preview"),
        text(n, "response_preview"),
        text(n, "client_request_id"),
        strings(n.path("tags")),
        strings(n.path("metadata")),
        Collections.unmodifiableMap(tokens),
        list(n.path("assessments"), OracleTraces::assessment),
        list(n.path("spans"), OracleTraces::span));
  }

  private static Assessment assessment(JsonNode n) {
    JsonNode valid = n.get("valid");
    return new Assessment(
        text(n, "assessment_id"),
        text(n, "name"),
        text(n, "kind"),
        text(n, "value_json"),
        text(n, "error_code"),
        text(n, "error_message"),
        text(n, "rationale"),
        text(n, "source_type"),
        text(n, "source_id"),
        longOrNull(n, "create_time"),
        longOrNull(n, "last_update_time"),
        text(n, "run_id"),
        text(n, "span_id"),
        valid == null || valid.isNull() ? null : valid.asBoolean(),
        strings(n.path("metadata")));
  }

  private static Span span(JsonNode n) {
    return new Span(
        text(n, "span_id"),
        text(n, "parent_span_id"),
        text(n, "name"),
        text(n, "span_type"),
        n.path("start_time_ns").asLong(),
        longOrNull(n, "end_time_ns"),
        text(n, "status"),
        text(n, "status_message"),
        text(n, "inputs_json"),
        text(n, "outputs_json"),
        text(n, "attributes_json"));
  }

  static Artifact artifact(JsonNode n) {
    return new Artifact(text(n, "run_id"), text(n, "path"), n.path("is_dir").asBoolean(),
        longOrNull(n, "file_size"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Long longOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asLong();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(out);
  }

  static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> item) {
    List<T> out = new ArrayList<>();
    array.forEach(n -> out.add(item.apply(n)));
    return Collections.unmodifiableList(out);
  }
}
