package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.ilike;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.TranslationAssert.exact;
import static org.mlflowtables.core.predicate.TranslationAssert.kept;
import static org.mlflowtables.core.predicate.TranslationAssert.prune;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;

class ExperimentsTranslatorTest {
  private static final TableTranslator<String> EXPERIMENTS =
      Translators.experiments(Tables.EXPERIMENTS, PushdownOptions.PORTABLE);

  static Stream<TranslationAssert> cases() {
    return Stream.of(
        exact("name equality is exact", eq(col("name"), "Default"), "name = 'Default'"),
        exact("name inequality is exact", ne(col("name"), "x"), "name != 'x'"),
        prune("name ILIKE prunes", ilike(col("name"), "%prod%"), "name ILIKE '%prod%'"),
        exact("creation_time comparisons are exact", ge(col("creation_time"), 1000L),
            "creation_time >= 1000"),
        exact("tag equality is exact", eq(entry("tags", "team"), "ml"), "tags.`team` = 'ml'"),
        exact("tag IS NULL is exact", isNull(entry("tags", "team")), "tags.`team` IS NULL"),
        kept("name IN stays", in(col("name"), "a", "b")),
        kept("artifact_location stays", eq(col("artifact_location"), "x")),
        kept("experiment_id != stays", ne(col("experiment_id"), "1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesExperimentPredicates(TranslationAssert c) {
    c.check(EXPERIMENTS);
  }

  @Test
  void experimentIdsAreReadByIdAndTheRestIsResidual() {
    Translation t = EXPERIMENTS.translate(List.of(in(col("experiment_id"), "1", "2"),
        eq(col("name"), "x")));
    assertEquals(Optional.of(Set.of("1", "2")), t.experimentIds());
    assertNull(t.filter());
    assertEquals(List.of(in(col("experiment_id"), "1", "2")), t.pushed());
    assertEquals(List.of(eq(col("name"), "x")), t.residual());
  }

  @Test
  void disjointIdsMeanNoRows() {
    assertTrue(EXPERIMENTS.translate(List.of(in(col("experiment_id"), "1", "2"),
        eq(col("experiment_id"), "3"))).noRows());
  }

  @Test
  void ordersOnNameOnlyWhenTheStoreSortsBytewise() {
    SortKey name = SortKey.asc(col("name"));
    assertEquals(Optional.empty(), EXPERIMENTS.orderBy(List.of(name)));
    assertEquals(Optional.of(List.of("name ASC", "experiment_id DESC")),
        Translators.experiments(Tables.EXPERIMENTS, PushdownOptions.BINARY_STRING_ORDERING)
            .orderBy(List.of(name)));
  }

  @Test
  void neverOrdersOnIdsOrNullableTimes() {
    assertEquals(Optional.empty(), EXPERIMENTS.orderBy(List.of(SortKey.asc(col("experiment_id")))));
    assertEquals(Optional.empty(),
        EXPERIMENTS.orderBy(List.of(SortKey.desc(col("creation_time")))));
  }
}
