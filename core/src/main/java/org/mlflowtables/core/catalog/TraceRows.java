package org.mlflowtables.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.model.Assessment;
import org.mlflowtables.core.client.model.ProtoTime;
import org.mlflowtables.core.client.model.Span;
import org.mlflowtables.core.client.model.TraceInfo;

/**
 * The row mappings of MLflow 3's trace tables, in the column order of their entries. JSON values
 * (span inputs, outputs and attributes, assessment values that are not strings) become compact
 * JSON text.
 */
final class TraceRows {
  static final String SOURCE_RUN = "mlflow.sourceRun";
  static final String TOKEN_USAGE = "mlflow.trace.tokenUsage";
  private static final String SPAN_TYPE = "mlflow.spanType";
  private static final String SPAN_INPUTS = "mlflow.spanInputs";
  private static final String SPAN_OUTPUTS = "mlflow.spanOutputs";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private TraceRows() {}

  /** A traces row; token counts from the {@code mlflow.trace.tokenUsage} metadata. */
  static Object[] trace(TraceInfo t) {
    JsonNode tokens = parse(t.traceMetadata().get(TOKEN_USAGE));
    return new Object[] {t.traceId(), t.experimentId(), t.requestTimeMs(),
        t.executionDurationMs(), t.state(), t.requestPreview(), t.responsePreview(),
        t.clientRequestId(), t.tags(), t.traceMetadata(), t.traceMetadata().get(SOURCE_RUN),
        count(tokens, "input_tokens"), count(tokens, "output_tokens"),
        count(tokens, "total_tokens")};
  }

  /** One assessments row per feedback and expectation of a trace. */
  static void assessments(TraceInfo t, List<Object[]> out) {
    for (Assessment a : t.assessments()) {
      boolean feedback = a.feedback() != null;
      JsonNode value = feedback ? a.feedback().value() : expected(a.expectation());
      Assessment.Error error = feedback ? a.feedback().error() : null;
      Assessment.Source source = a.source();
      out.add(new Object[] {t.traceId(), t.experimentId(), t.requestTimeMs(), a.assessmentId(),
          a.assessmentName(), feedback ? "feedback" : "expectation", text(value),
          value != null && value.isNumber() ? value.asDouble() : null,
          value != null && value.isBoolean() ? value.asBoolean() : null,
          error == null ? null : error.errorCode(), error == null ? null : error.errorMessage(),
          a.rationale(), source == null ? null : source.sourceType(),
          source == null ? null : source.sourceId(), ProtoTime.millis(a.createTime()),
          ProtoTime.millis(a.lastUpdateTime()), a.runId(), a.spanId(), a.valid(),
          a.metadata()});
    }
  }

  /** A trace_spans row. */
  static Object[] span(TraceSpan ts) {
    TraceInfo t = ts.trace();
    Span s = ts.span();
    Map<String, JsonNode> attributes = s.attributes();
    JsonNode type = attributes.get(SPAN_TYPE);
    ObjectNode others = JSON.createObjectNode();
    attributes.forEach((k, v) -> {
      if (!k.equals(SPAN_INPUTS) && !k.equals(SPAN_OUTPUTS)) {
        others.set(k, v);
      }
    });
    Long end = s.endTimeNs();
    return new Object[] {t.traceId(), t.experimentId(), t.requestTimeMs(), t.state(), t.tags(),
        s.spanId(), s.parentSpanId(), s.name(), type == null || type.isNull() ? null
            : type.asText(), Math.floorDiv(s.startTimeNs(), NANOS_PER_MILLI),
        end == null ? null : Math.floorDiv(end, NANOS_PER_MILLI),
        end == null ? null : (end - s.startTimeNs()) / (double) NANOS_PER_MILLI,
        s.statusCode(), s.statusMessage(), json(attributes.get(SPAN_INPUTS)),
        json(attributes.get(SPAN_OUTPUTS)), json(others)};
  }

  /** An expectation's value; one MLflow kept as JSON text is read back as JSON. */
  private static JsonNode expected(Assessment.Expectation e) {
    if (e == null) {
      return null;
    }
    if (e.value() != null || e.serializedValue() == null) {
      return e.value();
    }
    Assessment.Serialized s = e.serializedValue();
    JsonNode parsed = "JSON_FORMAT".equals(s.serializationFormat()) ? parse(s.value()) : null;
    return parsed != null ? parsed : JSON.getNodeFactory().textNode(s.value());
  }

  /** A string as itself, any other JSON value as its text; null for none or JSON null. */
  private static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isTextual() ? v.textValue() : json(v);
  }

  /** Compact JSON text; null for a value that is not there. */
  static String json(JsonNode v) {
    if (v == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static JsonNode parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null; // not JSON: no token counts rather than a failed scan
    }
  }

  private static Long count(JsonNode tokens, String key) {
    JsonNode n = tokens == null ? null : tokens.get(key);
    return n != null && n.canConvertToLong() ? n.asLong() : null;
  }
}
