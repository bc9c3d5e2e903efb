package org.mlflowtables.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.Span;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/** The two forms MLflow 3.17 sends spans in, as captured from its server, decode alike. */
class SpanDecoderTest {
  private final SpanDecoder decoder = new SpanDecoder(MlflowClient.MAPPER);

  private static JsonNode json(String text) throws Exception {
    return MlflowClient.MAPPER.readTree(text.replace('`', '"'));
  }

  /** A child span as batch-get-traces sends it (OpenTelemetry's protobuf JSON). */
  private static final String OTLP = "[{`trace_id`: `aKdFypMhwQ6GEy4aNuMGsA==`,"
      + " `span_id`: `neSRf4XaQ7Q=`, `parent_span_id`: `b9/32bA8TLY=`, `name`: `retrieve`,"
      + " `start_time_unix_nano`: 1796534476631034517, `end_time_unix_nano`: 1796534476631474328,"
      + " `attributes`: ["
      + "  {`key`: `mlflow.spanType`, `value`: {`string_value`: `RETRIEVER`}},"
      + "  {`key`: `mlflow.spanInputs`, `value`: {`kvlist_value`: {`values`: ["
      + "    {`key`: `q`, `value`: {`string_value`: `hello`}},"
      + "    {`key`: `n`, `value`: {`int_value`: `12345678901234`}},"
      + "    {`key`: `none`, `value`: {}}]}}},"
      + "  {`key`: `mlflow.spanOutputs`, `value`: {`array_value`: {`values`: ["
      + "    {`double_value`: 0.5}, {`bool_value`: true}, {`int_value`: 3}]}}}],"
      + " `status`: {`code`: `STATUS_CODE_OK`}}]";

  /** The same span in MLflow's trace data file (get-trace-artifact). */
  private static final String TRACE_DATA = "{`spans`: [{`trace_id`: `aKdFypMhwQ6GEy4aNuMGsA==`,"
      + " `span_id`: `neSRf4XaQ7Q=`, `parent_span_id`: `b9/32bA8TLY=`, `name`: `retrieve`,"
      + " `start_time_unix_nano`: 1796534476631034517, `end_time_unix_nano`: 1796534476631474328,"
      + " `events`: [], `status`: {`code`: `STATUS_CODE_OK`, `message`: ``},"
      + " `attributes`: {`mlflow.spanType`: `\\`RETRIEVER\\``,"
      + " `mlflow.spanInputs`: `{\\`q\\`: \\`hello\\`, \\`n\\`: 12345678901234, \\`none\\`: null}`,"
      + " `mlflow.spanOutputs`: `[0.5, true, 3]`}}]}";

  @Test
  void batchGetSpansBecomeTheJsonValuesTheyWereMadeOf() throws Exception {
    Span s = decoder.fromOtlp(json(OTLP)).get(0);
    assertEquals("9de4917f85da43b4", s.spanId());
    assertEquals("6fdff7d9b03c4cb6", s.parentSpanId());
    assertEquals(1796534476631034517L, s.startTimeNs());
    assertEquals(1796534476631474328L, s.endTimeNs());
    assertEquals("OK", s.statusCode());
    assertNull(s.statusMessage());
    assertEquals("\"RETRIEVER\"", s.attributes().get("mlflow.spanType").toString());
    assertEquals("{\"q\":\"hello\",\"n\":12345678901234,\"none\":null}",
        s.attributes().get("mlflow.spanInputs").toString());
    assertEquals("[0.5,true,3]", s.attributes().get("mlflow.spanOutputs").toString());
  }

  @Test
  void traceDataFilesGiveTheSameSpans() throws Exception {
    assertEquals(decoder.fromOtlp(json(OTLP)),
        decoder.fromTraceData(json(TRACE_DATA), "tr-68a745ca9321c10e86132e1a36e306b0"));
  }

  @Test
  void anErrorStatusKeepsItsMessageAndARootHasNoParent() throws Exception {
    Span s = decoder.fromOtlp(json("[{`span_id`: `ucXD7TSxnws=`, `name`: `boom`,"
        + " `start_time_unix_nano`: `5`, `status`: {`message`: `ValueError: bad`,"
        + " `code`: `STATUS_CODE_ERROR`}}]")).get(0);
    assertEquals("b9c5c3ed34b19f0b", s.spanId());
    assertNull(s.parentSpanId());
    assertEquals(5L, s.startTimeNs());
    assertNull(s.endTimeNs());
    assertEquals("ERROR", s.statusCode());
    assertEquals("ValueError: bad", s.statusMessage());
  }

  @Test
  void aSpanWithoutStatusIsUnset() throws Exception {
    assertEquals("UNSET", decoder.fromOtlp(json("[{`span_id`: `ucXD7TSxnws=`,"
        + " `start_time_unix_nano`: 1}]")).get(0).statusCode());
  }

  @Test
  void mlflow2TraceDataIsRefusedNamingTheTrace() throws Exception {
    JsonNode v2 = json("{`spans`: [{`name`: `x`, `context`: {`span_id`: `0x1`}}]}");
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> decoder.fromTraceData(v2, "tr-old"));
    assertEquals(true, e.getMessage().contains("tr-old"), e.getMessage());
  }

  @Test
  void anEmptyTraceHasNoSpans() throws Exception {
    assertEquals(List.of(), decoder.fromTraceData(json("{`spans`: []}"), "tr-1"));
  }
}
