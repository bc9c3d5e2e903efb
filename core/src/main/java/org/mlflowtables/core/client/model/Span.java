package org.mlflowtables.core.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One span of a trace, decoded from whichever form the server sent it in.
 *
 * @param spanId the span id as 16 hex digits (as MLflow's Python client shows it)
 * @param parentSpanId the parent's id, null for the root span
 * @param endTimeNs null while the span is open
 * @param statusCode OK, ERROR or UNSET
 * @param statusMessage the status description, null when empty
 * @param attributes every attribute, each value as the JSON MLflow logged
 *     ({@code mlflow.spanType}, {@code mlflow.spanInputs}, ...), in the server's order
 */
public record Span(
    String spanId,
    String parentSpanId,
    String name,
    long startTimeNs,
    Long endTimeNs,
    String statusCode,
    String statusMessage,
    Map<String, JsonNode> attributes) {

  public Span {
    attributes = attributes == null ? Map.of() : attributes;
  }
}
