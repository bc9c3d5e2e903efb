package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnPushdown;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.PushdownOp;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;

/**
 * The catalogue's push-down metadata and the translators agree: for every table, column and
 * operator, a plain predicate is pushed exactly when declared exact, pushed and kept when declared
 * prune-only, and only kept otherwise.
 */
class PushdownConsistencyTest {

  static Stream<Arguments> everyColumnAndOperator() {
    List<Arguments> out = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      for (Column c : t.columns()) {
        if (c.type() == ColumnType.ARRAY_STRING) {
          continue;
        }
        for (PushdownOp op : PushdownOp.values()) {
          ValueRef ref = ref(t, c);
          ColumnType type = c.type().isMap() ? c.type().mapValueType() : c.type();
          if ((op == PushdownOp.LIKE || op == PushdownOp.ILIKE) && type != ColumnType.STRING) {
            continue;
          }
          out.add(Arguments.of(t.name(), c.name(), op, sample(ref, type, op)));
        }
      }
    }
    return out.stream();
  }

  private static ValueRef ref(TableDef t, Column c) {
    if (!c.type().isMap()) {
      return new ColumnRef(c.name());
    }
    // run_inputs only searches the context tag; any other key is a plain map entry.
    return new MapEntryRef(c.name(), t == Tables.RUN_INPUTS ? "mlflow.data.context" : "k");
  }

  private static Predicate sample(ValueRef ref, ColumnType type, PushdownOp op) {
    Object v = switch (type) {
      case STRING -> "v";
      case DOUBLE -> 0.5;
      case BOOLEAN -> true;
      default -> 5L;
    };
    Object w = switch (type) {
      case STRING -> "w";
      case DOUBLE -> 1.5;
      case BOOLEAN -> false;
      default -> 7L;
    };
    if (ref.column().equals("experiment_id")) {
      v = "1";
      w = "2";
    }
    switch (op) {
      case EQ:
        return Predicates.eq(ref, v);
      case NE:
        return Predicates.ne(ref, v);
      case LT:
        return Predicates.lt(ref, v);
      case LE:
        return Predicates.le(ref, v);
      case GT:
        return Predicates.gt(ref, v);
      case GE:
        return Predicates.ge(ref, v);
      case IN:
        return Predicates.in(ref, v, w);
      case LIKE:
        return Predicates.like(ref, "v%");
      case ILIKE:
        return Predicates.ilike(ref, "v%");
      case IS_NULL:
        return Predicates.isNull(ref);
      default:
        return Predicates.isNotNull(ref);
    }
  }

  @ParameterizedTest(name = "{0}.{1} {2}")
  @MethodSource("everyColumnAndOperator")
  void translatorFollowsTheDeclaredCapability(String table, String column, PushdownOp op,
      Predicate p) {
    TableDef t = Tables.get(table);
    ColumnPushdown pd = t.pushdown(column);
    List<Predicate> conjuncts = new ArrayList<>();
    conjuncts.add(p);
    if (column.equals("value") && t.findColumn("key").isPresent()) {
      conjuncts.add(Predicates.eq(new ColumnRef("key"), "k")); // value is searchable per key
    }
    Translation tr = Translators.forTable(t).translate(conjuncts);
    Predicate normalized = Conjuncts.normalize(List.of(p)).get(0);
    boolean pushed = tr.pushed().contains(normalized);
    boolean kept = tr.residual().contains(normalized);
    if (pd.exact().contains(op)) {
      assertTrue(pushed && !kept, p + " should be exact: " + tr.describe());
    } else if (pd.prune().contains(op)) {
      assertTrue(pushed && kept, p + " should prune: " + tr.describe());
    } else {
      assertFalse(pushed, p + " should not be pushed: " + tr.describe());
      assertTrue(kept, p + " should be kept: " + tr.describe());
    }
    if (!pushed && conjuncts.size() == 1) {
      assertNull(tr.filter(), tr.describe());
    }
  }
}
