package org.mlflowtables.core.predicate;

import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.InvalidPredicateException;
import org.mlflowtables.core.exceptions.UnknownColumnException;

/**
 * Checks a predicate against a table before anything is pushed: every column exists, map keys are
 * only taken of map columns, literals have the column's type (a string for STRING, a boolean for
 * BOOLEAN, a number for BIGINT, DOUBLE and TIMESTAMP), LIKE is only applied to strings and its pattern is well formed.
 * Engines coerce types in their own way (Spark casts a string column to DOUBLE when compared with a
 * number), so an adapter keeps such predicates itself rather than handing them over.
 */
public final class PredicateValidator {
  private PredicateValidator() {}

  /**
   * @throws UnknownColumnException for a column the table lacks
   * @throws InvalidPredicateException naming table and column for anything else
   */
  public static void validate(TableDef table, Predicate p) {
    p.accept(new Check(table));
  }

  /** Checks one predicate and its children against the table. */
  private record Check(TableDef table) implements PredicateVisitor<Void> {
    @Override
    public Void visit(Comparison c) {
      ColumnType t = scalarType(table, c.ref(), "compare");
      checkLiteral(table, c.ref(), t, c.literal());
      return null;
    }

    @Override
    public Void visit(ColumnComparison c) {
      ColumnType left = scalarType(table, c.left(), "compare");
      ColumnType right = scalarType(table, c.right(), "compare");
      if (left.isNumeric() != right.isNumeric()) {
        throw invalid(table, c.left(), "is " + left.sqlName() + " and cannot be compared with "
            + c.right().sql() + " (" + right.sqlName() + ")");
      }
      return null;
    }

    @Override
    public Void visit(In in) {
      ColumnType t = scalarType(table, in.ref(), "use IN on");
      for (Literal l : in.values()) {
        checkLiteral(table, in.ref(), t, l);
      }
      return null;
    }

    @Override
    public Void visit(Like like) {
      ColumnType t = scalarType(table, like.ref(), "use LIKE on");
      if (t != ColumnType.STRING) {
        throw invalid(table, like.ref(), "is " + t.sqlName() + ": LIKE needs a string");
      }
      try {
        PredicateEvaluator.likeToRegex(like.pattern(), like.escape());
      } catch (InvalidPredicateException e) {
        throw invalid(table, like.ref(), "has a malformed LIKE pattern: " + e.getMessage());
      }
      return null;
    }

    @Override
    public Void visit(IsNull n) {
      type(table, n.ref());
      return null;
    }

    @Override
    public Void visit(IsNotNull n) {
      type(table, n.ref());
      return null;
    }

    @Override
    public Void visit(And and) {
      and.children().forEach(child -> child.accept(this));
      return null;
    }

    @Override
    public Void visit(Or or) {
      or.children().forEach(child -> child.accept(this));
      return null;
    }

    @Override
    public Void visit(Not not) {
      return not.child().accept(this);
    }
  }

  /** The type of the value a reference reads: the column's, or a map column's value type. */
  public static ColumnType type(TableDef table, ValueRef ref) {
    Column column = table.column(ref.column());
    if (ref instanceof MapEntryRef e) {
      if (!column.type().isMap()) {
        throw invalid(table, ref, "is " + column.type().sqlName() + ", not a map, so "
            + e.sql() + " has no meaning");
      }
      return column.type().mapValueType();
    }
    return column.type();
  }

  private static ColumnType scalarType(TableDef table, ValueRef ref, String verb) {
    ColumnType t = type(table, ref);
    if (t.isMap() || t == ColumnType.ARRAY_STRING) {
      throw invalid(table, ref, "is " + t.sqlName() + ": cannot " + verb + " it as a whole"
          + (t.isMap() ? " (use an entry such as " + ref.column() + "['key'])" : ""));
    }
    return t;
  }

  private static void checkLiteral(TableDef table, ValueRef ref, ColumnType t, Literal l) {
    if (l.isNull()) {
      return;
    }
    boolean ok = switch (t) {
      case STRING -> l.value() instanceof String;
      case BOOLEAN -> l.value() instanceof Boolean;
      default -> l.isNumber();
    };
    if (!ok) {
      throw invalid(table, ref, "is " + t.sqlName() + " and cannot be compared with " + l.sql()
          + (t == ColumnType.TIMESTAMP ? " (timestamps are Long epoch milliseconds)" : ""));
    }
  }

  private static InvalidPredicateException invalid(TableDef table, ValueRef ref, String what) {
    String where = ref instanceof MapEntryRef e
        ? "column '" + e.column() + "' (entry " + e.sql() + ")"
        : "column '" + ref.column() + "'";
    return new InvalidPredicateException("Table '" + table.name() + "', " + where + " " + what);
  }
}
