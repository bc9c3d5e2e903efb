package org.mlflowtables.core.config;

/** Which experiments and runs a scan sees, as MLflow's {@code ViewType}. */
public enum ViewType {
  ACTIVE_ONLY,
  DELETED_ONLY,
  ALL
}
