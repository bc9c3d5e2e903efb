package org.mlflowtables.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.mlflowtables.spark.read.pushdown.MapEntryPushDownRule;
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
 * predicates are then only evaluated by Spark after the scan.
 */
public final class MlflowSparkSessionExtensions
    extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectPreCBORule(new AbstractFunction1<>() {
      @Override
      public MapEntryPushDownRule apply(org.apache.spark.sql.SparkSession session) {
        return new MapEntryPushDownRule();
      }
    });
    return BoxedUnit.UNIT;
  }
}
