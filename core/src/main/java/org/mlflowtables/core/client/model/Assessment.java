package org.mlflowtables.core.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Feedback or an expectation logged on a trace (MLflow 3), as the trace endpoints send it: exactly
 * one of {@code feedback} and {@code expectation} is set. Values are JSON as MLflow keeps them.
 *
 * @param valid false once another assessment overrides this one
 */
public record Assessment(
    String assessmentId,
    String assessmentName,
    String traceId,
    String runId,
    String spanId,
    Source source,
    String createTime,
    String lastUpdateTime,
    Feedback feedback,
    Expectation expectation,
    String rationale,
    Map<String, String> metadata,
    Boolean valid) {

  public Assessment {
    metadata = metadata == null ? Map.of() : metadata;
  }

  /** Who made the assessment: HUMAN, LLM_JUDGE or CODE, and their id. */
  public record Source(String sourceType, String sourceId) {}

  /** A judged value, or the error that kept a judge from giving one. */
  public record Feedback(JsonNode value, Error error) {}

  /** Why a feedback has no value. */
  public record Error(String errorCode, String errorMessage) {}

  /**
   * An expected value: {@code value} for JSON values, {@code serializedValue} for the rest (MLflow
   * then keeps JSON text, {@code serialization_format} JSON_FORMAT).
   */
  public record Expectation(JsonNode value, Serialized serializedValue) {}

  /** A value MLflow keeps as text in a named format. */
  public record Serialized(String serializationFormat, String value) {}
}
