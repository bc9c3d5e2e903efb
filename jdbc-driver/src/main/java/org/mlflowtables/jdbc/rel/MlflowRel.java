package org.mlflowtables.jdbc.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational expression evaluated by MLflow: a scan and what has been pushed into it. Every
 * MlflowRel knows the complete {@link ScanState} up to itself; {@link MlflowToEnumerableConverter}
 * turns that into one call of core's scan.
 */
public interface MlflowRel extends RelNode {
  /** The calling convention of expressions MLflow evaluates. */
  Convention CONVENTION = MlflowConvention.INSTANCE;

  /** Everything pushed up to and including this node. */
  ScanState state();
}
