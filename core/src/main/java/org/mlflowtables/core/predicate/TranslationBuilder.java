package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What the translation of a list of conjuncts has found so far; {@link #build} ends it. */
final class TranslationBuilder {
  final List<FilterClause> clauses = new ArrayList<>();
  final List<Predicate> pushed = new ArrayList<>();
  final List<Predicate> residual = new ArrayList<>();
  final List<Predicate> experimentConjuncts = new ArrayList<>();
  Set<String> experimentIds;
  Set<String> keys;
  boolean noRows;
  /** The one key the conjuncts' {@code key =} / {@code IN} leave on a long table, or null. */
  String singleKey;

  void exact(Predicate p, FilterClause... cs) {
    addClauses(cs);
    add(pushed, p);
  }

  void prune(Predicate p, FilterClause... cs) {
    addClauses(cs);
    add(pushed, p);
    add(residual, p);
  }

  void residual(Predicate p) {
    add(residual, p);
  }

  void noRows(Predicate p) {
    noRows = true;
    add(pushed, p);
  }

  void experiments(Predicate p, Set<String> ids) {
    experimentIds = intersect(experimentIds, ids);
    add(pushed, p);
    add(experimentConjuncts, p);
  }

  /** Keys bound the reader's work; the conjunct stays residual (rows of other keys remain). */
  void keys(Predicate p, Set<String> ks) {
    keys = intersect(keys, ks);
    add(pushed, p);
    add(residual, p);
  }

  void addClauses(FilterClause... cs) {
    for (FilterClause c : cs) {
      if (clauses.stream().noneMatch(x -> x.text().equals(c.text()))) {
        clauses.add(c);
      }
    }
  }

  /** What both constraints allow; the first constraint is {@code sofar}, when null. */
  private static Set<String> intersect(Set<String> sofar, Set<String> more) {
    if (sofar == null) {
      return new TreeSet<>(more);
    }
    sofar.retainAll(more);
    return sofar;
  }

  private static void add(List<Predicate> list, Predicate p) {
    if (!list.contains(p)) {
      list.add(p);
    }
  }

  private static Optional<Set<String>> sortedCopy(Set<String> s) {
    return s == null
        ? Optional.empty()
        : Optional.of(Collections.unmodifiableSet(new TreeSet<>(s)));
  }

  Translation build() {
    boolean none = noRows
        || (experimentIds != null && experimentIds.isEmpty())
        || (keys != null && keys.isEmpty());
    String filter = clauses.isEmpty()
        ? null
        : String.join(" AND ", clauses.stream().map(FilterClause::text).toList());
    return new Translation(
        filter,
        clauses,
        sortedCopy(experimentIds),
        sortedCopy(keys),
        pushed,
        residual,
        none);
  }
}

