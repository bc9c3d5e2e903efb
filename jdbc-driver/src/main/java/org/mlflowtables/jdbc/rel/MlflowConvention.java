package org.mlflowtables.jdbc.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTrait;

/**
 * The calling convention of {@link MlflowRel}s. It also satisfies {@link Convention#NONE}, so
 * that an MLflow node equivalent to a logical one is seen by the rules of the logical node's
 * parents: Volcano matches a rule's child operand only against nodes that satisfy the traits of
 * the parent's input, and the parents of a filter the rules pushed are logical ({@code NONE}).
 * Without this, {@code ORDER BY ... LIMIT} above a pushed {@code WHERE} could never be pushed.
 * Calcite's own transformation rules are unaffected: Volcano never matches them across
 * conventions.
 */
final class MlflowConvention extends Convention.Impl {
  static final MlflowConvention INSTANCE = new MlflowConvention();

  private MlflowConvention() {
    super("MLFLOW", MlflowRel.class);
  }

  @Override
  public boolean satisfies(RelTrait trait) {
    return trait == this || trait == Convention.NONE;
  }
}
