package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of MLflow's validation, with the message naming run, key and rule. */
class LogBatchValidatorTest {
  private static final String RUN = "0123456789abcdef0123456789abcdef";

  /**
   * Key names and whether MLflow 3.17 accepts them, as its own {@code _validate_metric_name}
   * answered (Linux server): Unicode letters and numbers yes, combining marks and other
   * punctuation no, one trailing newline yes (Python's {@code $}), path tricks no.
   */
  static Stream<Arguments> keysAsMlflowJudgesThem() {
    return Stream.of(
        Arguments.of("a-b.c_d", true),
        Arguments.of("a b", true),
        Arguments.of(" ", true),
        Arguments.of("a:b", true),
        Arguments.of("layers/hidden", true),
        Arguments.of("a..b", true),
        Arguments.of("é", true),
        Arguments.of("日本", true),
        Arguments.of("über_param", true),
        Arguments.of("\u0661\u0662", true), // Arabic-Indic digits
        Arguments.of("²", true),
        Arguments.of("Ⅻ", true),
        Arguments.of("ǅ", true),
        Arguments.of("ª", true),
        Arguments.of("a\n", true),
        Arguments.of("a\nb", false),
        Arguments.of("a\n\n", false),
        Arguments.of("a\tb", false),
        Arguments.of("x\u0301", false), // combining acute accent
        Arguments.of("a\u203fb", false), // undertie, connector punctuation
        Arguments.of("a=b", false),
        Arguments.of("rocket \uD83D\uDE80", false),
        Arguments.of("", false),
        Arguments.of(".", false),
        Arguments.of("..a", false),
        Arguments.of("a/..", false),
        Arguments.of("a/../b", false),
        Arguments.of("a//b", false),
        Arguments.of("/a", false),
        Arguments.of("a/", false),
        Arguments.of("./a", false),
        Arguments.of("a/.", false));
  }

  @ParameterizedTest
  @MethodSource("keysAsMlflowJudgesThem")
  void keyRulesMatchTheServer(String key, boolean accepted) {
    for (LogRow row : new LogRow[] {MetricRow.of(RUN, key, 1.0, 1, 0),
        new ParamRow(RUN, key, "v"), new TagRow(RUN, key, "v")}) {
      if (accepted) {
        assertDoesNotThrow(() -> LogBatchValidator.validate(row), row.toString());
      } else {
        InvalidRowException e =
            assertThrows(InvalidRowException.class, () -> LogBatchValidator.validate(row));
        assertTrue(e.rule().startsWith("KEY_"), e.rule());
        assertEquals(RUN, e.runId());
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(RUN), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid " + row.kind() + " row"), e.getMessage());
      }
    }
  }

  @Test
  void normpathIsPythons() {
    assertEquals(".", LogBatchValidator.normpath(""));
    assertEquals("a/b", LogBatchValidator.normpath("a//b/"));
    assertEquals("b", LogBatchValidator.normpath("a/../b"));
    assertEquals("../a", LogBatchValidator.normpath("../a"));
    assertEquals("//a", LogBatchValidator.normpath("//a"));
    assertEquals("/a", LogBatchValidator.normpath("///a/."));
    assertEquals("/", LogBatchValidator.normpath("/.."));
    assertEquals("..", LogBatchValidator.normpath("a/../.."));
  }

  private static InvalidRowException invalid(LogRow row) {
    return assertThrows(InvalidRowException.class, () -> LogBatchValidator.validate(row));
  }

  private static void assertNames(InvalidRowException e, String rule, String... fragments) {
    assertEquals(rule, e.rule(), e.getMessage());
    assertTrue(e.getMessage().contains("run '" + RUN + "'"), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
    }
  }

  @Test
  void keyLengthLimitIs250CodePoints() {
    String ok = "k".repeat(250);
    assertDoesNotThrow(() -> LogBatchValidator.validate(MetricRow.of(RUN, ok, 1, 1, 0)));
    // 250 emoji-free but astral letters: 500 chars in Java, 250 characters for Python
    String astral = "\uD835\uDC00".repeat(250); // MATHEMATICAL BOLD CAPITAL A
    assertDoesNotThrow(() -> LogBatchValidator.validate(new ParamRow(RUN, astral, "v")));

    String key = "k".repeat(251);
    InvalidRowException m = invalid(MetricRow.of(RUN, key, 1, 1, 0));
    assertNames(m, "MAX_ENTITY_KEY_LENGTH", "251 characters", "limit is 250",
        "MAX_ENTITY_KEY_LENGTH", "'kkkk");
    assertEquals("metric", m.kind());
    assertNames(invalid(new ParamRow(RUN, key, "v")), "MAX_ENTITY_KEY_LENGTH", "param");
    assertNames(invalid(new TagRow(RUN, key, "v")), "MAX_ENTITY_KEY_LENGTH", "tag");
  }

  @Test
  void paramAndTagValueLimits() {
    assertDoesNotThrow(() -> LogBatchValidator.validate(new ParamRow(RUN, "p", "x".repeat(6000))));
    assertDoesNotThrow(() -> LogBatchValidator.validate(new ParamRow(RUN, "p", "")));
    assertNames(invalid(new ParamRow(RUN, "lr", "x".repeat(6001))), "MAX_PARAM_VAL_LENGTH",
        "key 'lr'", "6001 characters", "limit is 6000", "silently truncate");
    assertDoesNotThrow(() -> LogBatchValidator.validate(new TagRow(RUN, "t", "y".repeat(8000))));
    assertNames(invalid(new TagRow(RUN, "note", "y".repeat(8001))), "MAX_TAG_VAL_LENGTH",
        "key 'note'", "8001 characters", "limit is 8000");
  }

  @Test
  void requiredFields() {
    InvalidRowException noRun = assertThrows(InvalidRowException.class,
        () -> LogBatchValidator.validate(MetricRow.of(null, "loss", 1, 1, 0)));
    assertEquals("REQUIRED", noRun.rule());
    assertTrue(noRun.getMessage().contains("run_id is missing"), noRun.getMessage());
    assertTrue(noRun.getMessage().contains("key 'loss'"), noRun.getMessage());

    assertNames(invalid(new MetricRow(RUN, null, 1.0, 1L, 0L, null, null, null)), "REQUIRED",
        "key is missing");
    assertNames(invalid(new MetricRow(RUN, "loss", null, 1L, 0L, null, null, null)),
        "REQUIRED", "key 'loss'", "value is missing");
    assertNames(invalid(new MetricRow(RUN, "loss", 1.0, null, 0L, null, null, null)),
        "REQUIRED", "key 'loss'", "timestamp is missing");
    assertNames(invalid(new ParamRow(RUN, "lr", null)), "REQUIRED", "key 'lr'",
        "value is missing");
    assertNames(invalid(new TagRow(RUN, "t", null)), "REQUIRED", "key 't'", "value is missing");
    assertNames(invalid(new ParamRow(RUN, null, "v")), "REQUIRED", "key is missing");
    // a missing step is MLflow's default 0
    assertDoesNotThrow(() -> LogBatchValidator.validate(
        new MetricRow(RUN, "loss", 1.0, 1L, null, null, null, null)));
  }

  @Test
  void metricValuesAndTimestamps() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE, Double.MIN_VALUE}) {
      assertDoesNotThrow(() -> LogBatchValidator.validate(MetricRow.of(RUN, "m", v, 0, -5)));
    }
    assertNames(invalid(MetricRow.of(RUN, "loss", 1, -1, 0)), "TIMESTAMP", "key 'loss'",
        "timestamp is -1", "nonnegative");
  }

  @Test
  void runIds() {
    assertDoesNotThrow(() -> LogBatchValidator.validate(MetricRow.of("run-1_ü", "m", 1, 1, 0)));
    InvalidRowException e = assertThrows(InvalidRowException.class,
        () -> LogBatchValidator.validate(MetricRow.of("-run", "m", 1, 1, 0)));
    assertEquals("RUN_ID", e.rule());
    assertTrue(e.getMessage().contains("'-run'"), e.getMessage());
    e = assertThrows(InvalidRowException.class,
        () -> LogBatchValidator.validate(MetricRow.of("run id", "m", 1, 1, 0)));
    assertEquals("RUN_ID", e.rule());
    e = assertThrows(InvalidRowException.class,
        () -> LogBatchValidator.validate(MetricRow.of("r" + "x".repeat(256), "m", 1, 1, 0)));
    assertEquals("RUN_ID", e.rule());
  }

  @Test
  void lineageFields() {
    assertDoesNotThrow(() -> LogBatchValidator.validate(
        MetricRow.of(RUN, "acc", 1, 1, 0).withLineage("m-1", "eval", "abc")));
    assertDoesNotThrow(() -> LogBatchValidator.validate(
        MetricRow.of(RUN, "acc", 1, 1, 0).withLineage("m-1", null, null)));
    assertNames(invalid(MetricRow.of(RUN, "acc", 1, 1, 0).withLineage(null, "eval", "abc")),
        "LINEAGE", "key 'acc'", "without model_id");
    assertNames(invalid(MetricRow.of(RUN, "acc", 1, 1, 0).withLineage("m", "d".repeat(501), null)),
        "MAX_DATASET_NAME_SIZE", "501 characters", "limit is 500");
    assertNames(invalid(MetricRow.of(RUN, "acc", 1, 1, 0).withLineage("m", "d", "0".repeat(37))),
        "MAX_DATASET_DIGEST_SIZE", "37 characters", "limit is 36");
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    assertNames(invalid(new TagRow(RUN, "t", "bad \uD800 value")), "UNICODE", "key 't'",
        "unpaired");
    assertDoesNotThrow(() -> LogBatchValidator.validate(new TagRow(RUN, "t", "rocket \uD83D\uDE80")));
  }

  @Test
  void messagesShowControlCharactersAndCutLongValues() {
    InvalidRowException e = invalid(MetricRow.of(RUN, "a\tb", 1, 1, 0));
    assertTrue(e.getMessage().contains("key 'a\\tb'"), e.getMessage());
    assertTrue(e.getMessage().contains("U+0009"), e.getMessage());
    String longKey = "k".repeat(300);
    e = invalid(new ParamRow(RUN, longKey, "v"));
    assertTrue(e.getMessage().contains("... (300 characters)"), e.getMessage());
    assertTrue(e.getMessage().length() < 600, e.getMessage());
  }

  @Test
  void aWritersCheckerStillChecksTheValuesOfANameThatPassed() {
    LogBatchValidator.Checker checker = new LogBatchValidator.Checker();
    checker.validate(MetricRow.of(RUN, "loss", 1, 1, 0));
    InvalidRowException e = assertThrows(InvalidRowException.class,
        () -> checker.validate(new MetricRow(RUN, "loss", null, 1L, 1L, null, null, null)));
    assertEquals("REQUIRED", e.rule());
    e = assertThrows(InvalidRowException.class,
        () -> checker.validate(MetricRow.of(RUN, "loss", 1, -1, 2)));
    assertEquals("TIMESTAMP", e.rule());
  }

  @Test
  void aWritersCheckerChecksEachNewRunAndKey() {
    LogBatchValidator.Checker checker = new LogBatchValidator.Checker();
    checker.validate(MetricRow.of(RUN, "loss", 1, 1, 0));
    assertEquals("KEY_PATH", assertThrows(InvalidRowException.class,
        () -> checker.validate(MetricRow.of(RUN, "loss/", 1, 1, 0))).rule());
    assertEquals("RUN_ID", assertThrows(InvalidRowException.class,
        () -> checker.validate(MetricRow.of("-run", "loss", 1, 1, 0))).rule());
    // a refused name is not remembered: the same row fails again
    assertEquals("RUN_ID", assertThrows(InvalidRowException.class,
        () -> checker.validate(MetricRow.of("-run", "loss", 1, 1, 0))).rule());
    assertDoesNotThrow(() -> checker.validate(new ParamRow(RUN, "loss", "v")));
  }
}
