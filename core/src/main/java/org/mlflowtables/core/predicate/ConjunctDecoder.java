package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlflowtables.core.catalog.PushdownOp;

/**
 * Decodes one normalized conjunct into an operation on a value reference for its translator. OR,
 * NOT LIKE, NOT of an AND and column-to-column comparisons stay with the engine: MLflow filters are
 * AND-only comparisons of a field with a constant.
 */
final class ConjunctDecoder implements PredicateVisitor<Void> {
  private final AbstractTranslator<?> translator;
  private final TranslationBuilder acc;

  ConjunctDecoder(AbstractTranslator<?> translator, TranslationBuilder acc) {
    this.translator = translator;
    this.acc = acc;
  }

  @Override
  public Void visit(Comparison c) {
    if (c.literal().isNull()) {
      acc.noRows(c); // x op NULL is never true
    } else {
      translator.onCompare(c, c.ref(), op(c.op()), c.literal().value(), acc);
    }
    return null;
  }

  @Override
  public Void visit(In in) {
    List<Object> values = nonNull(in.values());
    if (values.isEmpty()) {
      acc.noRows(in); // x IN () and x IN (NULL, ...) are never true
    } else if (values.size() == 1) {
      // x IN (v, NULL) keeps the same rows as x = v: the NULL only turns false into unknown
      translator.onCompare(in, in.ref(), PushdownOp.EQ, values.get(0), acc);
    } else {
      translator.onIn(in, in.ref(), values, acc);
    }
    return null;
  }

  @Override
  public Void visit(Not not) {
    if (!(not.child() instanceof In in)) {
      acc.residual(not); // NOT LIKE, NOT of an AND: no MLflow form
      return null;
    }
    List<Object> values = nonNull(in.values());
    if (in.values().stream().anyMatch(Literal::isNull)) {
      acc.noRows(not); // x NOT IN (.., NULL) is never true
    } else if (values.isEmpty()) {
      acc.residual(not); // x NOT IN () is x IS NOT NULL; rare, left to the engine
    } else {
      translator.onNotIn(not, in.ref(), values, acc);
    }
    return null;
  }

  @Override
  public Void visit(Like like) {
    Optional<String> plain = likeAsEquality(like);
    if (plain.isPresent()) {
      translator.onCompare(like, like.ref(), PushdownOp.EQ, plain.get(), acc);
    } else {
      translator.onLike(like, like, acc);
    }
    return null;
  }

  @Override
  public Void visit(IsNull n) {
    translator.onIsNull(n, n.ref(), PushdownOp.IS_NULL, acc);
    return null;
  }

  @Override
  public Void visit(IsNotNull n) {
    translator.onIsNull(n, n.ref(), PushdownOp.IS_NOT_NULL, acc);
    return null;
  }

  @Override
  public Void visit(Or or) {
    acc.residual(or);
    return null;
  }

  @Override
  public Void visit(And and) {
    acc.residual(and); // normalized conjuncts hold no AND; kept whole if one does
    return null;
  }

  @Override
  public Void visit(ColumnComparison c) {
    acc.residual(c);
    return null;
  }

  /** A case-sensitive LIKE without wildcards is an equality with the unescaped pattern. */
  static Optional<String> likeAsEquality(Like like) {
    if (like.caseInsensitive()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    String s = like.pattern();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (like.escape() != null && c == like.escape() && i + 1 < s.length()) {
        sb.append(s.charAt(++i));
      } else if (c == '%' || c == '_') {
        return Optional.empty();
      } else {
        sb.append(c);
      }
    }
    return Optional.of(sb.toString());
  }

  /** The push-down operator of a comparison (the two enums name the six alike). */
  static PushdownOp op(CompareOp op) {
    return PushdownOp.valueOf(op.name());
  }

  private static List<Object> nonNull(List<Literal> literals) {
    List<Object> out = new ArrayList<>();
    for (Literal l : literals) {
      if (!l.isNull() && !out.contains(l.value())) {
        out.add(l.value());
      }
    }
    return out;
  }
}
