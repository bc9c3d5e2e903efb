package org.mlflowtables.spark.read.pushdown;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optimizer rule that only adds push-down, and so never fails a query: when the rule it runs
 * cannot (a class missing from this Spark or Scala, a method of another line, a bug), the plan goes
 * on unchanged. The rows stay right; only that push-down is lost. The first time, it says so.
 */
public final class OptionalRule extends Rule<LogicalPlan> {
  private static final Logger LOG = LoggerFactory.getLogger(OptionalRule.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final String what;
  private final Supplier<Rule<LogicalPlan>> rule;

  /**
   * Runs the rule {@code rule} makes, as {@code what} in the log. The rule is made inside the
   * guard, for each plan: making it is where a class of another Spark line first fails to link.
   */
  public OptionalRule(String what, Supplier<Rule<LogicalPlan>> rule) {
    this.what = what;
    this.rule = rule;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    try {
      return rule.get().apply(plan);
    } catch (LinkageError | RuntimeException e) {
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn("The mlflow-tables {} steps aside: it cannot run on this Spark ({}). Queries give"
            + " the same rows without it; only that push-down is lost.", what, e, e);
      } else {
        LOG.debug("The mlflow-tables {} steps aside: {}", what, e.toString());
      }
      return plan;
    }
  }
}
