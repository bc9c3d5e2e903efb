package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.and;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.gt;
import static org.mlflowtables.core.predicate.Predicates.ilike;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.isNotNull;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.le;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.Predicates.not;
import static org.mlflowtables.core.predicate.Predicates.or;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;

class RunsTranslatorTest {
  private static final TableTranslator<String> RUNS = Translators.runs(Tables.RUNS, PushdownOptions.PORTABLE);
  private static final TableTranslator<String> RUNS_BINARY =
      Translators.runs(Tables.RUNS, PushdownOptions.BINARY_STRING_ORDERING);

  static Stream<TranslationAssert> cases() {
    return Stream.of(
        exact("string attribute equality is exact", eq(col("run_name"), "best"),
            "attributes.run_name = 'best'"),
        exact("string attribute inequality is exact", ne(col("status"), "FAILED"),
            "attributes.status != 'FAILED'"),
        exact("a value with an apostrophe goes in double quotes", eq(col("user_id"), "o'neil"),
            "attributes.user_id = \"o'neil\""),
        kept("a value with both quote kinds stays", eq(col("user_id"), "o'neil \"x\"")),
        prune("LIKE prunes with _ widened to %", like(col("run_name"), "exp_1%"),
            "attributes.run_name LIKE 'exp%1%'"),
        prune("ILIKE prunes", ilike(col("artifact_uri"), "s3://%"),
            "attributes.artifact_uri ILIKE 's3://%'"),
        exact("LIKE without wildcards is an equality", like(col("run_name"), "abc"),
            "attributes.run_name = 'abc'"),
        kept("LIKE with a backslash stays", like(col("run_name"), "a\\b%")),
        exact("start_time comparisons are exact", gt(col("start_time"), 1_700_000_000_000L),
            "attributes.start_time > 1700000000000"),
        exact("an integral double is sent as an integer", le(col("end_time"), 1.7e12),
            "attributes.end_time <= 1700000000000"),
        kept("a fractional timestamp stays", lt(col("start_time"), 1.5)),
        exact("metric below is exact", lt(entry("metrics", "rmse"), 0.5),
            "metrics.`rmse` < 0.5"),
        exact("metric equality is exact", eq(entry("metrics", "rmse"), 1L), "metrics.`rmse` = 1"),
        exact("metric inequality is exact", ne(entry("metrics", "rmse"), 0.0),
            "metrics.`rmse` != 0.0"),
        prune("metric above prunes as != (NaN is above everything in Spark)",
            gt(entry("metrics", "acc"), 0.9), "metrics.`acc` != 0.9"),
        prune("metric at-least prunes as != lowest stored value",
            ge(entry("metrics", "acc"), 0.9), "metrics.`acc` != -1.7976931348623157E308"),
        kept("metric at-least the lowest value stays", ge(entry("metrics", "acc"),
            -Double.MAX_VALUE)),
        kept("a NaN literal stays", eq(entry("metrics", "acc"), Double.NaN)),
        kept("an infinite literal stays", lt(entry("metrics", "acc"), Double.POSITIVE_INFINITY)),
        exact("param equality is exact", eq(entry("params", "lr"), "0.1"), "params.`lr` = '0.1'"),
        exact("keys with dots and spaces are backtick-quoted",
            eq(entry("tags", "mlflow.source name"), "x"), "tags.`mlflow.source name` = 'x'"),
        prune("param IN prunes as IS NOT NULL", in(entry("params", "opt"), "adam", "sgd"),
            "params.`opt` IS NOT NULL"),
        prune("an unsendable param value prunes as IS NOT NULL",
            eq(entry("params", "k"), "ends\\"), "params.`k` IS NOT NULL"),
        kept("a key with a backtick is never sent", eq(entry("params", "it`s"), "x")),
        prune("a string comparison of a param prunes as IS NOT NULL",
            lt(entry("params", "k"), "v"), "params.`k` IS NOT NULL"),
        kept("a string comparison of an attribute stays", lt(col("run_name"), "v")),
        exact("tag IS NULL is exact", isNull(entry("tags", "x")), "tags.`x` IS NULL"),
        exact("param IS NOT NULL is exact", isNotNull(entry("params", "x")),
            "params.`x` IS NOT NULL"),
        kept("metric IS NOT NULL stays", isNotNull(entry("metrics", "x"))),
        exact("run_id IN is exact", in(col("run_id"), "a1", "b2"),
            "attributes.run_id IN ('a1', 'b2')"),
        exact("IN with one value is an equality", in(col("run_id"), "a1", null),
            "attributes.run_id = 'a1'"),
        kept("IN on other attributes stays", in(col("status"), "FAILED", "KILLED")),
        exact("NOT IN becomes a != chain", not(in(col("status"), "FAILED", "KILLED")),
            "attributes.status != 'FAILED' AND attributes.status != 'KILLED'"),
        prune("NOT IN with an unsendable value prunes with the rest",
            not(in(col("status"), "FAILED", "x\\")), "attributes.status != 'FAILED'"),
        kept("OR stays", or(eq(col("status"), "A"), eq(col("status"), "B"))),
        kept("NOT LIKE stays", not(like(col("run_name"), "a%"))),
        kept("column comparisons stay",
            Predicates.compareColumns(col("start_time"), CompareOp.LT, col("end_time"))),
        kept("lifecycle_stage is not searchable", eq(col("lifecycle_stage"), "active")),
        kept("experiment_id != is not searchable", ne(col("experiment_id"), "1")),
        of("NOT (a < b) is pushed as a >= b", List.of(not(lt(col("start_time"), 5L))),
            "attributes.start_time >= 5", List.of(ge(col("start_time"), 5L)), List.of()),
        of("nested ANDs are split", List.of(and(eq(col("status"), "FINISHED"),
                and(lt(entry("metrics", "rmse"), 1L), like(col("run_name"), "a%")))),
            "attributes.status = 'FINISHED' AND metrics.`rmse` < 1 AND attributes.run_name LIKE 'a%'",
            List.of(eq(col("status"), "FINISHED"), lt(entry("metrics", "rmse"), 1L),
                like(col("run_name"), "a%")),
            List.of(like(col("run_name"), "a%"))),
        of("NOT (a OR b) is split into two pushed conjuncts",
            List.of(not(or(eq(col("status"), "A"), eq(col("user_id"), "u")))),
            "attributes.status != 'A' AND attributes.user_id != 'u'",
            List.of(ne(col("status"), "A"), ne(col("user_id"), "u")), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesRunsPredicates(TranslationAssert c) {
    c.check(RUNS);
  }

  @Test
  void experimentIdsBecomeTheRequestsExperimentIdsIntersected() {
    Translation t = RUNS.translate(List.of(
        in(col("experiment_id"), "1", "2", "3"), eq(col("experiment_id"), "2")));
    assertEquals(Optional.of(Set.of("2")), t.experimentIds());
    assertNull(t.filter());
    assertTrue(t.complete());
    assertFalse(t.noRows());
  }

  @Test
  void disjointExperimentIdsMeanNoRows() {
    Translation t = RUNS.translate(List.of(
        eq(col("experiment_id"), "1"), eq(col("experiment_id"), "2")));
    assertEquals(Optional.of(Set.of()), t.experimentIds());
    assertTrue(t.noRows());
  }

  @Test
  void noExperimentPredicateMeansAllExperiments() {
    assertEquals(Optional.empty(), RUNS.translate(List.of(eq(col("status"), "A"))).experimentIds());
  }

  @Test
  void aNonCanonicalExperimentIdIsNotSent() {
    // MLflow's SQL stores read ids with int(): '01' would select experiment 1.
    Translation t = RUNS.translate(List.of(eq(col("experiment_id"), "01")));
    assertEquals(Optional.empty(), t.experimentIds());
    assertEquals(List.of(eq(col("experiment_id"), "01")), t.residual());
  }

  static Stream<Arguments> contradictions() {
    return Stream.of(
        Arguments.of(eq(col("run_name"), null)),
        Arguments.of(in(col("run_id"))),
        Arguments.of(in(col("run_id"), (Object) null)),
        Arguments.of(not(in(col("status"), "A", null))),
        Arguments.of(in(col("experiment_id"))));
  }

  @ParameterizedTest(name = "{0} means no rows")
  @MethodSource("contradictions")
  void neverTrueConjunctsMeanNoRows(Predicate p) {
    assertTrue(RUNS.translate(List.of(p)).noRows());
  }

  @Test
  void describeSaysWhatIsSentAndWhatStays() {
    Translation t = RUNS.translate(List.of(eq(col("experiment_id"), "7"), like(col("run_name"), "a%")));
    assertEquals("filter=attributes.run_name LIKE 'a%', experiment_ids=[7],"
        + " pushed=[experiment_id = '7' AND run_name LIKE 'a%'], residual=[run_name LIKE 'a%']",
        t.describe());
  }

  // ------------------------------------------------------------ ORDER BY

  static Stream<Arguments> orders() {
    MapEntryRef rmse = entry("metrics", "rmse");
    return Stream.of(
        Arguments.of("no keys", List.of(), List.of()),
        Arguments.of("start_time DESC", List.of(SortKey.desc(col("start_time"))),
            List.of("attributes.start_time DESC", "attributes.run_id ASC")),
        Arguments.of("start_time ASC (never NULL)", List.of(SortKey.asc(col("start_time"))),
            List.of("attributes.start_time ASC", "attributes.run_id ASC")),
        Arguments.of("metric ASC NULLS LAST",
            List.of(new SortKey(rmse, true, false)),
            List.of("metrics.`rmse` ASC", "attributes.start_time DESC", "attributes.run_id ASC")),
        Arguments.of("end_time DESC NULLS LAST", List.of(SortKey.desc(col("end_time"))),
            List.of("attributes.end_time DESC", "attributes.start_time DESC",
                "attributes.run_id ASC")),
        Arguments.of("a repeated key is sent once",
            List.of(SortKey.desc(col("start_time")), SortKey.asc(col("start_time"))),
            List.of("attributes.start_time DESC", "attributes.run_id ASC")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void pushesExactOrders(String name, List<SortKey> keys, List<String> expected) {
    assertEquals(Optional.of(expected), RUNS.orderBy(keys));
  }

  static Stream<Arguments> unpushableOrders() {
    MapEntryRef rmse = entry("metrics", "rmse");
    return Stream.of(
        Arguments.of("metric ASC NULLS FIRST", List.of(SortKey.asc(rmse))),
        Arguments.of("metric DESC (Spark puts NaN first)", List.of(SortKey.desc(rmse))),
        Arguments.of("end_time ASC NULLS FIRST", List.of(SortKey.asc(col("end_time")))),
        Arguments.of("a string column on a store of unknown collation",
            List.of(new SortKey(col("run_name"), true, false))),
        Arguments.of("experiment_id", List.of(SortKey.asc(col("experiment_id")))),
        Arguments.of("all or nothing",
            List.of(SortKey.desc(col("start_time")), SortKey.desc(rmse))),
        Arguments.of("a whole map", List.of(new SortKey(col("metrics"), true, false))),
        Arguments.of("a metric key with a double quote",
            List.of(new SortKey(entry("metrics", "a\"b"), true, false))));
  }

  @ParameterizedTest(name = "{0} is not pushed")
  @MethodSource("unpushableOrders")
  void refusesOrdersTheServerWouldNotMatch(String name, List<SortKey> keys) {
    assertEquals(Optional.empty(), RUNS.orderBy(keys));
  }

  @Test
  void stringOrdersArePushedWhenTheStoreSortsBytewise() {
    assertEquals(
        Optional.of(List.of("attributes.run_name ASC", "attributes.start_time DESC",
            "attributes.run_id ASC")),
        RUNS_BINARY.orderBy(List.of(new SortKey(col("run_name"), true, false))));
    assertEquals(
        Optional.of(List.of("params.`lr` DESC", "attributes.start_time DESC",
            "attributes.run_id ASC")),
        RUNS_BINARY.orderBy(List.of(SortKey.desc(entry("params", "lr")))));
    assertEquals(Optional.of(List.of("attributes.run_id ASC", "attributes.start_time DESC")),
        RUNS_BINARY.orderBy(List.of(SortKey.asc(col("run_id")))));
  }
}
