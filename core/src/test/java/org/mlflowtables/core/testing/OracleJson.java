package org.mlflowtables.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The oracle's spans and assessments as table rows (see {@link OracleRows}). Python wrote JSON
 * values with {@code json.dumps}; the tables write compact JSON, so the oracle's text is read and
 * written again (Jackson keeps the key order): the same values give the same text.
 */
final class OracleJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private OracleJson() {}

  static Object[] spanRow(OracleTraces.Trace t, OracleTraces.Span s) {
    Long end = s.endTimeNs();
    return new Object[] {t.traceId(), t.experimentId(), t.requestTime(), t.state(), t.tags(),
        s.spanId(), s.parentSpanId(), s.name(), s.spanType(),
        Math.floorDiv(s.startTimeNs(), 1_000_000L),
        end == null ? null : Math.floorDiv(end, 1_000_000L),
        end == null ? null : (end - s.startTimeNs()) / NANOS_PER_MILLI, s.status(),
        OracleRows.n(s.statusMessage()), compact(s.inputsJson()), compact(s.outputsJson()),
        compact(s.attributesJson())};
  }

  /**
   * An assessments row. MLflow's Python client drops {@code valid} of an expectation (its
   * {@code Expectation.from_proto} does not read it); the server sends true, and nothing
   * overrides an expectation, so the row has true.
   */
  static Object[] assessmentRow(OracleTraces.Trace t, OracleTraces.Assessment a) {
    JsonNode v = parse(a.valueJson());
    boolean none = v == null || v.isNull();
    Boolean valid = a.valid() == null && a.kind().equals("expectation") ? Boolean.TRUE
        : a.valid();
    return new Object[] {t.traceId(), t.experimentId(), t.requestTime(), a.assessmentId(),
        a.name(), a.kind(), none ? null : v.isTextual() ? v.textValue() : write(v),
        !none && v.isNumber() ? v.asDouble() : null,
        !none && v.isBoolean() ? v.asBoolean() : null, a.errorCode(), a.errorMessage(),
        a.rationale(), a.sourceType(), a.sourceId(), a.createTime(), a.lastUpdateTime(),
        a.runId(), a.spanId(), valid, a.metadata()};
  }

  /** JSON text as compact JSON; null stays null. */
  static String compact(String json) {
    JsonNode n = parse(json);
    return n == null ? null : write(n);
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the oracle holds no JSON: " + json, e);
    }
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
