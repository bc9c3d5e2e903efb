package org.mlflowtables.jdbc.rex;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.jdbc.exec.OutputColumn;
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
    RelDataType varchar = typeFactory.createSqlType(SqlTypeName.VARCHAR);
    RexNode eqParam = call(SqlStdOperatorTable.EQUALS, field("run_id"),
        rex.makeDynamicParam(varchar, 0));
    TranslatedPredicate t = translator.translate(eqParam).orElseThrow();
    assertTrue(t.hasParams());
    assertEquals(eq(col("run_id"), "abc123"), t.bind(i -> "abc123"));
    assertEquals(eq(col("run_id"), "other"), t.bind(i -> "other"));
  }

  @Test
  void parameterOfTheWrongTypeIsNotBound() {
    RelDataType bigint = typeFactory.createSqlType(SqlTypeName.BIGINT);
    RexNode cmp = call(SqlStdOperatorTable.LESS_THAN, field("start_time"),
        rex.makeCast(typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3),
            rex.makeDynamicParam(bigint, 0)));
    Optional<TranslatedPredicate> t = translator.translate(cmp);
    assertTrue(t.isEmpty() || t.get().bind(i -> "not a time") == null, t.toString());
  }
}
