package org.mlflowtables.spark.read.pushdown;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.junit.jupiter.api.Test;

/** An optional rule never fails a query: the plan goes on as it was. */
class OptionalRuleTest {
  private static final LogicalPlan PLAN = new OneRowRelation();

  @Test
  void theRulesPlanIsThePlan() {
    LogicalPlan rewritten = new OneRowRelation();
    assertSame(rewritten, optional(plan -> rewritten).apply(PLAN));
  }

  @Test
  void aClassOfAnotherSparkLineLeavesThePlanAsItWas() {
    assertSame(PLAN, optional(plan -> {
      throw new NoClassDefFoundError("scala/jdk/javaapi/CollectionConverters");
    }).apply(PLAN));
  }

  @Test
  void aRuleThatCannotBeMadeLeavesThePlanAsItWas() {
    OptionalRule rule = new OptionalRule("test rule", () -> {
      throw new NoSuchMethodError("org.apache.spark.sql.connector.write.DataWriter.writeAll");
    });
    assertSame(PLAN, rule.apply(PLAN));
  }

  @Test
  void aFailingRuleLeavesThePlanAsItWas() {
    assertSame(PLAN, optional(plan -> {
      throw new IllegalStateException("a bug");
    }).apply(PLAN));
  }

  @Test
  void otherErrorsAreNotSwallowed() {
    OptionalRule rule = optional(plan -> {
      throw new AssertionError("not a linkage problem");
    });
    assertThrows(AssertionError.class, () -> rule.apply(PLAN));
  }

  private static OptionalRule optional(Function<LogicalPlan, LogicalPlan> body) {
    return new OptionalRule("test rule", () -> new Rule<LogicalPlan>() {
      @Override
      public LogicalPlan apply(LogicalPlan plan) {
        return body.apply(plan);
      }
    });
  }
}
