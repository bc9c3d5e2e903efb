package org.mlflowtables.spark;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.mlflowtables.spark.read.pushdown.MapEntryPushDownRule;
import org.mlflowtables.spark.read.pushdown.OptionalRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Session extension that hands map-entry predicates ({@code metrics['rmse'] < 0.5}, {@code
 * metrics.rmse < 0.5}, {@code element_at(params, 'lr') = '0.1'}) to MLflow scans, which Spark's own
 * V2 predicate translation cannot do. Enable it with
 *
 * <pre>
 *   spark.sql.extensions=org.mlflowtables.spark.MlflowSparkSessionExtensions
 * </pre>
 *
 * <p>It injects {@link MapEntryPushDownRule} as a pre-CBO optimizer rule, which runs right before
 * Spark's V2 scan push-down. Without the extension every query gives the same rows; map-entry
 * predicates are then only evaluated by Spark after the scan. So the extension never breaks a
 * query: on a Spark this jar is not built for it injects nothing, and the rule steps aside when it
 * cannot run ({@link OptionalRule}); either way it says so once in the log.
 */
public final class MlflowSparkSessionExtensions
    extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowSparkSessionExtensions.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    String mismatch = SparkLine.mismatch();
    if (mismatch != null) {
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn("The mlflow-tables session extension steps aside (no map-entry push-down): {}",
            mismatch);
      }
      return BoxedUnit.UNIT;
    }
    extensions.injectPreCBORule(new AbstractFunction1<>() {
      @Override
      public Rule<LogicalPlan> apply(org.apache.spark.sql.SparkSession session) {
        return new OptionalRule("map-entry push-down", MapEntryPushDownRule::new);
      }
    });
    return BoxedUnit.UNIT;
  }
}
