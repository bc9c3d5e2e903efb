package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.like;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.Predicate;

/** {@link ScanPlan#isExact}: what engines may drop because MLflow evaluates it exactly. */
class ScanPlanExactnessTest {
  private static final MlflowConfig CONFIG =
      MlflowConfig.from(Map.of("uri", "http://localhost:5000"), Map.of());

  private static ScanPlan plan(Predicate... conjuncts) {
    return ScanPlanner.plan(CONFIG, new ScanRequest("runs", List.of(conjuncts), List.of(), null));
  }

  @Test
  void anEqualityMlflowEvaluatesIsExact() {
    Predicate status = eq(col("status"), "FINISHED");
    assertTrue(plan(status).isExact(status));
  }

  @Test
  void aLikePushedOnlyToPruneIsNotExact() {
    Predicate name = like(col("run_name"), "fx-%");
    ScanPlan plan = plan(name);
    assertTrue(plan.pushedFilters().contains(name), plan.describe());
    assertFalse(plan.isExact(name));
  }

  @Test
  void aConjunctNotPushedIsNotExact() {
    Predicate stage = eq(col("lifecycle_stage"), "active");
    assertFalse(plan(stage).isExact(stage));
  }

  @Test
  void aConjunctOutsideTheRequestIsNotExact() {
    assertFalse(plan(eq(col("status"), "FINISHED")).isExact(eq(col("status"), "FAILED")));
  }
}
