package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mlflowtables.core.predicate.FilterStrings.Grammar.SEARCH_LOGGED_MODELS;
import static org.mlflowtables.core.predicate.FilterStrings.Grammar.SEARCH_RUNS;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterStringsTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("abc", SEARCH_RUNS, "'abc'"),
        Arguments.of("", SEARCH_RUNS, "''"),
        Arguments.of("it's", SEARCH_RUNS, "\"it's\""),
        Arguments.of("it's", SEARCH_LOGGED_MODELS, null),
        Arguments.of("say \"hi\"", SEARCH_RUNS, "'say \"hi\"'"),
        Arguments.of("it's \"x\"", SEARCH_RUNS, null),
        Arguments.of("a\\b", SEARCH_RUNS, "'a\\b'"),
        Arguments.of("ends\\", SEARCH_RUNS, null),
        Arguments.of("' OR '1'='1", SEARCH_RUNS, "\"' OR '1'='1\""),
        Arguments.of("nul\u0000", SEARCH_RUNS, null),
        Arguments.of("half\uD800", SEARCH_RUNS, null),
        Arguments.of("line\nbreak", SEARCH_RUNS, "'line\nbreak'"));
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @MethodSource("values")
  void valuesAreQuotedOnlyWhenTheyRoundTrip(String value, FilterStrings.Grammar g, String quoted) {
    assertEquals(Optional.ofNullable(quoted), FilterStrings.quoteValue(value, g));
  }

  @Test
  void keysAreAlwaysBacktickQuoted() {
    assertEquals(Optional.of("`rmse`"), FilterStrings.quoteKey("rmse", SEARCH_RUNS));
    assertEquals(Optional.of("`in`"), FilterStrings.quoteKey("in", SEARCH_RUNS));
    assertEquals(Optional.of("`a b.c`"), FilterStrings.quoteKey("a b.c", SEARCH_RUNS));
  }

  @Test
  void keysWithABacktickAreNeverSent() {
    assertEquals(Optional.empty(), FilterStrings.quoteKey("a`b", SEARCH_RUNS));
    assertEquals(Optional.empty(), FilterStrings.quoteKey("", SEARCH_RUNS));
  }

  @Test
  void loggedModelKeysWithANewlineAreNeverSent() {
    assertEquals(Optional.empty(), FilterStrings.quoteKey("a\nb", SEARCH_LOGGED_MODELS));
    assertEquals(Optional.of("`a\nb`"), FilterStrings.quoteKey("a\nb", SEARCH_RUNS));
  }

  @Test
  void orderKeysRefuseQuotesAndBackslashes() {
    assertEquals(Optional.of("`a'b`"), FilterStrings.quoteOrderKey("a'b"));
    assertEquals(Optional.empty(), FilterStrings.quoteOrderKey("a\"b"));
    assertEquals(Optional.empty(), FilterStrings.quoteOrderKey("a\\b"));
  }

  @Test
  void orderKeysRefuseWhatMlflowStripsFromTheOrderToken() {
    assertEquals(Optional.empty(), FilterStrings.quoteOrderKey("rmse "));
    assertEquals(Optional.empty(), FilterStrings.quoteOrderKey(" rmse"));
    assertEquals(Optional.empty(), FilterStrings.quoteOrderKey("a\u00a0"));
    assertEquals(Optional.empty(), FilterStrings.quoteOrderKey("'quoted'"));
    assertEquals(Optional.of("`'half`"), FilterStrings.quoteOrderKey("'half"));
    assertEquals(Optional.of("`a b`"), FilterStrings.quoteOrderKey("a b"));
  }

  @Test
  void listsAreSentOnlyWhenEveryElementIsPlain() {
    assertEquals(Optional.of("('a', 'b c')"), FilterStrings.quoteList(List.of("a", "b c")));
    assertEquals(Optional.empty(), FilterStrings.quoteList(List.of("a", "b'c")));
    assertEquals(Optional.empty(), FilterStrings.quoteList(List.of("a\\n")));
    assertEquals(Optional.empty(), FilterStrings.quoteList(List.of("a\nb")));
    assertEquals(Optional.empty(), FilterStrings.quoteList(List.of()));
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of(5L, false, "5"),
        Arguments.of(-5L, true, "-5"),
        Arguments.of(0.5, false, "0.5"),
        Arguments.of(1e-5, false, "1.0E-5"),
        Arguments.of(-Double.MAX_VALUE, false, "-1.7976931348623157E308"),
        Arguments.of(Double.NaN, false, null),
        Arguments.of(Double.POSITIVE_INFINITY, false, null),
        Arguments.of(3.0, true, "3"),
        Arguments.of(3.5, true, null),
        Arguments.of(1e19, true, null));
  }

  @ParameterizedTest(name = "{0} (integer only: {1}) -> {2}")
  @MethodSource("numbers")
  void numbersAreWrittenSoPythonReadsTheSameValue(Object n, boolean integerOnly, String text) {
    assertEquals(Optional.ofNullable(text), FilterStrings.number(n, integerOnly));
  }

  static Stream<Arguments> likePatterns() {
    return Stream.of(
        Arguments.of("abc%", null, false, "abc%"),
        Arguments.of("a_c", null, false, "a%c"),
        Arguments.of("a%%_b", null, false, "a%b"),
        Arguments.of("50\\%", '\\', false, "50%"),
        Arguments.of("a\\\\b", '\\', false, null),
        Arguments.of("a\\b", null, false, null),
        Arguments.of("[ab]%", null, false, null),
        Arguments.of("\u00E9t\u00E9%", null, false, "\u00E9t\u00E9%"),
        Arguments.of("\u00E9t\u00E9%", null, true, null),
        Arguments.of("Kick%", null, true, "_%c_%"),
        Arguments.of("Mike%", null, true, "M%_e%"),
        Arguments.of("a!%b", '!', false, "a%b"));
  }

  @ParameterizedTest(name = "{0} escape {1} ci {2} -> {3}")
  @MethodSource("likePatterns")
  void serverPatternsAreNeverStricter(String pattern, Character escape, boolean ci, String out) {
    assertEquals(Optional.ofNullable(out), FilterStrings.serverLikePattern(pattern, escape, ci));
  }
}
