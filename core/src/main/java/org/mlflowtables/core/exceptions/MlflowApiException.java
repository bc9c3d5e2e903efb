package org.mlflowtables.core.exceptions;

/**
 * A call to the MLflow REST API failed. Carries MLflow's {@code error_code}, the HTTP status (0 when
 * no answer arrived), the endpoint path and the server's message. Holds only strings and ints so that
 * it serializes from Spark executors to the driver.
 */
public class MlflowApiException extends MlflowTablesException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;
  private final int httpStatus;
  private final String path;
  private final String serverMessage;

  public MlflowApiException(
      String errorCode, int httpStatus, String path, String serverMessage, Throwable cause) {
    super(format(errorCode, httpStatus, path, serverMessage), cause);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.path = path;
    this.serverMessage = serverMessage;
  }

  private static String format(String errorCode, int status, String path, String message) {
    String where = status > 0 ? "HTTP " + status + " from " + path : "no answer from " + path;
    return "MLflow request failed: " + where
        + (errorCode != null ? " [" + errorCode + "]" : "")
        + (message != null && !message.isBlank() ? ": " + message : "");
  }

  /** MLflow's error code, e.g. {@code RESOURCE_DOES_NOT_EXIST}; null when the answer had none. */
  public String errorCode() {
    return errorCode;
  }

  /** HTTP status, or 0 when the request got no answer (connection refused, reset, timeout). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Endpoint path, e.g. {@code /api/2.0/mlflow/runs/search}; never the host or query string. */
  public String path() {
    return path;
  }

  /** The server's own message, or a description of what arrived instead of MLflow JSON. */
  public String serverMessage() {
    return serverMessage;
  }

  /**
   * True when the named entity does not exist: RESOURCE_DOES_NOT_EXIST, or INVALID_PARAMETER_VALUE
   * for an id the server cannot even parse (a lookup by id then has no row, as a search would).
   */
  public boolean isNotFound() {
    return "RESOURCE_DOES_NOT_EXIST".equals(errorCode) || "INVALID_PARAMETER_VALUE".equals(errorCode);
  }

  /** True for 404 / ENDPOINT_NOT_FOUND: the server lacks the endpoint (e.g. an older MLflow). */
  public boolean isEndpointMissing() {
    return httpStatus == 404 && (errorCode == null || "ENDPOINT_NOT_FOUND".equals(errorCode));
  }
}
