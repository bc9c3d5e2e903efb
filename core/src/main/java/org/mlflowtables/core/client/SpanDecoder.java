package org.mlflowtables.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.model.Span;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * Decodes the two forms MLflow 3 sends spans in, so that both give the same {@link Span}:
 *
 * <ul>
 *   <li>OpenTelemetry's protobuf JSON (batch-get-traces): ids in base64, attributes as a list of
 *       {@code AnyValue}s. The server built them from the JSON values MLflow logged
 *       ({@code _set_otel_proto_anyvalue}), so they are turned back into those JSON values, as
 *       MLflow's Python client does ({@code _decode_otel_proto_anyvalue}).
 *   <li>MLflow's trace data file (get-trace-artifact): ids in base64, each attribute value a JSON
 *       text.
 * </ul>
 */
final class SpanDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String STATUS_PREFIX = "STATUS_CODE_";

  private final ObjectMapper mapper;

  SpanDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The spans of a trace in OpenTelemetry's protobuf JSON. */
  List<Span> fromOtlp(JsonNode spans) {
    List<Span> out = new ArrayList<>();
    for (JsonNode s : spans) {
      Map<String, JsonNode> attributes = new LinkedHashMap<>();
      for (JsonNode kv : s.path("attributes")) {
        attributes.put(kv.path("key").asText(), anyValue(kv.path("value")));
      }
      out.add(span(s, attributes));
    }
    return out;
  }

  /** The spans of MLflow's trace data file ({@code {"spans": [...]}}) of one trace. */
  List<Span> fromTraceData(JsonNode data, String traceId) {
    JsonNode spans = data.path("spans");
    List<Span> out = new ArrayList<>();
    for (JsonNode s : spans) {
      if (!s.has("span_id")) {
        throw new MlflowTablesException("Trace " + traceId + " keeps its spans in a format this"
            + " version does not read (MLflow 2's trace data); MLflow 3 can migrate it");
      }
      Map<String, JsonNode> attributes = new LinkedHashMap<>();
      s.path("attributes").properties().forEach(e ->
          attributes.put(e.getKey(), jsonText(e.getValue())));
      out.add(span(s, attributes));
    }
    return out;
  }

  private static Span span(JsonNode s, Map<String, JsonNode> attributes) {
    JsonNode status = s.path("status");
    String code = status.path("code").asText("");
    code = code.startsWith(STATUS_PREFIX) ? code.substring(STATUS_PREFIX.length()) : code;
    String message = status.path("message").asText("");
    JsonNode end = s.get("end_time_unix_nano");
    return new Span(
        id(s.path("span_id").asText(null)),
        id(s.path("parent_span_id").asText(null)),
        s.path("name").asText(null),
        nanos(s.path("start_time_unix_nano")),
        end == null || end.isNull() ? null : nanos(end),
        code.isEmpty() ? "UNSET" : code,
        message.isEmpty() ? null : message,
        attributes);
  }

  /** An OpenTelemetry id (base64 of its bytes) as hex; null or empty stays null. */
  static String id(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      return base64; // already readable text
    }
  }

  /** A uint64 of nanoseconds, sent as a JSON number or as text. */
  private static long nanos(JsonNode n) {
    return n.isNumber() ? n.asLong() : Long.parseLong(n.asText("0"));
  }

  /** An attribute value of the trace data file: JSON text, kept as text if it is not JSON. */
  private JsonNode jsonText(JsonNode v) {
    if (!v.isTextual()) {
      return v;
    }
    try {
      return mapper.readTree(v.textValue());
    } catch (JsonProcessingException e) {
      return v;
    }
  }

  /** An integer as the node JSON text of it parses to (int, long or big). */
  private static JsonNode integer(BigInteger i) {
    if (i.bitLength() < Integer.SIZE) {
      return NODES.numberNode(i.intValue());
    }
    return i.bitLength() < Long.SIZE ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
  }

  /** An OpenTelemetry {@code AnyValue} as the JSON value it was made from. */
  static JsonNode anyValue(JsonNode v) {
    if (v.has("string_value")) {
      return NODES.textNode(v.get("string_value").asText());
    }
    if (v.has("bool_value")) {
      return NODES.booleanNode(v.get("bool_value").asBoolean());
    }
    if (v.has("int_value")) {
      JsonNode i = v.get("int_value"); // int64: a number, or text in strict protobuf JSON
      return i.isNumber() ? i : integer(new BigInteger(i.asText()));
    }
    if (v.has("double_value")) {
      JsonNode d = v.get("double_value");
      return NODES.numberNode(d.isNumber() ? d.asDouble() : Double.parseDouble(d.asText()));
    }
    if (v.has("array_value")) {
      ArrayNode a = NODES.arrayNode();
      v.get("array_value").path("values").forEach(x -> a.add(anyValue(x)));
      return a;
    }
    if (v.has("kvlist_value")) {
      ObjectNode o = NODES.objectNode();
      v.get("kvlist_value").path("values").forEach(kv ->
          o.set(kv.path("key").asText(), anyValue(kv.path("value"))));
      return o;
    }
    if (v.has("bytes_value")) {
      return NODES.textNode(v.get("bytes_value").asText());
    }
    return NODES.nullNode(); // an unset AnyValue is how None is sent
  }
}
