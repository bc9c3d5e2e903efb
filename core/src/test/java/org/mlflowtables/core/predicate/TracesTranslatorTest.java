package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.TranslationAssert.exact;
import static org.mlflowtables.core.predicate.TranslationAssert.kept;
import static org.mlflowtables.core.predicate.TranslationAssert.prune;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;

class TracesTranslatorTest {
  private static final TableTranslator<String> TRACES =
      Translators.traces(Tables.TRACES, PushdownOptions.PORTABLE);
  private static final TableTranslator<String> SPANS =
      Translators.traces(Tables.TRACE_SPANS, PushdownOptions.PORTABLE);
  private static final TableTranslator<String> BYTEWISE =
      Translators.traces(Tables.TRACES, PushdownOptions.BINARY_STRING_ORDERING);

  static Stream<TranslationAssert> traces() {
    return Stream.of(
        exact("a time range is timestamp_ms", ge(col("request_time"), 1_700_000_000_000L),
            "attributes.timestamp_ms >= 1700000000000"),
        exact("duration is execution_time_ms", lt(col("execution_duration_ms"), 50L),
            "attributes.execution_time_ms < 50"),
        exact("state is status", in(col("state"), "OK", "ERROR"),
            "attributes.status IN ('OK', 'ERROR')"),
        exact("trace_id is request_id", eq(col("trace_id"), "tr-1"),
            "attributes.request_id = 'tr-1'"),
        exact("client_request_id != is exact", ne(col("client_request_id"), "req"),
            "attributes.client_request_id != 'req'"),
        prune("LIKE prunes (SQLite ignores case)", like(col("state"), "OK%"),
            "attributes.status LIKE 'OK%'"),
        exact("a tag is joined on its key", eq(entry("tags", "route"), "qa"),
            "tags.`route` = 'qa'"),
        exact("a missing metadata key is NOT EXISTS", isNull(entry("metadata", "user")),
            "metadata.`user` IS NULL"),
        prune("IN on a tag prunes as its presence", in(entry("tags", "route"), "qa", "chat"),
            "tags.`route` IS NOT NULL"),
        kept("token usage is matched as JSON on the server",
            eq(entry("metadata", "mlflow.trace.tokenUsage"), "{}")),
        kept("the prompt tag is a lookup on the server",
            eq(entry("tags", "mlflow.linkedPrompts"), "p/1")),
        prune("run_id = also matches linked traces", eq(col("run_id"), "r1"),
            "metadata.`mlflow.sourceRun` = 'r1'"),
        exact("run_id != is exact", ne(col("run_id"), "r1"),
            "metadata.`mlflow.sourceRun` != 'r1'"),
        kept("token counts are not searchable", ge(col("total_tokens"), 10L)),
        kept("previews are not searchable", like(col("request_preview"), "%x%")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void translatesTraces(TranslationAssert c) {
    c.check(TRACES);
  }

  @Test
  void experimentIdsAreTheLocations() {
    Translation t = TRACES.translate(List.of(in(col("experiment_id"), "1", "2")));
    assertEquals(Optional.of(Set.of("1", "2")), t.experimentIds());
    assertEquals(null, t.filter());
  }

  @Test
  void traceLevelConditionsOfSpansReachTheSearch() {
    Translation t = SPANS.translate(List.of(ge(col("trace_request_time"), 5L),
        eq(entry("trace_tags", "route"), "qa"), eq(col("trace_state"), "OK"),
        eq(col("span_type"), "LLM")));
    assertEquals("attributes.timestamp_ms >= 5 AND tags.`route` = 'qa' AND attributes.status"
        + " = 'OK'", t.filter());
    assertEquals(List.of(eq(col("span_type"), "LLM")), t.residual());
  }

  @Test
  void orderByEndsWithTheServersTieBreaks() {
    assertEquals(Optional.of(List.of("timestamp_ms ASC", "request_id ASC")),
        TRACES.orderBy(List.of(SortKey.asc(col("request_time")))));
    assertEquals(Optional.of(List.of("execution_time_ms DESC", "timestamp_ms DESC",
            "request_id ASC")),
        TRACES.orderBy(List.of(new SortKey(col("execution_duration_ms"), false, false))));
  }

  @Test
  void tagOrdersNeedABytewiseStoreAndNullsLast() {
    List<SortKey> byRoute = List.of(new SortKey(entry("tags", "route"), true, false));
    assertEquals(Optional.empty(), TRACES.orderBy(byRoute));
    assertEquals(Optional.of(List.of("tags.`route` ASC", "timestamp_ms DESC", "request_id ASC")),
        BYTEWISE.orderBy(byRoute));
    assertEquals(Optional.empty(), BYTEWISE.orderBy(List.of(SortKey.asc(entry("tags", "route")))),
        "the server sorts missing tags last");
  }

  @Test
  void spansAreNeverOrderedByTheServer() {
    assertEquals(Optional.empty(),
        SPANS.orderBy(List.of(SortKey.asc(col("trace_request_time")))));
  }
}
