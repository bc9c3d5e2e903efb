package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.gt;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.TranslationAssert.exact;
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
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.model.LoggedModelOrderBy;

class LoggedModelsTranslatorTest {
  private static final TableTranslator<LoggedModelOrderBy> MODELS =
      Translators.loggedModels(Tables.LOGGED_MODELS, PushdownOptions.PORTABLE);
  private static final TableTranslator<LoggedModelOrderBy> POINTS =
      Translators.loggedModels(Tables.LOGGED_MODEL_METRICS, PushdownOptions.PORTABLE);

  static Stream<TranslationAssert> models() {
    return Stream.of(
        exact("name equality is exact", eq(col("name"), "clf"), "name = 'clf'"),
        kept("apostrophes cannot be quoted for this endpoint", eq(col("name"), "it's")),
        exact("param IN is exact", in(entry("params", "lr"), "0.1", "0.2"),
            "params.`lr` IN ('0.1', '0.2')"),
        prune("tag LIKE prunes", like(entry("tags", "k"), "v%"), "tags.`k` LIKE 'v%'"),
        exact("creation_time is creation_timestamp", gt(col("creation_time"), 1000L),
            "creation_timestamp > 1000"),
        prune("a metric below prunes (any point may match)", lt(entry("metrics", "loss"), 0.1),
            "metrics.`loss` < 0.1"),
        prune("a metric above prunes as !=", gt(entry("metrics", "acc"), 0.9),
            "metrics.`acc` != 0.9"),
        kept("status is an integer on the server", eq(col("status"), "READY")),
        kept("a key with a newline is never sent", eq(entry("params", "a\nb"), "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void translatesLoggedModels(TranslationAssert c) {
    c.check(MODELS);
  }

  @Test
  void experimentIdsAreTheRequestsExperimentIds() {
    Translation t = MODELS.translate(List.of(in(col("experiment_id"), "1", "2"), eq(col("name"), "m")));
    assertEquals(Optional.of(Set.of("1", "2")), t.experimentIds());
    assertEquals("name = 'm'", t.filter());
  }

  static Stream<TranslationAssert> points() {
    Predicate key = eq(col("key"), "acc");
    return Stream.of(
        of("key and value prune the models", List.of(key, ge(col("value"), 0.5)),
            "metrics.`acc` != -1.7976931348623157E308", List.of(key, ge(col("value"), 0.5)),
            List.of(key, ge(col("value"), 0.5))),
        exact("model_id is exact", eq(col("model_id"), "m-1"), "model_id = 'm-1'"),
        kept("run_id of a point stays", eq(col("run_id"), "r")),
        kept("dataset_name stays", eq(col("dataset_name"), "iris")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void translatesLoggedModelMetrics(TranslationAssert c) {
    c.check(POINTS);
  }

  @Test
  void ordersAreObjectsWithTheTieBreakExplicit() {
    assertEquals(Optional.of(List.of(
            new LoggedModelOrderBy("last_updated_timestamp", false, null, null),
            new LoggedModelOrderBy("creation_timestamp", false, null, null),
            new LoggedModelOrderBy("model_id", true, null, null))),
        MODELS.orderBy(List.of(SortKey.desc(col("last_updated_time")))));
    assertEquals(Optional.of(List.of(
            new LoggedModelOrderBy("creation_timestamp", true, null, null),
            new LoggedModelOrderBy("model_id", true, null, null))),
        MODELS.orderBy(List.of(SortKey.asc(col("creation_time")))));
  }

  @Test
  void neverOrdersOnMetricsOrStatus() {
    assertEquals(Optional.empty(),
        MODELS.orderBy(List.of(new SortKey(entry("metrics", "acc"), true, false))));
    assertEquals(Optional.empty(), MODELS.orderBy(List.of(SortKey.asc(col("status")))));
    assertEquals(Optional.empty(), POINTS.orderBy(List.of(SortKey.asc(col("timestamp")))));
  }

  @Test
  void stringsStoredEmptyWhenUnsetAreNeverOrderedOnTheServer() {
    TableTranslator<LoggedModelOrderBy> binary =
        Translators.loggedModels(Tables.LOGGED_MODELS, PushdownOptions.BINARY_STRING_ORDERING);
    // The server sorts '' (unset) among the strings; the table shows NULL, placed by the engine.
    assertEquals(Optional.empty(), binary.orderBy(List.of(SortKey.asc(col("model_type")))));
    assertEquals(Optional.empty(),
        binary.orderBy(List.of(new SortKey(col("model_type"), true, false))));
  }
}
