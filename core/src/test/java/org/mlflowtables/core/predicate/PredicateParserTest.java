package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.InvalidPredicateException;
import org.mlflowtables.core.exceptions.UnknownColumnException;

class PredicateParserTest {
  private static Predicate runs(String text) {
    return PredicateParser.parse(Tables.RUNS, text);
  }

  private static ColumnRef c(String name) {
    return new ColumnRef(name);
  }

  @Test
  void comparisonsOfEachOperator() {
    assertEquals(new Comparison(c("status"), CompareOp.EQ, new Literal("FINISHED")),
        runs("status = 'FINISHED'"));
    assertEquals(new Comparison(c("status"), CompareOp.EQ, new Literal("X")), runs("status == 'X'"));
    assertEquals(new Comparison(c("status"), CompareOp.NE, new Literal("X")), runs("status != 'X'"));
    assertEquals(new Comparison(c("status"), CompareOp.NE, new Literal("X")), runs("status <> 'X'"));
    assertEquals(new Comparison(c("start_time"), CompareOp.GE, new Literal(5L)),
        runs("start_time >= 5"));
    assertEquals(new Comparison(c("start_time"), CompareOp.LT, new Literal(5L)),
        runs("start_time<5"));
  }

  @Test
  void aValueOnTheLeftIsFlipped() {
    assertEquals(new Comparison(c("end_time"), CompareOp.GT, new Literal(10L)),
        runs("10 < end_time"));
  }

  @Test
  void mapEntriesInBrackets() {
    assertEquals(new Comparison(new MapEntryRef("metrics", "val loss"), CompareOp.LE,
        new Literal(0.5)), runs("metrics['val loss'] <= 0.5"));
    assertEquals(new Comparison(new MapEntryRef("tags", "team"), CompareOp.EQ, new Literal("a")),
        runs("tags['team'] = 'a'"));
  }

  @Test
  void inLikeIsNullAndBetween() {
    assertEquals(new In(c("experiment_id"), List.of(new Literal("1"), new Literal("2"))),
        runs("experiment_id IN ('1', '2')"));
    assertEquals(new Not(new In(c("status"), List.of(new Literal("KILLED")))),
        runs("status NOT IN ('KILLED')"));
    assertEquals(new Like(c("run_name"), "a\\_%", false, '\\'),
        runs("run_name LIKE 'a\\\\_%' ESCAPE '\\\\'"));
    assertEquals(new Like(c("run_name"), "A%", true, null), runs("run_name ilike 'A%'"));
    assertEquals(new IsNull(c("end_time")), runs("end_time IS NULL"));
    assertEquals(new IsNotNull(new MapEntryRef("params", "lr")), runs("params['lr'] is not null"));
    assertEquals(new And(List.of(new Comparison(c("start_time"), CompareOp.GE, new Literal(1L)),
        new Comparison(c("start_time"), CompareOp.LE, new Literal(9L)))),
        runs("start_time BETWEEN 1 AND 9"));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesGroup() {
    Predicate a = new Comparison(c("status"), CompareOp.EQ, new Literal("A"));
    Predicate b = new Comparison(c("user_id"), CompareOp.EQ, new Literal("B"));
    Predicate d = new Comparison(c("run_name"), CompareOp.EQ, new Literal("D"));
    assertEquals(new Or(List.of(a, new And(List.of(b, d)))),
        runs("status = 'A' OR user_id = 'B' AND run_name = 'D'"));
    assertEquals(new And(List.of(new Or(List.of(a, b)), d)),
        runs("(status = 'A' OR user_id = 'B') AND run_name = 'D'"));
    assertEquals(new Not(new Or(List.of(a, b))), runs("NOT (status = 'A' OR user_id = 'B')"));
  }

  @Test
  void stringsQuoteAQuoteByDoublingOrEscapingIt() {
    Literal itS = new Literal("it's");
    assertEquals(new Comparison(c("run_name"), CompareOp.EQ, itS), runs("run_name = 'it''s'"));
    assertEquals(new Comparison(c("run_name"), CompareOp.EQ, itS), runs("run_name = 'it\\'s'"));
  }

  @Test
  void backticksQuoteAColumnAndKeywordsIgnoreCase() {
    assertEquals(new Comparison(c("status"), CompareOp.EQ, new Literal("A")),
        runs("`status` = 'A'"));
    assertEquals(new Comparison(c("status"), CompareOp.EQ, Literal.NULL), runs("status = null"));
  }

  @Test
  void timestampsAreUtcEpochMilliseconds() {
    assertEquals(new Comparison(c("end_time"), CompareOp.GE, new Literal(1_704_067_200_000L)),
        runs("end_time >= TIMESTAMP '2024-01-01'"));
    assertEquals(new Comparison(c("end_time"), CompareOp.LT, new Literal(1_704_067_201_500L)),
        runs("end_time < TIMESTAMP '2024-01-01 00:00:01.5'"));
  }

  @Test
  void numbersAreLongOrDouble() {
    assertEquals(new Comparison(new MapEntryRef("metrics", "m"), CompareOp.GT,
        new Literal(-2.5e-3)), runs("metrics['m'] > -2.5e-3"));
    assertEquals(new Comparison(c("step"), CompareOp.EQ, new Literal(-3L)),
        PredicateParser.parse(Tables.METRICS, "step = -3"));
  }

  @Test
  void anUnknownColumnIsNamed() {
    UnknownColumnException e = assertThrows(UnknownColumnException.class,
        () -> runs("stauts = 'A'"));
    assertTrue(e.getMessage().contains("stauts"), e.getMessage());
  }

  @Test
  void aLiteralOfTheWrongTypeIsRefused() {
    InvalidPredicateException e = assertThrows(InvalidPredicateException.class,
        () -> runs("start_time = 'yesterday'"));
    assertTrue(e.getMessage().contains("start_time"), e.getMessage());
  }

  @Test
  void badSyntaxSaysWhatWasExpectedAndWhere() {
    assertMessage("status = ", "expected a value", "the end");
    assertMessage("status 'A'", "expected a comparison, IN, LIKE", "position 8");
    assertMessage("status = 'A' status", "expected AND, OR or the end", "position 14");
    assertMessage("(status = 'A'", "expected ')'", "the end");
    assertMessage("status = 'A", "is not closed", "position 10");
    assertMessage("status = 'A'; drop", "unexpected character ';'", "position 13");
    assertMessage("end_time > TIMESTAMP 'soon'", "not a timestamp", "soon");
  }

  private static void assertMessage(String text, String... parts) {
    InvalidPredicateException e = assertThrows(InvalidPredicateException.class, () -> runs(text));
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage());
    }
  }

  @Test
  void parsedConditionsPushDownAsTheSamePredicatesWould() {
    Translation t = Translators.forTable(Tables.RUNS).translate(List.of(
        runs("experiment_id IN ('3') AND status = 'FINISHED' AND tags['team'] = 'a'")));
    assertEquals(java.util.Optional.of(java.util.Set.of("3")), t.experimentIds());
    assertEquals("attributes.status = 'FINISHED' AND tags.`team` = 'a'", t.filter());
    assertTrue(t.residual().isEmpty(), t.describe());
  }
}
