package org.mlflowtables.jdbc.rex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ge;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.le;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.not;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.jdbc.exec.OutputColumn;
import org.mlflowtables.jdbc.exec.ParamValues;
import org.mlflowtables.jdbc.exec.TranslatedPredicate;


/** Calcite row expressions over {@code runs} as core predicates. */
class RexToPredicateTest {
  private static final TableDef RUNS = Tables.RUNS;
  private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(typeFactory);
  private final RelDataType row = SqlTypes.rowType(RUNS, typeFactory);
  private final RexToPredicate translator = new RexToPredicate(RUNS, identity());

  private static List<OutputColumn> identity() {
    List<OutputColumn> out = new ArrayList<>();
    for (int i = 0; i < RUNS.columns().size(); i++) {
      out.add(OutputColumn.of(i));
    }
    return out;
  }

  private RexNode field(String name) {
    int i = RUNS.index(name);
    return rex.makeInputRef(row.getFieldList().get(i).getType(), i);
  }

  private RexNode item(String map, String key) {
    return rex.makeCall(SqlStdOperatorTable.ITEM, field(map), rex.makeLiteral(key));
  }

  private RexNode call(org.apache.calcite.sql.SqlOperator op, RexNode... operands) {
    return rex.makeCall(op, operands);
  }

  private List<Optional<Predicate>> conjuncts(RexNode condition) {
    List<Optional<Predicate>> out = new ArrayList<>();
    for (RexToPredicate.Conjunct c : translator.conjuncts(rex, condition)) {
      out.add(c.translated().map(TranslatedPredicate::predicate));
    }
    return out;
  }

  private Optional<Predicate> one(RexNode condition) {
    List<Optional<Predicate>> all = conjuncts(condition);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  @Test
  void inListFoldedIntoSearchBecomesIn() {
    RexNode search = rex.makeIn(field("status"),
        List.of(rex.makeLiteral("FAILED"), rex.makeLiteral("KILLED")));
    assertTrue(search.toString().startsWith("SEARCH"), search.toString());
    assertEquals(Optional.of(in(col("status"), "FAILED", "KILLED")), one(search));
  }

  @Test
  void rangeFoldedIntoSearchBecomesTwoComparisons() {
    RexNode between = rex.makeBetween(field("end_time"),
        rex.makeTimestampLiteral(new TimestampString("2023-11-14 00:00:00"), 3),
        rex.makeTimestampLiteral(new TimestampString("2023-11-15 00:00:00"), 3));
    RexNode search = org.apache.calcite.rex.RexUtil.simplify(rex, between);
    assertEquals(List.of(Optional.of(ge(col("end_time"), 1699920000000L)),
        Optional.of(le(col("end_time"), 1700006400000L))), conjuncts(search));
  }

  @Test
  void mapItemBecomesAMapEntry() {
    RexNode lt = call(SqlStdOperatorTable.LESS_THAN, item("metrics", "val/loss"),
        rex.makeExactLiteral(new BigDecimal("0.5")));
    assertEquals(Optional.of(lt(entry("metrics", "val/loss"), 0.5)), one(lt));
  }

  @Test
  void literalOnTheLeftIsFlipped() {
    RexNode gt = call(SqlStdOperatorTable.GREATER_THAN,
        rex.makeExactLiteral(new BigDecimal("0.5")), item("metrics", "rmse"));
    assertEquals(Optional.of(lt(entry("metrics", "rmse"), 0.5)), one(gt));
  }

  @Test
  void conjunctsAreTranslatedOneByOne() {
    RexNode and = call(SqlStdOperatorTable.AND,
        call(SqlStdOperatorTable.EQUALS, field("user_id"), rex.makeLiteral("ann")),
        call(SqlStdOperatorTable.EQUALS, call(SqlStdOperatorTable.UPPER, field("status")),
            rex.makeLiteral("X")));
    assertEquals(List.of(Optional.of(eq(col("user_id"), "ann")), Optional.empty()),
        conjuncts(and));
  }

  @Test
  void twoColumnsAreNotTranslated() {
    assertEquals(Optional.empty(),
        one(call(SqlStdOperatorTable.EQUALS, field("user_id"), field("run_name"))));
  }

  @Test
  void likeAndNotLike() {
    RexNode like = call(SqlStdOperatorTable.LIKE, field("run_name"), rex.makeLiteral("fx-%"));
    assertEquals(Optional.of(like(col("run_name"), "fx-%")), one(like));
    assertEquals(Optional.of(not(like(col("run_name"), "fx-%"))),
        one(call(SqlStdOperatorTable.NOT, like)));
  }

  @Test
  void orOfOtherShapesStaysAnOr() {
    RexNode or = call(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, field("user_id"), rex.makeLiteral("ann")),
        call(SqlStdOperatorTable.EQUALS, field("status"), rex.makeLiteral("FAILED")));
    Predicate p = one(or).orElseThrow();
    assertTrue(p instanceof org.mlflowtables.core.predicate.Or, p.toString());
  }

  @Test
  void parametersAreBoundAtRunTime() {
    RexNode eqParam =
        call(SqlStdOperatorTable.EQUALS, field("run_id"), param(SqlTypeName.VARCHAR, 0));
    TranslatedPredicate t = translator.translate(eqParam).orElseThrow();
    assertTrue(t.hasParams());
    assertEquals(eq(col("run_id"), "abc123"), t.bind(values("abc123")));
    assertEquals(eq(col("run_id"), "other"), t.bind(values("other")));
  }

  @Test
  void thePlannerDecidesWithAnExperimentIdCoreCanPush() {
    RexNode eqParam =
        call(SqlStdOperatorTable.EQUALS, field("experiment_id"), param(SqlTypeName.VARCHAR, 0));
    Comparison planned = (Comparison) translator.translate(eqParam).orElseThrow().predicate();
    assertTrue(((String) planned.literal().value()).matches("[1-9][0-9]*"), planned.sql());
  }

  @Test
  void equalitiesWithParametersBecomeAnInList() {
    RexNode or = call(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, field("run_id"), param(SqlTypeName.VARCHAR, 0)),
        call(SqlStdOperatorTable.EQUALS, field("run_id"), rex.makeLiteral("r2")),
        call(SqlStdOperatorTable.EQUALS, field("run_id"), param(SqlTypeName.VARCHAR, 1)));
    TranslatedPredicate t = translator.translate(or).orElseThrow();
    assertEquals(2, t.params().size());
    assertEquals(in(col("run_id"), "r1", "r2", "r3"), t.bind(values("r1", "r3")));
  }

  @Test
  void aLikePatternMayBeAParameter() {
    RexNode like =
        call(SqlStdOperatorTable.LIKE, field("run_name"), param(SqlTypeName.VARCHAR, 0));
    TranslatedPredicate t = translator.translate(like).orElseThrow();
    assertEquals(like(col("run_name"), "fx-%"), t.bind(values("fx-%")));
    assertTrue(((Like) t.predicate()).pattern().endsWith("%"),
        "planned as a pattern with a wildcard, as most are: " + t.predicate());
  }

  @Test
  void aMapEntryParameterTakesTheMapsValueType() {
    RexNode lt = call(SqlStdOperatorTable.LESS_THAN, item("metrics", "rmse"),
        param(SqlTypeName.DOUBLE, 0));
    TranslatedPredicate t = translator.translate(lt).orElseThrow();
    assertEquals(lt(entry("metrics", "rmse"), 1.0), t.bind(values(1)));
  }

  @Test
  void aCastThatChangesTheParametersValueIsNotTranslated() {
    RexNode cmp = call(SqlStdOperatorTable.LESS_THAN, field("start_time"),
        rex.makeCast(typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3),
            param(SqlTypeName.BIGINT, 0)));
    assertEquals(Optional.empty(), translator.translate(cmp));
  }

  @Test
  void aNullParameterFailsNamingTheColumnAndTable() {
    RexNode gt = call(SqlStdOperatorTable.GREATER_THAN, field("start_time"),
        param(SqlTypeName.TIMESTAMP, 0));
    TranslatedPredicate t = translator.translate(gt).orElseThrow();
    SQLException e = assertThrows(SQLException.class, () -> t.bind(values((Object) null)));
    assertTrue(e.getMessage().contains("Parameter 1") && e.getMessage().contains("start_time")
        && e.getMessage().contains("'runs'") && e.getMessage().contains("IS NULL"),
        e.getMessage());
  }

  @Test
  void aParameterOfTheWrongTypeFailsNamingTheColumn() {
    RexNode gt = call(SqlStdOperatorTable.GREATER_THAN, field("start_time"),
        param(SqlTypeName.TIMESTAMP, 0));
    TranslatedPredicate t = translator.translate(gt).orElseThrow();
    SQLException e = assertThrows(SQLException.class, () -> t.bind(values("yesterday")));
    assertTrue(e.getMessage().contains("start_time") && e.getMessage().contains("String")
        && e.getMessage().contains("setTimestamp"), e.getMessage());
  }

  private RexNode param(SqlTypeName type, int index) {
    RelDataType t = type == SqlTypeName.TIMESTAMP
        ? typeFactory.createSqlType(type, 3) : typeFactory.createSqlType(type);
    return rex.makeDynamicParam(t, index);
  }

  /** One execution's values, the first for parameter 0. */
  private static ParamValues values(Object... values) {
    return new ParamValues("runs", i -> values[i]);
  }
}
