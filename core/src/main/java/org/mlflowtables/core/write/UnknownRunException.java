package org.mlflowtables.core.write;

/** The server has no run with the id of a row ({@code RESOURCE_DOES_NOT_EXIST}). */
public class UnknownRunException extends WriteException {
  private static final long serialVersionUID = 1L;

  public UnknownRunException(String runId, WriteResult result, Throwable cause) {
    super("Run " + runId + " does not exist on the MLflow server (RESOURCE_DOES_NOT_EXIST):"
        + " create it first (runs/create) or check the run_id column.", runId, result, cause);
  }

  @Override
  UnknownRunException withResult(WriteResult newer) {
    return new UnknownRunException(runId(), newer, getCause());
  }
}
