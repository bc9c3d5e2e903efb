package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** One translation case: conjuncts in, filter and the pushed/residual split out. */
record TranslationAssert(
    String name, List<Predicate> conjuncts, String filter, List<Predicate> pushed,
    List<Predicate> residual) {

  static TranslationAssert of(String name, List<Predicate> conjuncts, String filter,
      List<Predicate> pushed, List<Predicate> residual) {
    return new TranslationAssert(name, conjuncts, filter, pushed, residual);
  }

  /** Pushed exactly: in pushed only. */
  static TranslationAssert exact(String name, Predicate p, String filter) {
    return of(name, List.of(p), filter, List.of(p), List.of());
  }

  /** Pushed to prune: in both lists. */
  static TranslationAssert prune(String name, Predicate p, String filter) {
    return of(name, List.of(p), filter, List.of(p), List.of(p));
  }

  /** Not pushed. */
  static TranslationAssert kept(String name, Predicate p) {
    return of(name, List.of(p), null, List.of(), List.of(p));
  }

  void check(TableTranslator<?> translator) {
    Translation t = translator.translate(conjuncts);
    assertEquals(filter, t.filter(), name + ": filter");
    assertEquals(pushed, t.pushed(), name + ": pushed");
    assertEquals(residual, t.residual(), name + ": residual");
  }

  @Override
  public String toString() {
    return name;
  }
}
