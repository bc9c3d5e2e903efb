package org.mlflowtables.jdbc.schema;

import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;

/** The one place the driver asks core what MLflow can evaluate. */
public final class CorePlanner {
  private CorePlanner() {}

  public static ScanPlan plan(MlflowConfig config, ScanRequest request) {
    return ScanPlanner.plan(config, request);
  }
}
