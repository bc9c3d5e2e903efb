package org.mlflowtables.jdbc.exec;

/**
 * The values of a statement's {@code ?} parameters as core takes them: String, Long or Double (a
 * PATTERN is a String, a LIMIT a Long). {@link #SAMPLES} while planning, {@link ParamValues} when
 * the statement executes.
 */
@FunctionalInterface
public interface ParamBinding {
  /** The planner's values: each slot's sample. */
  ParamBinding SAMPLES = ParamSlot::sample;

  Object value(ParamSlot slot);
}
