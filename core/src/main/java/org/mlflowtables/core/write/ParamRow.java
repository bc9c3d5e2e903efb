package org.mlflowtables.core.write;

/**
 * One param to log. MLflow never changes a param: logging a key again with the same value is a
 * no-op, with another value an error ({@link ParamConflictException}).
 *
 * @param runId the run, required
 * @param key the param key, required
 * @param value the value, required (may be empty), at most {@value
 *     LogBatchLimits#MAX_PARAM_VAL_LENGTH} characters
 */
public record ParamRow(String runId, String key, String value) implements LogRow {
  private static final long serialVersionUID = 1L;

  @Override
  public String kind() {
    return "param";
  }
}
