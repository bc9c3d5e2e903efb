package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mlflowtables.core.predicate.Predicates.and;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.not;
import static org.mlflowtables.core.predicate.Predicates.or;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.scan.ScanPlan.Handling;

/** What the plan says of each conjunct an engine asked for: the engines' one source for it. */
class ScanPlanHandlingTest {
  private static final MlflowConfig CONFIG =
      MlflowConfig.from(Map.of("uri", "http://localhost:5000"), Map.of());

  private static Handling handling(String table, Predicate conjunct, Predicate... others) {
    List<Predicate> filters = new java.util.ArrayList<>(List.of(others));
    filters.add(conjunct);
    return ScanPlanner.plan(CONFIG, new ScanRequest(table, filters, List.of(), null))
        .handling(conjunct);
  }

  @Test
  void aComparisonMlflowEvaluatesExactlyIsExact() {
    assertEquals(Handling.EXACT, handling("runs", eq(col("status"), "FINISHED")));
    assertEquals(Handling.EXACT, handling("runs", eq(entry("params", "lr"), "0.1")));
  }

  @Test
  void aLikeIsPushedToPruneAndAppliedAgain() {
    assertEquals(Handling.PRUNED, handling("runs", like(col("run_name"), "a%")));
  }

  @Test
  void anOrIsKeptByTheEngine() {
    assertEquals(Handling.KEPT,
        handling("runs", or(eq(col("status"), "FINISHED"), eq(col("status"), "FAILED"))));
  }

  @Test
  void aConjunctCoreSplitsIsExactWhenEachPartIs() {
    assertEquals(Handling.EXACT,
        handling("runs", and(eq(col("status"), "FINISHED"), eq(col("user_id"), "u"))));
    assertEquals(Handling.EXACT,
        handling("runs", not(or(eq(col("status"), "FINISHED"), eq(col("user_id"), "u")))));
  }

  @Test
  void aConjunctCoreSplitsIsPrunedWhenOnePartStaysWithTheEngine() {
    assertEquals(Handling.PRUNED,
        handling("runs", and(eq(col("status"), "FINISHED"), eq(col("lifecycle_stage"), "x"))));
  }

  @Test
  void aRunIdLookupIsExactAndTheRestKept() {
    Predicate key = eq(col("key"), "lr");
    ScanPlan plan = ScanPlanner.plan(CONFIG, new ScanRequest("params",
        List.of(eq(col("run_id"), "r1"), key), List.of(), null));
    assertEquals(Handling.EXACT, plan.handling(eq(col("run_id"), "r1")));
    assertEquals(Handling.KEPT, plan.handling(key));
  }
}
