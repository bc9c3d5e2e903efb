package org.mlflowtables.jdbc.rel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexNode;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.jdbc.exec.PushedFilter;
import org.mlflowtables.jdbc.exec.TranslatedPredicate;
import org.mlflowtables.jdbc.rex.RexToPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks core what of a filter or sort it pushes, given what is pushed already. The rules only
 * record the answer; what MLflow evaluates, and whether exactly, is core's decision
 * ({@link ScanPlan#isExact}). Parameters count as their samples: the plan is made once.
 */
final class PushDown {
  private static final Logger LOG = LoggerFactory.getLogger(PushDown.class);

  private PushDown() {}

  /**
   * The outcome for a filter's conjuncts.
   *
   * @param pushed conjuncts to hand to MLflow
   * @param exact conjuncts MLflow evaluates exactly: Calcite need not filter them itself
   * @param kept conjuncts Calcite applies in a filter above (not pushed, or pushed to prune)
   */
  record FilterDecision(List<PushedFilter> pushed, List<Recheck> exact, List<RexNode> kept) {}

  static FilterDecision filters(ScanState state, List<RexToPredicate.Conjunct> conjuncts) {
    Set<Predicate> already = new HashSet<>();
    List<Predicate> request = new ArrayList<>();
    for (PushedFilter f : state.filters()) {
      already.addAll(f.predicate().parts());
      request.add(f.predicate().predicate());
    }
    record Candidate(RexNode rex, TranslatedPredicate translated) {}
    List<Candidate> candidates = new ArrayList<>();
    List<RexNode> kept = new ArrayList<>();
    for (RexToPredicate.Conjunct c : conjuncts) {
      if (c.translated().isEmpty()) {
        LOG.debug("Not pushed (no translation): {}", c.rex());
        kept.add(c.rex());
      } else if (already.containsAll(c.translated().get().parts())) {
        kept.add(c.rex()); // pushed below already; it is applied above for a reason
      } else {
        candidates.add(new Candidate(c.rex(), c.translated().get()));
        request.add(c.translated().get().predicate());
      }
    }
    if (candidates.isEmpty()) {
      return new FilterDecision(List.of(), List.of(), kept);
    }
    ScanPlan plan = plan(state, request, List.of(), null);
    if (!stillExact(state, plan)) {
      LOG.debug("Not pushed: {} would change what is pushed below", request);
      candidates.forEach(c -> kept.add(c.rex()));
      return new FilterDecision(List.of(), List.of(), kept);
    }
    List<PushedFilter> pushed = new ArrayList<>();
    List<Recheck> exact = new ArrayList<>();
    for (Candidate c : candidates) {
      List<Predicate> parts = c.translated().parts();
      boolean reaches = parts.stream()
          .anyMatch(p -> plan.pushedFilters().contains(p) && !already.contains(p));
      if (!reaches) {
        LOG.debug("Not pushed (core keeps it): {}", c.rex());
        kept.add(c.rex());
        continue;
      }
      boolean allExact = parts.stream().allMatch(plan::isExact);
      pushed.add(new PushedFilter(c.translated(), !allExact));
      if (allExact) {
        exact.add(new Recheck(c.rex(), state.outputs(), c.translated().toString()));
      } else {
        kept.add(c.rex());
      }
    }
    return new FilterDecision(pushed, exact, kept);
  }

  /**
   * The outcome for an ORDER BY and LIMIT.
   *
   * @param orderPushed whether MLflow returns the rows in the whole requested order
   * @param limitPushed whether MLflow stops at the limit
   */
  record SortDecision(boolean orderPushed, boolean limitPushed) {}

  /**
   * @param limit the LIMIT (offset included) as the planner sees it, or null for none
   */
  static SortDecision sort(ScanState state, List<SortKey> keys, Long limit) {
    for (PushedFilter f : state.filters()) {
      if (f.checkedAbove()) {
        // Rows still to be filtered by Calcite cannot be ordered and cut by MLflow.
        return new SortDecision(false, false);
      }
    }
    ScanPlan plan = plan(state, state.spec().planningRequest().filters(), keys, limit);
    if (!stillExact(state, plan)) {
      return new SortDecision(false, false);
    }
    boolean orderPushed = !keys.isEmpty() && plan.pushedOrder().equals(keys);
    boolean limitPushed = limit != null && limit.equals(plan.pushedLimit())
        && (keys.isEmpty() || orderPushed);
    LOG.debug("ORDER BY {} LIMIT {}: order pushed {}, limit pushed {}", keys, limit, orderPushed,
        limitPushed);
    return new SortDecision(orderPushed, limitPushed);
  }

  private static ScanPlan plan(ScanState state, List<Predicate> filters, List<SortKey> order,
      Long limit) {
    return state.table().plan(
        new ScanRequest(state.table().def().name(), filters, order, limit));
  }

  /** Whether every filter pushed below that Calcite does not re-check is still exact. */
  private static boolean stillExact(ScanState state, ScanPlan plan) {
    for (PushedFilter f : state.filters()) {
      if (!f.checkedAbove() && !f.predicate().parts().stream().allMatch(plan::isExact)) {
        return false;
      }
    }
    return true;
  }
}
