package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.gt;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.TranslationAssert.kept;
import static org.mlflowtables.core.predicate.TranslationAssert.of;
import static org.mlflowtables.core.predicate.TranslationAssert.prune;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;

/** latest_metrics, params, tags, metrics and run_inputs: rows of runs, searched as runs. */
class LongTablesTranslatorTest {
  private static final Predicate KEY_RMSE = eq(col("key"), "rmse");

  private static TableTranslator<?> t(TableDef table) {
    return Translators.forTable(table);
  }

  static Stream<TranslationAssert> latestMetrics() {
    return Stream.of(
        of("key and value become one metric comparison",
            List.of(KEY_RMSE, lt(col("value"), 0.5)), "metrics.`rmse` < 0.5",
            List.of(KEY_RMSE, lt(col("value"), 0.5)), List.of(KEY_RMSE)),
        of("value above prunes as for runs",
            List.of(KEY_RMSE, gt(col("value"), 0.5)), "metrics.`rmse` != 0.5",
            List.of(KEY_RMSE, gt(col("value"), 0.5)), List.of(KEY_RMSE, gt(col("value"), 0.5))),
        kept("value without a key stays", lt(col("value"), 0.5)),
        of("value with several keys stays",
            List.of(in(col("key"), "a", "b"), lt(col("value"), 0.5)), null,
            List.of(in(col("key"), "a", "b")), List.of(in(col("key"), "a", "b"), lt(col("value"), 0.5))),
        of("run_id is the run's", List.of(eq(col("run_id"), "r1")), "attributes.run_id = 'r1'",
            List.of(eq(col("run_id"), "r1")), List.of()),
        kept("step is not searchable", eq(col("step"), 3L)),
        of("the key sets of several conjuncts are intersected",
            List.of(in(col("key"), "rmse", "mae"), KEY_RMSE, lt(col("value"), 1L)),
            "metrics.`rmse` < 1", List.of(in(col("key"), "rmse", "mae"), KEY_RMSE,
                lt(col("value"), 1L)), List.of(in(col("key"), "rmse", "mae"), KEY_RMSE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("latestMetrics")
  void translatesLatestMetrics(TranslationAssert c) {
    c.check(t(Tables.LATEST_METRICS));
  }

  static Stream<TranslationAssert> paramsAndTags() {
    Predicate keyLr = eq(col("key"), "lr");
    return Stream.of(
        of("a key alone prunes to runs having it", List.of(keyLr), "params.`lr` IS NOT NULL",
            List.of(keyLr), List.of(keyLr)),
        of("key and value become one param comparison",
            List.of(keyLr, eq(col("value"), "0.1")), "params.`lr` = '0.1'",
            List.of(keyLr, eq(col("value"), "0.1")), List.of(keyLr)),
        of("a LIKE on the value prunes",
            List.of(keyLr, like(col("value"), "0.0%")), "params.`lr` LIKE '0.0%'",
            List.of(keyLr, like(col("value"), "0.0%")), List.of(keyLr, like(col("value"), "0.0%"))),
        of("an IN on the value prunes as IS NOT NULL",
            List.of(keyLr, in(col("value"), "a", "b")), "params.`lr` IS NOT NULL",
            List.of(keyLr, in(col("value"), "a", "b")), List.of(keyLr, in(col("value"), "a", "b"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paramsAndTags")
  void translatesParams(TranslationAssert c) {
    c.check(t(Tables.PARAMS));
  }

  @Test
  void tagsUseTheTagsEntity() {
    Translation tr = t(Tables.TAGS).translate(List.of(eq(col("key"), "mlflow.user"),
        ne(col("value"), "bob")));
    assertEquals("tags.`mlflow.user` != 'bob'", tr.filter());
  }

  @Test
  void keysAreReportedForTheReader() {
    Translation tr = t(Tables.METRICS).translate(List.of(
        in(col("key"), "loss", "acc"), eq(col("run_id"), "r1"), gt(col("value"), 1L)));
    assertEquals(Optional.of(Set.of("acc", "loss")), tr.keys());
    assertEquals("attributes.run_id = 'r1'", tr.filter());
    assertEquals(List.of(in(col("key"), "loss", "acc"), gt(col("value"), 1L)), tr.residual());
  }

  @Test
  void twoDifferentKeysMeanNoRows() {
    assertTrue(t(Tables.LATEST_METRICS).translate(List.of(eq(col("key"), "a"), eq(col("key"), "b")))
        .noRows());
  }

  @Test
  void longTablesPushNoOrder() {
    assertEquals(Optional.empty(),
        t(Tables.LATEST_METRICS).orderBy(List.of(SortKey.desc(col("run_id")))));
    assertEquals(Optional.of(List.of()), t(Tables.PARAMS).orderBy(List.of()));
  }

  static Stream<TranslationAssert> runInputs() {
    Predicate context = eq(entry("tags", "mlflow.data.context"), "train");
    return Stream.of(
        prune("dataset name prunes runs by their datasets", eq(col("dataset_name"), "iris"),
            "datasets.name = 'iris'"),
        prune("dataset digest IN prunes", in(col("dataset_digest"), "d1", "d2"),
            "datasets.digest IN ('d1', 'd2')"),
        prune("the context tag prunes as datasets.context", context, "datasets.context = 'train'"),
        kept("other input tags stay", eq(entry("tags", "other"), "x")),
        kept("kind stays", eq(col("kind"), "model")),
        prune("a dataset LIKE prunes", like(col("dataset_name"), "ir_s"),
            "datasets.name LIKE 'ir%s'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runInputs")
  void translatesRunInputs(TranslationAssert c) {
    c.check(t(Tables.RUN_INPUTS));
  }
}
