package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.isNotNull;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.Predicates.not;
import static org.mlflowtables.core.predicate.Predicates.or;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.Predicate;

/**
 * run_inputs reads search-runs alone (no get-run per run) exactly when some conjunct rejects every
 * model row: model rows have kind 'model', no dataset column and no tag, and any model_id.
 */
class RunInputsShortcutTest {
  private static final MlflowConfig CONFIG =
      MlflowConfig.from(Map.of("uri", "http://localhost:5000"), Map.of());

  private static boolean getsEachRun(Predicate... filters) {
    String plan = ScanPlanner.plan(CONFIG,
        new ScanRequest("run_inputs", List.of(filters), List.of(), null)).describe();
    return plan.contains("+ get-run per run");
  }

  @Test
  void withoutPredicatesEachRunIsReadInFull() {
    assertTrue(getsEachRun());
  }

  @Test
  void aPredicateOnlyDatasetRowsSatisfyReadsSearchRunsAlone() {
    assertFalse(getsEachRun(eq(col("kind"), "dataset")));
    assertFalse(getsEachRun(ne(col("kind"), "model")));
    assertFalse(getsEachRun(not(eq(col("kind"), "model"))));
    assertFalse(getsEachRun(eq(col("dataset_name"), "fx-train")));
    assertFalse(getsEachRun(isNotNull(col("profile"))));
    assertFalse(getsEachRun(eq(entry("tags", "mlflow.data.context"), "train")));
    assertFalse(getsEachRun(or(isNotNull(col("schema")), eq(col("source_type"), "http"))));
    assertFalse(getsEachRun(eq(col("model_id"), "m"), eq(col("kind"), "dataset")));
  }

  @Test
  void aPredicateSomeModelRowMaySatisfyReadsEachRunInFull() {
    assertTrue(getsEachRun(eq(col("kind"), "model")));
    assertTrue(getsEachRun(isNull(col("dataset_name"))));
    assertTrue(getsEachRun(eq(col("model_id"), "m")));
    assertTrue(getsEachRun(or(eq(col("kind"), "dataset"), eq(col("model_id"), "m"))));
    assertTrue(getsEachRun(isNotNull(col("tags"))));
  }

  @Test
  void namedRunsAreReadByIdEitherWay() {
    String plan = ScanPlanner.plan(CONFIG, new ScanRequest("run_inputs",
        List.of(eq(col("run_id"), "r1"), eq(col("kind"), "dataset")), List.of(), null))
        .describe();
    assertTrue(plan.contains("get-run(run_ids=[r1]"), plan);
    assertFalse(plan.contains("per run"), plan);
  }
}
