package org.mlflowtables.jdbc.exec;

import java.util.List;
import org.mlflowtables.core.predicate.Conjuncts;
import org.mlflowtables.core.predicate.Predicate;

/**
 * A SQL conjunct in core's predicate model, as a template over its {@code ?} parameters: the
 * planner decides with the samples' predicate ({@link #predicate()}), each execution binds the
 * statement's values ({@link #bind}). Without parameters it is one constant predicate.
 */
public final class TranslatedPredicate {
  /** Builds the predicate for given parameter values. */
  @FunctionalInterface
  public interface Template {
    Predicate bind(ParamBinding values);
  }

  private final Template template;
  private final List<ParamSlot> params;
  private final Predicate planned;

  /**
   * @param template the predicate for given values
   * @param params the parameters it reads, empty for a constant predicate
   */
  public TranslatedPredicate(Template template, List<ParamSlot> params) {
    this.template = template;
    this.params = List.copyOf(params);
    this.planned = template.bind(ParamBinding.SAMPLES);
  }

  /** A predicate without parameters. */
  public static TranslatedPredicate of(Predicate constant) {
    return new TranslatedPredicate(values -> constant, List.of());
  }

  /** The predicate the planner decides with (each parameter's sample in its place). */
  public Predicate predicate() {
    return planned;
  }

  /** The conjuncts core sees in {@link #predicate()} (nested ANDs split, NOTs pushed in). */
  public List<Predicate> parts() {
    return Conjuncts.normalize(List.of(planned));
  }

  public List<ParamSlot> params() {
    return params;
  }

  public boolean hasParams() {
    return !params.isEmpty();
  }

  /** The predicate with the statement's values. */
  public Predicate bind(ParamBinding values) {
    return params.isEmpty() ? planned : template.bind(values);
  }

  @Override
  public String toString() {
    return ParamSlot.show(planned.sql(), params);
  }
}
