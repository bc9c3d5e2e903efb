package org.mlflowtables.core.write;

/**
 * A param would change value, which MLflow refuses ({@code INVALID_PARAMETER_VALUE}: "Changing
 * param values is not allowed"). Found before sending when de-duplication is on (the run's params
 * are read first) or when the input itself gives two values; otherwise it is MLflow's own error,
 * mapped. The message names the run, the key and both values.
 */
public class ParamConflictException extends WriteException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String existingValue;
  private final String newValue;

  public ParamConflictException(String detail, String runId, String key, String existingValue,
      String newValue, WriteResult result, Throwable cause) {
    super(detail, runId, result, cause);
    this.key = key;
    this.existingValue = existingValue;
    this.newValue = newValue;
  }

  /** A param on the server (or earlier in the input) differs from the one being written. */
  static ParamConflictException of(String runId, String key, String existingValue,
      String newValue, boolean onServer, WriteResult result, Throwable cause) {
    String where = onServer ? "is already logged on the server with value "
        : "was given twice in the input, first with value ";
    return new ParamConflictException("Param " + Messages.quote(key) + " of run " + runId + " "
        + where + Messages.quote(existingValue) + ", now with value " + Messages.quote(newValue)
        + ": MLflow never changes a param's value (INVALID_PARAMETER_VALUE); log it under another"
        + " key or in another run.", runId, key, existingValue, newValue, result, cause);
  }

  /** The param key, or null when the server's message could not be read. */
  public String key() {
    return key;
  }

  /** The value already logged (or given first), or null when unknown. */
  public String existingValue() {
    return existingValue;
  }

  /** The value that was refused, or null when unknown. */
  public String newValue() {
    return newValue;
  }

  @Override
  ParamConflictException withResult(WriteResult newer) {
    return new ParamConflictException(detail(), runId(), key, existingValue, newValue, newer,
        getCause());
  }
}
