package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.InvalidPredicateException;

class PredicateEvaluatorTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private static Function<String, Object> row(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m::get;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ------------------------------------------------------------ NULL and three-valued logic

  static Stream<Arguments> nullComparisons() {
    return Stream.of(
        Arguments.of(eq(col("x"), 1L)),
        Arguments.of(ne(col("x"), 1L)),
        Arguments.of(lt(col("x"), 1L)),
        Arguments.of(ge(col("x"), 1L)),
        Arguments.of(eq(col("s"), "a")),
        Arguments.of(like(col("s"), "%")),
        Arguments.of(eq(col("y"), null)),
        Arguments.of(ne(col("y"), null)),
        Arguments.of(eq(entry("m", "missing"), 1.0)),
        Arguments.of(ne(entry("m", "missing"), 1.0)));
  }

  @ParameterizedTest(name = "{0} is unknown when a side is NULL")
  @MethodSource("nullComparisons")
  void comparisonWithNullIsUnknown(Predicate p) {
    assertNull(PredicateEvaluator.evaluate(p, row("x", null, "s", null, "y", 5L, "m", map())));
    assertFalse(PredicateEvaluator.test(p, row("x", null, "s", null, "y", 5L, "m", map())));
  }

  @Test
  void notOfUnknownIsUnknown() {
    assertNull(PredicateEvaluator.evaluate(not(eq(col("x"), 1L)), row("x", null)));
  }

  @Test
  void andIsFalseIfAnyChildIsFalseEvenWithUnknown() {
    assertEquals(Boolean.FALSE,
        PredicateEvaluator.evaluate(and(eq(col("x"), 1L), eq(col("y"), 2L)), row("x", null, "y", 3L)));
  }

  @Test
  void andIsUnknownIfNoChildIsFalseAndOneIsUnknown() {
    assertNull(PredicateEvaluator.evaluate(and(eq(col("x"), 1L), eq(col("y"), 2L)),
        row("x", null, "y", 2L)));
  }

  @Test
  void orIsTrueIfAnyChildIsTrueEvenWithUnknown() {
    assertEquals(Boolean.TRUE,
        PredicateEvaluator.evaluate(or(eq(col("x"), 1L), eq(col("y"), 2L)), row("x", null, "y", 2L)));
  }

  @Test
  void orIsUnknownIfNoChildIsTrueAndOneIsUnknown() {
    assertNull(PredicateEvaluator.evaluate(or(eq(col("x"), 1L), eq(col("y"), 2L)),
        row("x", null, "y", 3L)));
  }

  @Test
  void isNullAndIsNotNullAreNeverUnknown() {
    assertEquals(Boolean.TRUE, PredicateEvaluator.evaluate(isNull(col("x")), row("x", null)));
    assertEquals(Boolean.FALSE, PredicateEvaluator.evaluate(isNotNull(col("x")), row("x", null)));
    assertEquals(Boolean.TRUE, PredicateEvaluator.evaluate(isNull(entry("m", "k")), row("m", map())));
    assertEquals(Boolean.TRUE,
        PredicateEvaluator.evaluate(isNotNull(entry("m", "k")), row("m", map("k", "v"))));
  }

  @Test
  void aMapEntryOfANullMapIsNull() {
    assertEquals(Boolean.TRUE, PredicateEvaluator.evaluate(isNull(entry("m", "k")), row("m", null)));
  }

  // ------------------------------------------------------------ IN

  static Stream<Arguments> inCases() {
    return Stream.of(
        Arguments.of("a", Arrays.asList("a", "b"), Boolean.TRUE),
        Arguments.of("c", Arrays.asList("a", "b"), Boolean.FALSE),
        Arguments.of("a", Arrays.asList("a", null), Boolean.TRUE),
        Arguments.of("c", Arrays.asList("a", null), null),
        Arguments.of(null, Arrays.asList("a", "b"), null),
        Arguments.of(null, List.of(), Boolean.FALSE),
        Arguments.of("a", List.of(), Boolean.FALSE));
  }

  @ParameterizedTest(name = "{0} IN {1} is {2}")
  @MethodSource("inCases")
  void inFollowsSqlNullRules(String value, List<String> list, Boolean expected) {
    In p = in(col("s"), list.toArray());
    assertEquals(expected, PredicateEvaluator.evaluate(p, row("s", value)));
  }

  @Test
  void notInWithANullElementIsNeverTrue() {
    Predicate p = not(in(col("s"), "a", null));
    assertEquals(Boolean.FALSE, PredicateEvaluator.evaluate(p, row("s", "a")));
    assertNull(PredicateEvaluator.evaluate(p, row("s", "b")));
  }

  @Test
  void inComparesLongAndDoubleNumerically() {
    assertTrue(PredicateEvaluator.test(in(col("x"), 1.0, 2.0), row("x", 2L)));
  }

  // ------------------------------------------------------------ NaN, infinities, -0.0

  static Stream<Arguments> doubleCases() {
    return Stream.of(
        Arguments.of(NAN, CompareOp.EQ, NAN, true),
        Arguments.of(NAN, CompareOp.NE, NAN, false),
        Arguments.of(NAN, CompareOp.GT, INF, true),
        Arguments.of(NAN, CompareOp.GT, 1.0, true),
        Arguments.of(NAN, CompareOp.GE, NAN, true),
        Arguments.of(NAN, CompareOp.LT, 1.0, false),
        Arguments.of(1.0, CompareOp.LT, NAN, true),
        Arguments.of(INF, CompareOp.LT, NAN, true),
        Arguments.of(NAN, CompareOp.EQ, 1.0, false),
        Arguments.of(NAN, CompareOp.NE, 1.0, true),
        Arguments.of(-0.0, CompareOp.EQ, 0.0, true),
        Arguments.of(-0.0, CompareOp.LT, 0.0, false),
        Arguments.of(INF, CompareOp.GT, Double.MAX_VALUE, true),
        Arguments.of(Double.NEGATIVE_INFINITY, CompareOp.LT, -Double.MAX_VALUE, true));
  }

  @ParameterizedTest(name = "{0} {1} {2} is {3} (Spark)")
  @MethodSource("doubleCases")
  void doublesFollowSparkNanSemantics(double a, CompareOp op, double b, boolean expected) {
    Predicate p = Predicates.cmp(col("x"), op, b);
    assertEquals(expected, PredicateEvaluator.evaluate(p, row("x", a)));
  }

  @Test
  void aLongComparesWithADoubleAsDouble() {
    assertTrue(PredicateEvaluator.test(gt(col("x"), 1.5), row("x", 2L)));
    assertTrue(PredicateEvaluator.test(eq(col("x"), 2L), row("x", 2.0)));
  }

  @Test
  void timestampsCompareAsEpochMillis() {
    assertTrue(PredicateEvaluator.test(ge(col("t"), 1_700_000_000_000L), row("t", 1_700_000_000_001L)));
  }

  // ------------------------------------------------------------ strings

  @Test
  void stringsCompareByCodePointNotUtf16Unit() {
    // U+1F600 (a surrogate pair starting with 0xD83D) is above U+FF01 in code point order.
    assertTrue(PredicateEvaluator.test(gt(col("s"), "\uFF01"), row("s", "\uD83D\uDE00")));
    assertTrue(ReferenceRows.compareValues("\uD83D\uDE00", "\uFF01") > 0);
  }

  @Test
  void stringEqualityIsCaseSensitive() {
    assertFalse(PredicateEvaluator.test(eq(col("s"), "abc"), row("s", "ABC")));
  }

  @Test
  void comparingAStringWithANumberIsAnError() {
    InvalidPredicateException e = assertThrows(InvalidPredicateException.class,
        () -> PredicateEvaluator.evaluate(eq(col("s"), 1L), row("s", "1")));
    assertTrue(e.getMessage().contains("s"), e.getMessage());
  }

  @Test
  void aMapEntryOfANonMapColumnIsAnError() {
    assertThrows(InvalidPredicateException.class,
        () -> PredicateEvaluator.evaluate(eq(entry("s", "k"), "v"), row("s", "text")));
  }

  // ------------------------------------------------------------ LIKE

  static Stream<Arguments> likeCases() {
    return Stream.of(
        Arguments.of("abc", "a%", null, false, true),
        Arguments.of("abc", "A%", null, false, false),
        Arguments.of("abc", "A%", null, true, true),
        Arguments.of("abc", "_bc", null, false, true),
        Arguments.of("abc", "_c", null, false, false),
        Arguments.of("abc", "abc", null, false, true),
        Arguments.of("abcd", "abc", null, false, false),
        Arguments.of("", "%", null, false, true),
        Arguments.of("", "_", null, false, false),
        Arguments.of("a\nb", "a%b", null, false, true),
        Arguments.of("a\nb", "a_b", null, false, true),
        Arguments.of("line1\n", "line1", null, false, false),
        Arguments.of("a.c", "a.c", null, false, true),
        Arguments.of("abc", "a.c", null, false, false),
        Arguments.of("a+*?(c", "a+*?(c", null, false, true),
        Arguments.of("a\\b", "a\\b", null, false, true),
        Arguments.of("\\Qx\\E", "\\Qx\\E", null, false, true),
        Arguments.of("50%", "50\\%", '\\', false, true),
        Arguments.of("500", "50\\%", '\\', false, false),
        Arguments.of("a_b", "a\\_b", '\\', false, true),
        Arguments.of("axb", "a\\_b", '\\', false, false),
        Arguments.of("a\\b", "a\\\\b", '\\', false, true),
        Arguments.of("a%b", "a!%b", '!', false, true),
        Arguments.of("\uD83D\uDE00", "_", null, false, true),
        Arguments.of("\u00C9t\u00E9", "\u00E9t\u00C9", null, true, true),
        Arguments.of("\u212A", "k", null, true, true),
        Arguments.of("\u0130", "i_", null, true, true),
        Arguments.of("\u0130", "i", null, true, false));
  }

  @ParameterizedTest(name = "''{0}'' LIKE ''{1}'' escape {2} ci {3} is {4}")
  @MethodSource("likeCases")
  void likeFollowsSql(String value, String pattern, Character escape, boolean ci, boolean expected) {
    Like p = new Like(col("s"), pattern, ci, escape);
    assertEquals(expected, PredicateEvaluator.evaluate(p, row("s", value)));
  }

  @Test
  void likeOnNullIsUnknown() {
    assertNull(PredicateEvaluator.evaluate(ilike(col("s"), "%"), row("s", null)));
  }

  @Test
  void escapeBeforeAnOrdinaryCharacterIsAnError() {
    assertThrows(InvalidPredicateException.class,
        () -> PredicateEvaluator.like("ab", "\\ab", '\\', false));
  }

  @Test
  void patternEndingWithTheEscapeIsAnError() {
    assertThrows(InvalidPredicateException.class,
        () -> PredicateEvaluator.like("ab", "ab\\", '\\', false));
  }

  @Test
  void startsWithEndsWithAndContainsMatchLiterally() {
    assertTrue(PredicateEvaluator.test(Like.startsWith(col("s"), "50%_"), row("s", "50%_x")));
    assertFalse(PredicateEvaluator.test(Like.startsWith(col("s"), "50%_"), row("s", "5000")));
    assertTrue(PredicateEvaluator.test(Like.endsWith(col("s"), "\\"), row("s", "a\\")));
    assertTrue(PredicateEvaluator.test(Like.contains(col("s"), "_"), row("s", "a_b")));
    assertFalse(PredicateEvaluator.test(Like.contains(col("s"), "_"), row("s", "ab")));
  }

  // ------------------------------------------------------------ rows of a table

  @Test
  void rowOfReadsAnArrayByColumnName() {
    Object[] values = new Object[Tables.PARAMS.columns().size()];
    values[Tables.PARAMS.index("key")] = "lr";
    values[Tables.PARAMS.index("value")] = "0.1";
    assertTrue(PredicateEvaluator.test(and(eq(col("key"), "lr"), eq(col("value"), "0.1")),
        PredicateEvaluator.rowOf(Tables.PARAMS, values)));
  }

  // ------------------------------------------------------------ ordering

  @Test
  void orderingPlacesNullsAsAskedAndNanAboveInfinity() {
    List<Function<String, ?>> rows = new ArrayList<>();
    for (Object v : new Object[] {1.0, null, NAN, INF, -1.0}) {
      rows.add(row("x", v));
    }
    rows.sort(ReferenceRows.ordering(List.of(SortKey.asc(col("x")))));
    assertEquals(Arrays.asList(null, -1.0, 1.0, INF, NAN), rows.stream().map(r -> r.apply("x")).toList());
    rows.sort(ReferenceRows.ordering(List.of(SortKey.desc(col("x")))));
    assertEquals(Arrays.asList(NAN, INF, 1.0, -1.0, null), rows.stream().map(r -> r.apply("x")).toList());
  }

  @Test
  void orderingUsesLaterKeysOnTies() {
    List<Function<String, ?>> rows = new ArrayList<>(List.of(
        row("a", 1L, "b", "y"), row("a", 1L, "b", "x"), row("a", 0L, "b", "z")));
    rows.sort(ReferenceRows.ordering(List.of(SortKey.asc(col("a")), SortKey.asc(col("b")))));
    assertEquals(List.of("z", "x", "y"), rows.stream().map(r -> r.apply("b")).toList());
  }

  @Test
  void leOnEqualValuesIsTrue() {
    assertTrue(PredicateEvaluator.test(le(col("x"), 2L), row("x", 2L)));
    assertFalse(PredicateEvaluator.test(lt(col("x"), 2L), row("x", 2L)));
  }
}
