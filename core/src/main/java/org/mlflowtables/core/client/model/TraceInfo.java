package org.mlflowtables.core.client.model;

import java.util.List;
import java.util.Map;

/**
 * An MLflow 3 trace's info, as search-traces (v3) returns it: times are protobuf JSON (RFC 3339
 * text for the request time, {@code "0.121s"} for the duration), read with {@link ProtoTime}.
 *
 * @param traceMetadata the trace's metadata ({@code mlflow.sourceRun}, {@code
 *     mlflow.trace.tokenUsage}, user keys)
 * @param assessments the feedback and expectations logged on the trace
 */
public record TraceInfo(
    String traceId,
    String clientRequestId,
    Location traceLocation,
    String requestTime,
    String executionDuration,
    String state,
    String requestPreview,
    String responsePreview,
    Map<String, String> traceMetadata,
    Map<String, String> tags,
    List<Assessment> assessments) {

  /** The tag that says where the trace's spans are kept. */
  public static final String SPANS_LOCATION_TAG = "mlflow.trace.spansLocation";
  /** Its value for spans kept in the tracking store's database (read with batch-get-traces). */
  public static final String TRACKING_STORE = "TRACKING_STORE";

  public TraceInfo {
    traceMetadata = traceMetadata == null ? Map.of() : traceMetadata;
    tags = tags == null ? Map.of() : tags;
    assessments = assessments == null ? List.of() : assessments;
  }

  /** Where a trace lives: an experiment (the only location of a tracking server). */
  public record Location(String type, ExperimentRef mlflowExperiment) {}

  /** The experiment of a trace location. */
  public record ExperimentRef(String experimentId) {}

  /** The experiment the trace belongs to, or null for a location other than an experiment. */
  public String experimentId() {
    return traceLocation == null || traceLocation.mlflowExperiment() == null ? null
        : traceLocation.mlflowExperiment().experimentId();
  }

  /** The request time in epoch milliseconds. */
  public Long requestTimeMs() {
    return ProtoTime.millis(requestTime);
  }

  /** The execution duration in milliseconds, or null while unknown. */
  public Long executionDurationMs() {
    return ProtoTime.durationMillis(executionDuration);
  }

  /** Whether the spans are in the tracking store (else in the artifact store or an archive). */
  public boolean spansInTrackingStore() {
    return TRACKING_STORE.equals(tags.get(SPANS_LOCATION_TAG));
  }
}
