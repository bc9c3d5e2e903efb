package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.TranslationAssert.exact;
import static org.mlflowtables.core.predicate.TranslationAssert.kept;
import static org.mlflowtables.core.predicate.TranslationAssert.prune;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;

class RegistryTranslatorTest {
  private static final TableTranslator<String> MODELS =
      Translators.registry(Tables.REGISTERED_MODELS, PushdownOptions.PORTABLE);
  private static final TableTranslator<String> VERSIONS =
      Translators.registry(Tables.MODEL_VERSIONS, PushdownOptions.PORTABLE);

  static Stream<TranslationAssert> registeredModels() {
    return Stream.of(
        exact("name IN is exact", in(col("name"), "a", "b"), "name IN ('a', 'b')"),
        exact("tag inequality is exact", ne(entry("tags", "k"), "v"), "tags.`k` != 'v'"),
        prune("name LIKE prunes", like(col("name"), "fraud%"), "name LIKE 'fraud%'"),
        kept("the prompt tag is never sent", eq(entry("tags", "mlflow.prompt.is_prompt"), "true")),
        kept("user_id is not searchable", eq(col("user_id"), "x")),
        kept("aliases are not searchable", eq(entry("aliases", "champion"), "3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registeredModels")
  void translatesRegisteredModels(TranslationAssert c) {
    c.check(MODELS);
  }

  static Stream<TranslationAssert> modelVersions() {
    return Stream.of(
        exact("version comparisons are exact", ge(col("version"), 3L), "version_number >= 3"),
        exact("source is source_path", eq(col("source"), "s3://b/m"), "source_path = 's3://b/m'"),
        prune("run_id IN prunes: the server keeps '' for no run, the table NULL",
            in(col("run_id"), "r1", "r2"), "run_id IN ('r1', 'r2')"),
        kept("source IN stays", in(col("source"), "a", "b")),
        kept("a fractional version stays", ge(col("version"), 2.5)),
        kept("current_stage is not searchable", eq(col("current_stage"), "Production")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelVersions")
  void translatesModelVersions(TranslationAssert c) {
    c.check(VERSIONS);
  }

  @Test
  void ordersRegisteredModelsByNameOnlyWithBytewiseStrings() {
    assertEquals(Optional.empty(), MODELS.orderBy(List.of(SortKey.asc(col("name")))));
    assertEquals(Optional.of(List.of("name DESC")),
        Translators.registry(Tables.REGISTERED_MODELS, PushdownOptions.BINARY_STRING_ORDERING)
            .orderBy(List.of(SortKey.desc(col("name")))));
    assertEquals(Optional.empty(), MODELS.orderBy(List.of(SortKey.desc(col("creation_time")))));
  }

  @Test
  void ordersVersionsWithTheTieBreakExplicit() {
    assertEquals(Optional.of(List.of("version_number DESC", "name ASC")),
        VERSIONS.orderBy(List.of(SortKey.desc(col("version")))));
    assertEquals(Optional.of(List.of("name ASC", "version_number DESC")),
        Translators.registry(Tables.MODEL_VERSIONS, PushdownOptions.BINARY_STRING_ORDERING)
            .orderBy(List.of(SortKey.asc(col("name")), SortKey.desc(col("version")))));
  }
}
