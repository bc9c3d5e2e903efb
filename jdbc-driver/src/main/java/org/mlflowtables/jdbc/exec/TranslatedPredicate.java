package org.mlflowtables.jdbc.exec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.mlflowtables.core.predicate.And;
import org.mlflowtables.core.predicate.ColumnComparison;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.IsNotNull;
import org.mlflowtables.core.predicate.IsNull;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Or;
import org.mlflowtables.core.predicate.Predicate;

/**
 * A SQL conjunct in core's predicate model. Without dynamic parameters it is final; with them, the
 * predicate holds placeholder literals (see {@link ParamSlot}) that {@link #bind} replaces with the
 * statement's values at run time.
 *
 * @param predicate the predicate (with placeholders for parameters)
 * @param params the parameters in it, empty for a constant predicate
 */
public record TranslatedPredicate(Predicate predicate, List<ParamSlot> params) {
  public TranslatedPredicate {
    params = List.copyOf(params);
  }

  public boolean hasParams() {
    return !params.isEmpty();
  }

  /**
   * The predicate with each parameter's value, or null when a value cannot be given to core (a
   * NULL, or a value of another type than the column's); {@code values} gives a parameter's value
   * by index.
   */
  public Predicate bind(IntFunction<Object> values) {
    if (params.isEmpty()) {
      return predicate;
    }
    Map<Literal, Literal> bound = new IdentityHashMap<>();
    for (ParamSlot slot : params) {
      Object v = ParamValues.paramValue(values.apply(slot.index()), slot.type());
      if (v == null || v == ParamValues.UNCONVERTIBLE) {
        return null; // a NULL parameter matches nothing; Calcite, which applies it too, says so
      }
      bound.put(slot.placeholder(), Literal.of(v));
    }
    return replace(predicate, bound);
  }

  private static Predicate replace(Predicate p, Map<Literal, Literal> bound) {
    if (p instanceof Comparison c) {
      return new Comparison(c.ref(), c.op(), lit(c.literal(), bound));
    }
    if (p instanceof In in) {
      return new In(in.ref(), in.values().stream().map(l -> lit(l, bound)).toList());
    }
    if (p instanceof And and) {
      return new And(and.children().stream().map(c -> replace(c, bound)).toList());
    }
    if (p instanceof Or or) {
      return new Or(or.children().stream().map(c -> replace(c, bound)).toList());
    }
    if (p instanceof Not not) {
      return new Not(replace(not.child(), bound));
    }
    if (p instanceof IsNull || p instanceof IsNotNull || p instanceof ColumnComparison
        || p instanceof org.mlflowtables.core.predicate.Like) {
      // LIKE patterns are translated only when constant.
      return p;
    }
    throw new IllegalStateException("Unexpected predicate " + p);
  }

  private static Literal lit(Literal l, Map<Literal, Literal> bound) {
    Literal b = bound.get(l);
    return b != null ? b : l;
  }

  @Override
  public String toString() {
    return predicate.sql();
  }
}
