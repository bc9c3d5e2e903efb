package org.mlflowtables.core.scan;

import java.util.List;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;

/** Applies the conjuncts MLflow did not evaluate, for readers that return only matching rows. */
final class Residuals {
  private Residuals() {}

  /** Drops the rows added to {@code out} from index {@code from} on that fail a conjunct. */
  static void keepMatching(TableDef table, List<Predicate> residual, List<Object[]> out,
      int from) {
    if (residual.isEmpty()) {
      return;
    }
    for (int i = out.size() - 1; i >= from; i--) {
      if (!PredicateEvaluator.testAll(residual, PredicateEvaluator.rowOf(table, out.get(i)))) {
        out.remove(i);
      }
    }
  }
}
