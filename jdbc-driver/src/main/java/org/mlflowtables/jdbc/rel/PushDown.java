package org.mlflowtables.jdbc.rel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexNode;
import org.mlflowtables.core.predicate.Conjuncts;
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
 * record the answer; nothing here decides what MLflow can evaluate.
 */
final class PushDown {
  private static final Logger LOG = LoggerFactory.getLogger(PushDown.class);

  private PushDown() {}

  /**
   * The outcome for a filter's conjuncts.
   *
   * @param pushed predicates to hand to MLflow
   * @param exact conjuncts MLflow evaluates exactly: Calcite need not apply them
   * @param kept conjuncts Calcite applies (not pushed, pushed to prune, or with parameters)
   */
  record FilterDecision(List<PushedFilter> pushed, List<RexNode> exact, List<RexNode> kept) {}

  static FilterDecision filters(ScanState state, List<RexToPredicate.Conjunct> conjuncts) {
    Set<Predicate> already = new HashSet<>();
    for (PushedFilter f : state.filters()) {
      already.add(f.predicate().predicate());
    }
    record Candidate(RexNode rex, TranslatedPredicate translated, List<Predicate> parts) {}
    List<Candidate> candidates = new ArrayList<>();
    List<RexNode> kept = new ArrayList<>();
    for (RexToPredicate.Conjunct c : conjuncts) {
      if (c.translated().isEmpty()) {
        LOG.debug("Not pushed (no translation): {}", c.rex());
        kept.add(c.rex());
        continue;
      }
      TranslatedPredicate tp = c.translated().get();
      List<Predicate> parts = Conjuncts.normalize(List.of(tp.predicate()));
      if (already.containsAll(parts)) {
        kept.add(c.rex()); // pushed below already; it is applied above for a reason
        continue;
      }
      candidates.add(new Candidate(c.rex(), tp, parts));
    }
    if (candidates.isEmpty()) {
      return new FilterDecision(List.of(), List.of(), kept);
    }
    List<Predicate> request = new ArrayList<>();
    for (PushedFilter f : state.filters()) {
      request.add(f.predicate().predicate());
    }
    for (Candidate c : candidates) {
      request.addAll(c.parts());
    }
    ScanPlan plan = plan(state, request, List.of(), null);
    if (!stillExact(state, plan)) {
      LOG.debug("Not pushed: {} would change what is pushed below", request);
      for (Candidate c : candidates) {
        kept.add(c.rex());
      }
      return new FilterDecision(List.of(), List.of(), kept);
    }
    List<PushedFilter> pushed = new ArrayList<>();
    List<RexNode> exact = new ArrayList<>();
    for (Candidate c : candidates) {
      List<Predicate> pushedParts = new ArrayList<>();
      boolean allExact = !c.translated().hasParams();
      for (Predicate part : c.parts()) {
        if (plan.pushedFilters().contains(part) && !already.contains(part)) {
          pushedParts.add(part);
        }
        allExact &= isExact(plan, part);
      }
      if (pushedParts.isEmpty()) {
        LOG.debug("Not pushed (core keeps it): {}", c.rex());
        kept.add(c.rex());
        continue;
      }
      for (Predicate part : pushedParts) {
        pushed.add(new PushedFilter(new TranslatedPredicate(part, c.translated().params()),
            !allExact));
      }
      if (allExact) {
        exact.add(c.rex());
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

  static SortDecision sort(ScanState state, List<SortKey> keys, Long limit) {
    List<Predicate> filters = new ArrayList<>();
    for (PushedFilter f : state.filters()) {
      if (f.checkedAbove()) {
        // Rows still to be filtered by Calcite cannot be ordered and cut by MLflow.
        return new SortDecision(false, false);
      }
      filters.add(f.predicate().predicate());
    }
    ScanPlan plan = plan(state, filters, keys, limit);
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
      if (!f.checkedAbove() && !isExact(plan, f.predicate().predicate())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isExact(ScanPlan plan, Predicate p) {
    return plan.pushedFilters().contains(p) && !plan.residualFilters().contains(p);
  }
}
