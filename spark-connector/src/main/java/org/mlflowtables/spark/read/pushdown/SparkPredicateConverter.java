package org.mlflowtables.spark.read.pushdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.And;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.IsNotNull;
import org.mlflowtables.core.predicate.IsNull;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Or;
import org.mlflowtables.core.predicate.PredicateValidator;
import org.mlflowtables.core.predicate.ValueRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's V2 predicates as core predicates, or empty when a predicate has no exact core form (a
 * cast, an arithmetic expression, a comparison of two columns...). Only translates: whether a
 * predicate reaches MLflow is core's decision. Every refusal is logged with its reason and never
 * fails the query: Spark then evaluates the predicate itself.
 *
 * <p>Literals are Spark's internal values: strings become {@link String}, integral numbers {@link
 * Long}, floating ones {@link Double}, timestamps (microseconds) epoch milliseconds. A timestamp
 * with a sub-millisecond part is moved to the equivalent millisecond bound for {@code <, <=, >, >=}
 * (MLflow times are whole milliseconds) and not pushed for {@code =, <>, IN}.
 */
public final class SparkPredicateConverter {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPredicateConverter.class);

  private final TableDef table;

  public SparkPredicateConverter(TableDef table) {
    this.table = table;
  }

  /** The core form of {@code predicate}, or empty (with the reason logged). */
  public Optional<org.mlflowtables.core.predicate.Predicate> convert(Predicate predicate) {
    try {
      return Optional.of(predicate(predicate));
    } catch (Refusal r) {
      LOG.info("Not handing {} to MLflow table {}: {}", predicate, table.name(), r.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.warn("Failed to translate {} for MLflow table {}; Spark evaluates it", predicate,
          table.name(), e);
      return Optional.empty();
    }
  }

  private org.mlflowtables.core.predicate.Predicate predicate(Predicate p) {
    Expression[] c = p.children();
    switch (p.name()) {
      case "AND":
        return new And(List.of(predicate((Predicate) c[0]), predicate((Predicate) c[1])));
      case "OR":
        return new Or(List.of(predicate((Predicate) c[0]), predicate((Predicate) c[1])));
      case "NOT":
        return new Not(predicate((Predicate) c[0]));
      case "IS_NULL":
        return new IsNull(ref(c[0]));
      case "IS_NOT_NULL":
        return new IsNotNull(ref(c[0]));
      case "=":
      case "<>":
      case "<":
      case "<=":
      case ">":
      case ">=":
      case "<=>":
        return comparison(p.name(), c);
      case "IN":
        return in(c);
      case "STARTS_WITH":
      case "ENDS_WITH":
      case "CONTAINS":
        return stringMatch(p.name(), c);
      default:
        throw new Refusal("no MLflow form for " + p.name());
    }
  }

  private org.mlflowtables.core.predicate.Predicate comparison(String name, Expression[] c) {
    boolean refLeft = !(c[0] instanceof Literal);
    Expression refSide = refLeft ? c[0] : c[1];
    Expression litSide = refLeft ? c[1] : c[0];
    if (!(litSide instanceof Literal<?> lit)) {
      throw new Refusal("compares two expressions, not an expression with a constant");
    }
    ValueRef ref = ref(refSide);
    if (lit.value() == null) {
      if (name.equals("<=>")) {
        return new IsNull(ref);
      }
      throw new Refusal("compares with NULL");
    }
    CompareOp op = switch (name) {
      case "=", "<=>" -> CompareOp.EQ;
      case "<>" -> CompareOp.NE;
      case "<" -> CompareOp.LT;
      case "<=" -> CompareOp.LE;
      case ">" -> CompareOp.GT;
      default -> CompareOp.GE;
    };
    if (!refLeft) {
      op = op.flip();
    }
    ColumnType type = valueType(ref);
    if (type == ColumnType.TIMESTAMP && lit.dataType() instanceof TimestampType) {
      long micros = (Long) lit.value();
      if (Math.floorMod(micros, 1000L) != 0) {
        long ms = Math.floorDiv(micros, 1000L);
        switch (op) {
          case GT:
          case GE:
            return nullSafe(name, ref, new Comparison(ref, CompareOp.GT, literal(ms)));
          case LT:
          case LE:
            return nullSafe(name, ref, new Comparison(ref, CompareOp.LE, literal(ms)));
          default:
            throw new Refusal("MLflow times are whole milliseconds; " + micros
                + " microseconds is not one");
        }
      }
    }
    return nullSafe(name, ref, new Comparison(ref, op, value(type, lit)));
  }

  /** {@code a <=> v} is never NULL: false, not unknown, when a is NULL (it matters under NOT). */
  private static org.mlflowtables.core.predicate.Predicate nullSafe(
      String name, ValueRef ref, Comparison comparison) {
    return name.equals("<=>") ? new And(List.of(new IsNotNull(ref), comparison)) : comparison;
  }

  private org.mlflowtables.core.predicate.Predicate in(Expression[] c) {
    ValueRef ref = ref(c[0]);
    ColumnType type = valueType(ref);
    List<org.mlflowtables.core.predicate.Literal> values = new ArrayList<>();
    for (int i = 1; i < c.length; i++) {
      if (!(c[i] instanceof Literal<?> lit)) {
        throw new Refusal("IN list holds a non-constant " + c[i]);
      }
      if (lit.value() == null) {
        throw new Refusal("IN list holds NULL");
      }
      if (type == ColumnType.TIMESTAMP && lit.dataType() instanceof TimestampType
          && Math.floorMod((Long) lit.value(), 1000L) != 0) {
        throw new Refusal("MLflow times are whole milliseconds; " + lit.value()
            + " microseconds is not one");
      }
      values.add(value(type, lit));
    }
    return new In(ref, values);
  }

  private org.mlflowtables.core.predicate.Predicate stringMatch(String name, Expression[] c) {
    ValueRef ref = ref(c[0]);
    if (valueType(ref) != ColumnType.STRING) {
      throw new Refusal(name + " on a non-string value");
    }
    if (!(c[1] instanceof Literal<?> lit) || lit.value() == null
        || !(lit.dataType() instanceof StringType)) {
      throw new Refusal(name + " with a non-constant or NULL pattern");
    }
    String s = lit.value().toString();
    return switch (name) {
      case "STARTS_WITH" -> Like.startsWith(ref, s);
      case "ENDS_WITH" -> Like.endsWith(ref, s);
      default -> Like.contains(ref, s);
    };
  }

  /** A plain column, or a map entry written as {@link MapEntryFunction}. */
  private ValueRef ref(Expression e) {
    if (e instanceof NamedReference named) {
      String[] parts = named.fieldNames();
      if (parts.length != 1) {
        throw new Refusal("nested field " + named.describe());
      }
      Column column = table.findColumn(parts[0])
          .orElseThrow(() -> new Refusal("no column " + parts[0]));
      if (column.type().isMap() || column.type() == ColumnType.ARRAY_STRING) {
        throw new Refusal("compares the whole " + column.type().sqlName() + " column "
            + column.name());
      }
      return new ColumnRef(column.name());
    }
    String[] entry = MapEntryFunction.columnAndKey(e);
    if (entry != null) {
      Column column = table.findColumn(entry[0])
          .orElseThrow(() -> new Refusal("no column " + entry[0]));
      if (!column.type().isMap()) {
        throw new Refusal("map lookup on " + column.type().sqlName() + " column " + column.name());
      }
      return new MapEntryRef(column.name(), entry[1]);
    }
    throw new Refusal("expression " + e.describe() + " is not a column or map entry");
  }

  /** The type of the value read: the column's, or for a map entry core's map value type. */
  private ColumnType valueType(ValueRef ref) {
    return PredicateValidator.type(table, ref);
  }

  /** Spark's literal as core's, for a value of the given type; refused on a type mismatch. */
  private static org.mlflowtables.core.predicate.Literal value(ColumnType type, Literal<?> lit) {
    DataType t = lit.dataType();
    Object v = lit.value();
    switch (type) {
      case STRING:
        if (t instanceof StringType) {
          return literal(v.toString());
        }
        break;
      case LONG:
        if (t instanceof LongType || t instanceof IntegerType || t instanceof ShortType
            || t instanceof ByteType) {
          return literal(((Number) v).longValue());
        }
        break;
      case DOUBLE:
        if (t instanceof DoubleType || t instanceof FloatType) {
          return literal(((Number) v).doubleValue());
        }
        break;
      case TIMESTAMP:
        if (t instanceof TimestampType) {
          return literal(Math.floorDiv((Long) v, 1000L));
        }
        break;
      default:
        break;
    }
    throw new Refusal("constant of type " + t.simpleString() + " against a " + type.sqlName()
        + " value");
  }

  private static org.mlflowtables.core.predicate.Literal literal(Object v) {
    return new org.mlflowtables.core.predicate.Literal(v);
  }

  /** Why a predicate has no core form; control flow only, no stack trace. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
      super(reason, null, false, false);
    }
  }
}
