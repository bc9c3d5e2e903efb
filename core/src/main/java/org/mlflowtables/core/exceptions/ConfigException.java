package org.mlflowtables.core.exceptions;

/** A setting is missing, unknown or has an invalid value; the message names the setting. */
public class ConfigException extends MlflowTablesException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
