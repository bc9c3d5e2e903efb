package org.mlflowtables.core.differential;

import java.util.List;
import java.util.stream.Collectors;
import org.mlflowtables.core.predicate.And;
import org.mlflowtables.core.predicate.ColumnComparison;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.IsNotNull;
import org.mlflowtables.core.predicate.IsNull;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Or;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateVisitor;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.predicate.ValueRef;

/** Java source for predicates, so that a shrunk mismatch can be pasted into a regression test. */
final class JavaSource {
  private JavaSource() {}

  static String of(List<Predicate> ps) {
    return ps.stream().map(JavaSource::of).collect(Collectors.joining(",\n    ", "List.of(\n    ",
        ")"));
  }

  static String of(Predicate p) {
    return p.accept(SOURCE);
  }

  private static String children(List<Predicate> ps) {
    return ps.stream().map(JavaSource::of).collect(Collectors.joining(", "));
  }

  private static final PredicateVisitor<String> SOURCE = new PredicateVisitor<>() {
    @Override
    public String visit(Comparison c) {
      return "new Comparison(" + of(c.ref()) + ", CompareOp." + c.op() + ", " + of(c.literal())
          + ")";
    }

    @Override
    public String visit(ColumnComparison c) {
      return "new ColumnComparison(" + of(c.left()) + ", CompareOp." + c.op() + ", "
          + of(c.right()) + ")";
    }

    @Override
    public String visit(In in) {
      return "new In(" + of(in.ref()) + ", List.of("
          + in.values().stream().map(JavaSource::of).collect(Collectors.joining(", ")) + "))";
    }

    @Override
    public String visit(Like l) {
      return "new Like(" + of(l.ref()) + ", " + str(l.pattern()) + ", " + l.caseInsensitive()
          + ", " + (l.escape() == null ? "null" : "'" + esc(String.valueOf(l.escape())) + "'")
          + ")";
    }

    @Override
    public String visit(IsNull n) {
      return "new IsNull(" + of(n.ref()) + ")";
    }

    @Override
    public String visit(IsNotNull n) {
      return "new IsNotNull(" + of(n.ref()) + ")";
    }

    @Override
    public String visit(And a) {
      return "new And(List.of(" + children(a.children()) + "))";
    }

    @Override
    public String visit(Or o) {
      return "new Or(List.of(" + children(o.children()) + "))";
    }

    @Override
    public String visit(Not n) {
      return "new Not(" + of(n.child()) + ")";
    }
  };

  static String of(SortKey k) {
    return "new SortKey(" + of(k.ref()) + ", " + k.ascending() + ", " + k.nullsFirst() + ")";
  }

  static String of(ValueRef r) {
    if (r instanceof MapEntryRef e) {
      return "new MapEntryRef(" + str(e.column()) + ", " + str(e.key()) + ")";
    }
    return "new ColumnRef(" + str(((ColumnRef) r).column()) + ")";
  }

  static String of(Literal l) {
    Object v = l.value();
    if (v == null) {
      return "Literal.NULL";
    }
    if (v instanceof String s) {
      return "new Literal(" + str(s) + ")";
    }
    if (v instanceof Long x) {
      return "new Literal(" + x + "L)";
    }
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return "new Literal(Double.NaN)";
      }
      if (d.isInfinite()) {
        return "new Literal(Double." + (d > 0 ? "POSITIVE" : "NEGATIVE") + "_INFINITY)";
      }
      if (d == Double.MAX_VALUE || d == -Double.MAX_VALUE) {
        return "new Literal(" + (d > 0 ? "" : "-") + "Double.MAX_VALUE)";
      }
      return "new Literal(" + d + ")";
    }
    return "new Literal(" + v + ")";
  }

  static String str(String s) {
    return "\"" + esc(s) + "\"";
  }

  private static String esc(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\'' -> sb.append("\\'");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
