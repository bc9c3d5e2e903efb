package org.mlflowtables.core.write;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * Turns what the server answered (or failed to answer) into the writer's exceptions, each naming
 * the run, the key or model and what was written so far. Pure: the caller passes the counts.
 */
final class ServerErrors {
  private ServerErrors() {}

  /** {@code {'key': 'p', 'old_value': '1', 'new_value': '2'}} in MLflow's message (Python repr). */
  private static final String PY_STR = "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")";
  private static final Pattern SERVER_PARAM_CONFLICT = Pattern.compile(
      "\\{'key': " + PY_STR + ", 'old_value': " + PY_STR + ", 'new_value': " + PY_STR + "\\}");

  /** A log-batch request of the run failed. */
  static WriteException logBatch(String runId, LogBatchRequest request, RuntimeException failure,
      WriteResult now) {
    if (!(failure instanceof MlflowApiException e)) {
      return new WriteException("log-batch for run " + runId + " failed: " + failure, runId, now,
          failure);
    }
    String message = e.serverMessage() == null ? "" : e.serverMessage();
    if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
      return new UnknownRunException(runId, now, e);
    }
    if (message.contains("Changing param values is not allowed")) {
      Matcher m = SERVER_PARAM_CONFLICT.matcher(message);
      if (m.find()) {
        return ParamConflictException.of(runId, PythonRepr.unrepr(m.group(1)),
            PythonRepr.unrepr(m.group(2)), PythonRepr.unrepr(m.group(3)), true, now, e);
      }
      return new ParamConflictException("A param of run " + runId + " is already logged with"
          + " another value; MLflow never changes a param's value: " + message, runId, null, null,
          null, now, e);
    }
    if (message.contains("must be in the 'active' state")) {
      return inactiveRun(runId, "not active (deleted?)", now, e);
    }
    boolean lineage = request.metrics().stream().anyMatch(x -> x.modelId() != null);
    String hint = "";
    if (lineage && message.contains("FOREIGN KEY")) {
      hint = " A model_id of the request probably does not exist (create the logged model"
          + " first). MLflow stores the run-level points of a request before its model points,"
          + " so those may be stored.";
    } else if (lineage && message.contains("logged_model_metrics")) {
      hint = " MLflow keys a logged model's metric points by model, key, timestamp, step and"
          + " run, and refuses a second one with another value or dataset. MLflow stores the"
          + " run-level points of a request before its model points, so those may be stored.";
    }
    return new WriteException("log-batch for run " + runId + " (" + request.metrics().size()
        + " metrics, " + request.params().size() + " params, " + request.tags().size()
        + " tags) failed: " + e.getMessage() + "." + hint, runId, now, e);
  }

  /** Reading a run (get-run) for de-duplication failed. */
  static WriteException readRun(String runId, RuntimeException failure, WriteResult now) {
    if (failure instanceof MlflowApiException e
        && "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
      return new UnknownRunException(runId, now, e);
    }
    return new WriteException("Reading run " + runId + " (to skip what it already holds) failed: "
        + failure.getMessage(), runId, now, failure);
  }

  /** The run is not active: MLflow refuses to log to it. */
  static WriteException inactiveRun(String runId, String stage, WriteResult now,
      Throwable cause) {
    return new WriteException("Run " + runId + " is " + stage + ": MLflow only logs to active"
        + " runs; restore it first.", runId, now, cause);
  }

  /** Reading the history of one key for some runs failed. */
  static WriteException readHistory(String key, String runId, RuntimeException failure,
      WriteResult now) {
    return new WriteException("Reading the history of metric " + Messages.quote(key) + " of run "
        + runId + " (to skip points already logged) failed: " + failure.getMessage(), runId, now,
        failure);
  }

  /** Reading a logged model (the {@code model_id} of rows of the run) failed. */
  static WriteException readModel(String modelId, String runId, RuntimeException failure,
      WriteResult now) {
    if (failure instanceof MlflowApiException e
        && ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || e.httpStatus() == 404)) {
      return new WriteException("Logged model " + modelId + " (the model_id of metric rows of"
          + " run " + runId + ") does not exist on the server: MLflow would refuse its points"
          + " (FOREIGN KEY) after storing their run-level part. Create the model first"
          + " (logged-models) or leave model_id out.", runId, now, e);
    }
    return new WriteException("Reading logged model " + modelId + " (to skip points already"
        + " logged) failed: " + failure.getMessage(), runId, now, failure);
  }

  /** A logged model already has a point with the same primary key but other contents. */
  static WriteException modelConflict(MetricRow m, Points.ModelPayload existing, WriteResult now) {
    return new WriteException("Metric " + Messages.quote(m.key()) + " of run " + m.runId()
        + ": logged model " + m.modelId() + " already has a point at timestamp " + m.timestamp()
        + ", step " + m.stepOrZero() + " with " + existing.describe() + ", and the row has "
        + Points.ModelPayload.of(m).describe() + ". MLflow keys a logged model's metric points"
        + " by model, key, timestamp, step and run, so it would refuse this one (after storing"
        + " its run-level part).", m.runId(), now, null);
  }

  /** Anything else that stopped the writer (a bug, an Error): still reported with the counts. */
  static WriteException unexpected(Throwable t, WriteResult now) {
    if (t instanceof WriteException we) {
      return we.withResult(now);
    }
    return new WriteException("The log-batch writer failed: " + t, null, now, t);
  }
}
