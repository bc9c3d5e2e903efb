package org.mlflowtables.core.catalog;

import static org.mlflowtables.core.catalog.ColumnType.BOOLEAN;
import static org.mlflowtables.core.catalog.ColumnType.DOUBLE;
import static org.mlflowtables.core.catalog.ColumnType.LONG;
import static org.mlflowtables.core.catalog.ColumnType.MAP_STRING_STRING;
import static org.mlflowtables.core.catalog.ColumnType.STRING;
import static org.mlflowtables.core.catalog.ColumnType.TIMESTAMP;
import static org.mlflowtables.core.catalog.PushdownOp.EQ;
import static org.mlflowtables.core.catalog.PushdownOp.IS_NOT_NULL;
import static org.mlflowtables.core.catalog.PushdownOp.IS_NULL;
import static org.mlflowtables.core.catalog.PushdownOp.NE;
import static org.mlflowtables.core.catalog.PushdownRules.COMPARISONS;
import static org.mlflowtables.core.catalog.PushdownRules.EQ_IN;
import static org.mlflowtables.core.catalog.PushdownRules.EQ_NE_IN;
import static org.mlflowtables.core.catalog.PushdownRules.LIKES;
import static org.mlflowtables.core.catalog.PushdownRules.LIKE_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.PRESENCE_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.PRESENCE_PRUNE;
import static org.mlflowtables.core.catalog.PushdownRules.STRING_SORT;
import static org.mlflowtables.core.catalog.PushdownRules.attribute;
import static org.mlflowtables.core.catalog.PushdownRules.entries;
import static org.mlflowtables.core.catalog.PushdownRules.integerAttribute;
import static org.mlflowtables.core.catalog.PushdownRules.p;
import static org.mlflowtables.core.catalog.PushdownRules.union;

import java.util.Set;
import org.mlflowtables.core.catalog.MlflowField.Fixed;
import org.mlflowtables.core.catalog.MlflowField.Kind;

/**
 * The catalogue's entries for MLflow 3's traces ({@link Tables} lists them): traces, their spans
 * and their assessments, all found through search-traces v3. What the endpoint evaluates was read
 * from MLflow 3.17's server ({@code SearchTraceUtils} in utils/search_utils.py,
 * {@code _get_filter_clauses_for_search_traces} in store/tracking/sqlalchemy_store.py) and checked
 * against it: time, duration, state, ids, tags and metadata compare as SQL does; the reserved
 * metadata keys below are matched otherwise and stay with the engine.
 */
final class TraceTables {
  /** Tag the server turns into a prompt-link lookup. */
  private static final String LINKED_PROMPTS = "mlflow.linkedPrompts";
  /** Metadata the server matches as JSON (token usage, cost) or with linked runs (source run). */
  private static final String[] SPECIAL_METADATA = {TraceRows.TOKEN_USAGE, "mlflow.trace.cost",
      TraceRows.SOURCE_RUN};
  private static final Set<PushdownOp> ENTRY_EXACT = Set.of(EQ, NE, IS_NULL, IS_NOT_NULL);
  private static final String MAP_NOTE = LIKE_NOTE + PRESENCE_NOTE;
  private static final String MLFLOW2 = "; needs an MLflow 3 server";

  private TraceTables() {}

  static final TableDef TRACES =
      table("traces", "MLflow 3 traces: one row per trace" + MLFLOW2 + ".")
          .readsOnePerEntity(Source.TRACES, TraceRows::trace)
          .sizeGuess(10_000)
          .col("trace_id", STRING, false, "Trace ID.", attribute("request_id"),
              p(EQ_NE_IN, LIKES, STRING_SORT, "request_id on the server; " + LIKE_NOTE))
          .col("experiment_id", STRING, false, "Experiment of the trace.",
              MlflowField.EXPERIMENT_IDS, p(EQ_IN, Set.of(), SortRule.NONE,
                  "= / IN become the request's locations"))
          .col("request_time", TIMESTAMP, false, "When the trace started.",
              integerAttribute("timestamp_ms"),
              p(COMPARISONS, Set.of(), SortRule.ANY, "timestamp_ms on the server"))
          .col("execution_duration_ms", LONG, true, "How long the trace took, in milliseconds.",
              integerAttribute("execution_time_ms"), p(COMPARISONS, Set.of(),
                  SortRule.NULLS_LAST, "execution_time_ms on the server, NULLs sorted last"))
          .col("state", STRING, false, "OK, ERROR, IN_PROGRESS or STATE_UNSPECIFIED.",
              attribute("status"), p(EQ_NE_IN, LIKES, STRING_SORT,
                  "status on the server; " + LIKE_NOTE))
          .col("request_preview", STRING, true, "The start of the request.")
          .col("response_preview", STRING, true, "The start of the response.")
          .col("client_request_id", STRING, true, "The caller's id of the request.",
              attribute("client_request_id"), p(EQ_NE_IN, LIKES, SortRule.NONE, LIKE_NOTE))
          .col("tags", MAP_STRING_STRING, false, "Trace tags (mlflow.traceName, ...).",
              entries("tag", Kind.STRING, true, LINKED_PROMPTS),
              p(ENTRY_EXACT, PRESENCE_PRUNE, SortRule.STRING_NULLS_LAST,
                  MAP_NOTE + "; never " + LINKED_PROMPTS + ", a prompt lookup there"))
          .col("metadata", MAP_STRING_STRING, false,
              "Trace metadata (mlflow.sourceRun, mlflow.trace.tokenUsage, ...).",
              entries("metadata", Kind.STRING, true, SPECIAL_METADATA),
              p(ENTRY_EXACT, PRESENCE_PRUNE, SortRule.STRING_NULLS_LAST, MAP_NOTE
                  + "; not the token usage, cost and source run keys, which the server"
                  + " matches otherwise"))
          .col("run_id", STRING, true, "The run the trace was logged in (mlflow.sourceRun).",
              new Fixed("metadata", TraceRows.SOURCE_RUN, Kind.STRING, true),
              p(Set.of(NE, IS_NULL, IS_NOT_NULL), union(Set.of(EQ), PRESENCE_PRUNE),
                  SortRule.STRING_NULLS_LAST, "= prunes and is kept: the server also matches"
                      + " traces linked to the run; " + LIKE_NOTE + PRESENCE_NOTE))
          .col("input_tokens", LONG, true, "Input tokens (mlflow.trace.tokenUsage).")
          .col("output_tokens", LONG, true, "Output tokens (mlflow.trace.tokenUsage).")
          .col("total_tokens", LONG, true, "Total tokens (mlflow.trace.tokenUsage).")
          .build();

  static final TableDef TRACE_SPANS =
      traceKeys(table("trace_spans", "The spans of MLflow 3 traces: one row per span" + MLFLOW2
          + "; a query's trace-level conditions decide whose spans are fetched.")
          .reads(Source.TRACE_SPANS, (ts, out) -> out.add(TraceRows.span(ts)))
          .sizeGuess(100_000))
          .col("trace_state", STRING, false, "The trace's state.", attribute("status"),
              p(EQ_NE_IN, LIKES, SortRule.NONE, "the trace's status; " + LIKE_NOTE))
          .col("trace_tags", MAP_STRING_STRING, false, "The trace's tags.",
              entries("tag", Kind.STRING, true, LINKED_PROMPTS),
              p(ENTRY_EXACT, PRESENCE_PRUNE, SortRule.NONE, "the trace's tags; " + MAP_NOTE))
          .col("span_id", STRING, false, "Span ID (16 hex digits).")
          .col("parent_span_id", STRING, true, "Parent span ID; NULL for the root span.")
          .col("name", STRING, true, "Span name.")
          .col("span_type", STRING, true, "LLM, CHAIN, TOOL, RETRIEVER, ... (mlflow.spanType).")
          .col("start_time", TIMESTAMP, false, "When the span started.")
          .col("end_time", TIMESTAMP, true, "When the span ended.")
          .col("duration_ms", DOUBLE, true, "End minus start, in milliseconds (to the ns).")
          .col("status", STRING, false, "OK, ERROR or UNSET.")
          .col("status_message", STRING, true, "The status description (an error's message).")
          .col("inputs", STRING, true, "The span's inputs as JSON text.")
          .col("outputs", STRING, true, "The span's outputs as JSON text.")
          .col("attributes", STRING, false,
              "The other attributes, as one JSON object (values as logged).")
          .build();

  static final TableDef ASSESSMENTS =
      traceKeys(table("assessments", "Feedback and expectations on MLflow 3 traces: one row per"
          + " assessment" + MLFLOW2 + ".")
          .reads(Source.TRACES, TraceRows::assessments)
          .sizeGuess(20_000))
          .col("assessment_id", STRING, false, "Assessment ID.")
          .col("name", STRING, false, "Assessment name.")
          .col("kind", STRING, false, "'feedback' or 'expectation'.")
          .col("value", STRING, true, "The value: a string as itself, anything else as JSON.")
          .col("value_number", DOUBLE, true, "The value, when it is a number.")
          .col("value_bool", BOOLEAN, true, "The value, when it is true or false.")
          .col("error_code", STRING, true, "Why a feedback has no value (a judge's error).")
          .col("error_message", STRING, true, "The error's message.")
          .col("rationale", STRING, true, "The rationale given.")
          .col("source_type", STRING, true, "HUMAN, LLM_JUDGE or CODE.")
          .col("source_id", STRING, true, "Who or what assessed (user, judge, function).")
          .col("create_time", TIMESTAMP, true, "When the assessment was logged.")
          .col("last_update_time", TIMESTAMP, true, "When it was last changed.")
          .col("run_id", STRING, true, "The run the assessment was logged in.")
          .col("span_id", STRING, true, "The span assessed, if one.")
          .col("valid", BOOLEAN, true, "False once another assessment overrides this one.")
          .col("metadata", MAP_STRING_STRING, false, "Assessment metadata.")
          .build();

  /** trace_id, experiment_id and the trace's request time of a per-trace expansion. */
  private static TableBuilder traceKeys(TableBuilder b) {
    return b.col("trace_id", STRING, false, "Trace ID.", attribute("request_id"),
            p(EQ_NE_IN, LIKES, SortRule.NONE, "the trace's request_id; " + LIKE_NOTE))
        .col("experiment_id", STRING, false, "Experiment of the trace.",
            MlflowField.EXPERIMENT_IDS, p(EQ_IN, Set.of(), SortRule.NONE,
                "= / IN become the request's locations"))
        .col("trace_request_time", TIMESTAMP, false, "When the trace started.",
            integerAttribute("timestamp_ms"),
            p(COMPARISONS, Set.of(), SortRule.NONE, "the trace's timestamp_ms"));
  }

  private static TableBuilder table(String name, String description) {
    return new TableBuilder(name, description, null);
  }
}
