package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mlflowtables.core.predicate.Predicates.and;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.gt;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.isNotNull;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.Predicates.not;
import static org.mlflowtables.core.predicate.Predicates.or;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.exceptions.InvalidPredicateException;

/** The predicate records: their SQL text, literals, and the normal form used for translation. */
class PredicateModelTest {

  static Stream<Arguments> sqlTexts() {
    return Stream.of(
        Arguments.of(eq(col("run_name"), "it's"), "run_name = 'it''s'"),
        Arguments.of(gt(entry("metrics", "rmse"), 0.5), "metrics['rmse'] > 0.5"),
        Arguments.of(ne(col("version"), 3), "version <> 3"),
        Arguments.of(in(col("status"), "A", null), "status IN ('A', NULL)"),
        Arguments.of(like(col("name"), "a%"), "name LIKE 'a%'"),
        Arguments.of(new Like(col("name"), "a\\%", true, '\\'), "name ILIKE 'a\\%' ESCAPE '\\'"),
        Arguments.of(and(isNull(col("a")), or(isNotNull(col("b")), not(eq(col("c"), 1L)))),
            "(a IS NULL AND (b IS NOT NULL OR NOT (c = 1)))"),
        Arguments.of(eq(col("x"), Double.NaN), "x = CAST('NaN' AS DOUBLE)"),
        Arguments.of(eq(col("weird col"), true), "`weird col` = TRUE"),
        Arguments.of(Predicates.compareColumns(col("start_time"), CompareOp.LT, col("end_time")),
            "start_time < end_time"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("sqlTexts")
  void sqlTextIsReadable(Predicate p, String sql) {
    assertEquals(sql, p.sql());
    assertEquals(sql, p.toString());
  }

  @Test
  void literalsWidenIntegersAndFloats() {
    assertEquals(3L, Literal.of(3).value());
    assertEquals(1.5, Literal.of(1.5f).value());
  }

  @Test
  void literalsRejectOtherTypes() {
    assertThrows(InvalidPredicateException.class, () -> Literal.of(new java.util.Date()));
  }

  @Test
  void sortKeyDefaultsAreSparks() {
    assertEquals("x ASC NULLS FIRST", SortKey.asc(col("x")).sql());
    assertEquals("x DESC NULLS LAST", SortKey.desc(col("x")).sql());
  }

  static Stream<Arguments> normalForms() {
    Predicate a = eq(col("a"), 1L);
    Predicate b = eq(col("b"), 2L);
    Predicate c = eq(col("c"), 3L);
    return Stream.of(
        Arguments.of(List.of(and(a, and(b, c))), List.of(a, b, c)),
        Arguments.of(List.of(not(lt(col("x"), 5L))), List.of(ge(col("x"), 5L))),
        Arguments.of(List.of(not(not(a))), List.of(a)),
        Arguments.of(List.of(not(or(a, b))), List.of(ne(col("a"), 1L), ne(col("b"), 2L))),
        Arguments.of(List.of(not(and(a, b))), List.of(or(ne(col("a"), 1L), ne(col("b"), 2L)))),
        Arguments.of(List.of(not(isNull(col("x")))), List.of(isNotNull(col("x")))),
        Arguments.of(List.of(not(in(col("x"), 1L, 2L))), List.of(not(in(col("x"), 1L, 2L)))),
        Arguments.of(List.of(not(like(col("x"), "a%"))), List.of(not(like(col("x"), "a%")))),
        Arguments.of(List.of(a, a), List.of(a)),
        Arguments.of(List.of(or(a)), List.of(a)));
  }

  @ParameterizedTest(name = "{0} normalizes to {1}")
  @MethodSource("normalForms")
  void conjunctsAreSplitAndNegationsPushedIn(List<Predicate> in, List<Predicate> expected) {
    assertEquals(expected, Conjuncts.normalize(in));
  }
}
