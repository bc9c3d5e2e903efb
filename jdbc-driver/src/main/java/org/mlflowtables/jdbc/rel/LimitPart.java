package org.mlflowtables.jdbc.rel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.mlflowtables.jdbc.exec.ParamSlot;

/**
 * A LIMIT or OFFSET as MLflow is asked for it: a constant plus {@code ?} parameters.
 *
 * @param constant the constant part, or null for no limit at all
 * @param params parameters added to it
 */
record LimitPart(Long constant, List<ParamSlot> params) {
  /** No limit. */
  static final LimitPart NONE = new LimitPart(null, List.of());

  LimitPart {
    params = List.copyOf(params);
  }

  /**
   * A FETCH or OFFSET of a sort: absent is 0; a literal or a whole-number parameter (possibly
   * cast) is taken; null for anything else (an expression).
   */
  static LimitPart of(RexNode n) {
    if (n == null) {
      return new LimitPart(0L, List.of());
    }
    if (n instanceof RexLiteral l && !l.isNull()) {
      BigDecimal v = l.getValueAs(BigDecimal.class);
      return v == null ? null : new LimitPart(v.longValueExact(), List.of());
    }
    RexNode p = n.getKind() == SqlKind.CAST ? ((RexCall) n).getOperands().get(0) : n;
    if (p instanceof RexDynamicParam param
        && SqlTypeFamily.EXACT_NUMERIC.contains(param.getType())) {
      return new LimitPart(0L, List.of(ParamSlot.limit(param.getIndex())));
    }
    return null;
  }

  LimitPart plus(LimitPart other) {
    List<ParamSlot> all = new ArrayList<>(params);
    all.addAll(other.params);
    return new LimitPart(constant + other.constant, all);
  }

  /** The limit the planner decides with (parameters as their samples), or null for none. */
  Long planned() {
    if (constant == null) {
      return null;
    }
    long n = constant;
    for (ParamSlot p : params) {
      n += (Long) p.sample();
    }
    return n;
  }
}
