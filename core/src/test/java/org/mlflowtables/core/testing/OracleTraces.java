package org.mlflowtables.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
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
        Oracle.text(n, "trace_id"),
        Oracle.text(n, "experiment_id"),
        n.path("request_time").asLong(),
        Oracle.longOrNull(n, "execution_duration"),
        Oracle.text(n, "state"),
        Oracle.text(n, "request_preview"),
        Oracle.text(n, "response_preview"),
        Oracle.text(n, "client_request_id"),
        Oracle.strings(n.path("tags")),
        Oracle.strings(n.path("metadata")),
        Collections.unmodifiableMap(tokens),
        Oracle.list(n.path("assessments"), OracleTraces::assessment),
        Oracle.list(n.path("spans"), OracleTraces::span));
  }

  private static Assessment assessment(JsonNode n) {
    JsonNode valid = n.get("valid");
    return new Assessment(
        Oracle.text(n, "assessment_id"),
        Oracle.text(n, "name"),
        Oracle.text(n, "kind"),
        Oracle.text(n, "value_json"),
        Oracle.text(n, "error_code"),
        Oracle.text(n, "error_message"),
        Oracle.text(n, "rationale"),
        Oracle.text(n, "source_type"),
        Oracle.text(n, "source_id"),
        Oracle.longOrNull(n, "create_time"),
        Oracle.longOrNull(n, "last_update_time"),
        Oracle.text(n, "run_id"),
        Oracle.text(n, "span_id"),
        valid == null || valid.isNull() ? null : valid.asBoolean(),
        Oracle.strings(n.path("metadata")));
  }

  private static Span span(JsonNode n) {
    return new Span(
        Oracle.text(n, "span_id"),
        Oracle.text(n, "parent_span_id"),
        Oracle.text(n, "name"),
        Oracle.text(n, "span_type"),
        n.path("start_time_ns").asLong(),
        Oracle.longOrNull(n, "end_time_ns"),
        Oracle.text(n, "status"),
        Oracle.text(n, "status_message"),
        Oracle.text(n, "inputs_json"),
        Oracle.text(n, "outputs_json"),
        Oracle.text(n, "attributes_json"));
  }

  static Artifact artifact(JsonNode n) {
    return new Artifact(Oracle.text(n, "run_id"), Oracle.text(n, "path"), n.path("is_dir").asBoolean(),
        Oracle.longOrNull(n, "file_size"));
  }
}
