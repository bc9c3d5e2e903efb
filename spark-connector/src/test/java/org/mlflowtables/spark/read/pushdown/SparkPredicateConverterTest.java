package org.mlflowtables.spark.read.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.and;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.gt;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.isNotNull;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.le;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.ne;
import static org.mlflowtables.core.predicate.Predicates.not;
import static org.mlflowtables.core.predicate.Predicates.or;

import java.util.Optional;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.GeneralScalarExpression;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.UserDefinedScalarFunc;
import org.apache.spark.sql.connector.expressions.filter.And;
import org.apache.spark.sql.connector.expressions.filter.Not;
import org.apache.spark.sql.connector.expressions.filter.Or;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.predicate.Like;

class SparkPredicateConverterTest {
  private final SparkPredicateConverter runs = new SparkPredicateConverter(Tables.get("runs"));

  private static NamedReference ref(String name) {
    return Expressions.column(name);
  }

  private static LiteralValue<UTF8String> str(String s) {
    return new LiteralValue<>(UTF8String.fromString(s), DataTypes.StringType);
  }

  private static LiteralValue<Long> ts(long micros) {
    return new LiteralValue<>(micros, DataTypes.TimestampType);
  }

  private static LiteralValue<Double> dbl(double d) {
    return new LiteralValue<>(d, DataTypes.DoubleType);
  }

  private static Predicate p(String name, Expression... children) {
    return new Predicate(name, children);
  }

  private static UserDefinedScalarFunc mapEntry(String column, String key) {
    return new UserDefinedScalarFunc(MapEntryFunction.NAME, MapEntryFunction.CANONICAL_NAME,
        new Expression[] {ref(column), str(key)});
  }

  private Optional<org.mlflowtables.core.predicate.Predicate> convert(Predicate p) {
    return runs.convert(p);
  }

  @Test
  void equalityOnAStringColumn() {
    assertEquals(Optional.of(eq(col("status"), "FINISHED")),
        convert(p("=", ref("status"), str("FINISHED"))));
  }

  @Test
  void notEqualIsNe() {
    assertEquals(Optional.of(ne(col("user_id"), "bob")), convert(p("<>", ref("user_id"), str("bob"))));
  }

  @Test
  void literalOnTheLeftIsFlipped() {
    assertEquals(Optional.of(gt(col("start_time"), 1_700_000_000_000L)),
        convert(p("<", ts(1_700_000_000_000_000L), ref("start_time"))));
  }

  @Test
  void timestampsBecomeEpochMilliseconds() {
    assertEquals(Optional.of(lt(col("end_time"), 1_700_000_001_000L)),
        convert(p("<", ref("end_time"), ts(1_700_000_001_000_000L))));
  }

  @Test
  void subMillisecondBoundsMoveToTheEquivalentMillisecond() {
    assertEquals(Optional.of(gt(col("start_time"), 1_700_000_000_000L)),
        convert(p(">=", ref("start_time"), ts(1_700_000_000_000_500L))));
    assertEquals(Optional.of(le(col("start_time"), 1_700_000_000_000L)),
        convert(p("<", ref("start_time"), ts(1_700_000_000_000_500L))));
  }

  @Test
  void subMillisecondEqualityIsNotConverted() {
    assertFalse(convert(p("=", ref("start_time"), ts(1_700_000_000_000_500L))).isPresent());
  }

  @Test
  void inListOfStrings() {
    assertEquals(Optional.of(in(col("experiment_id"), "1", "2")),
        convert(p("IN", ref("experiment_id"), str("1"), str("2"))));
  }

  @Test
  void inListWithNullIsNotConverted() {
    assertFalse(convert(p("IN", ref("experiment_id"), str("1"),
        new LiteralValue<>(null, DataTypes.StringType))).isPresent());
  }

  @Test
  void mapEntryFunctionIsAMapEntryRef() {
    assertEquals(Optional.of(lt(entry("metrics", "rmse"), 0.5)),
        convert(p("<", mapEntry("metrics", "rmse"), dbl(0.5))));
    assertEquals(Optional.of(eq(entry("params", "lr"), "0.1")),
        convert(p("=", mapEntry("params", "lr"), str("0.1"))));
  }

  @Test
  void mapEntryOnANonMapColumnIsNotConverted() {
    assertFalse(convert(p("=", mapEntry("status", "x"), str("y"))).isPresent());
  }

  @Test
  void startsWithIsAnEscapedLike() {
    assertEquals(Optional.of(Like.startsWith(col("run_name"), "fx-alpha_")),
        convert(p("STARTS_WITH", ref("run_name"), str("fx-alpha_"))));
  }

  @Test
  void nullTests() {
    assertEquals(Optional.of(isNull(col("end_time"))), convert(p("IS_NULL", ref("end_time"))));
    assertEquals(Optional.of(isNotNull(entry("tags", "env"))),
        convert(p("IS_NOT_NULL", mapEntry("tags", "env"))));
  }

  @Test
  void nullSafeEqualityStaysFalseOnNull() {
    assertEquals(Optional.of(and(isNotNull(col("status")), eq(col("status"), "FAILED"))),
        convert(p("<=>", ref("status"), str("FAILED"))));
    assertEquals(Optional.of(isNull(col("status"))),
        convert(p("<=>", ref("status"), new LiteralValue<>(null, DataTypes.StringType))));
  }

  @Test
  void booleanStructureIsKept() {
    Predicate a = p("=", ref("status"), str("FAILED"));
    Predicate b = p("=", ref("user_id"), str("bob"));
    assertEquals(Optional.of(or(eq(col("status"), "FAILED"), eq(col("user_id"), "bob"))),
        convert(new Or(a, b)));
    assertEquals(Optional.of(not(eq(col("status"), "FAILED"))), convert(new Not(a)));
    assertEquals(Optional.of(and(eq(col("status"), "FAILED"), eq(col("user_id"), "bob"))),
        convert(new And(a, b)));
  }

  @Test
  void anAndWithAnUnconvertibleSideIsNotConverted() {
    Predicate a = p("=", ref("status"), str("FAILED"));
    Predicate abs = p("=", new GeneralScalarExpression("ABS", new Expression[] {ref("step")}),
        new LiteralValue<>(1L, DataTypes.LongType));
    assertFalse(convert(new Or(a, abs)).isPresent());
  }

  @Test
  void mistypedConstantIsNotConverted() {
    assertFalse(convert(p("=", ref("status"), new LiteralValue<>(1L, DataTypes.LongType)))
        .isPresent());
  }

  @Test
  void twoColumnsAreNotConverted() {
    assertFalse(convert(p("<", ref("start_time"), ref("end_time"))).isPresent());
  }

  @Test
  void unknownColumnIsNotConverted() {
    assertFalse(convert(p("=", ref("nope"), str("x"))).isPresent());
  }

}
