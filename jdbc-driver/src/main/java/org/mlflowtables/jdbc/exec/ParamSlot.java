package org.mlflowtables.jdbc.exec;

import java.util.List;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.predicate.ValueRef;

/**
 * A {@code ?} parameter that reaches core: its index, what it stands for, and the sample value the
 * planner decides with. A statement is planned once, with samples; each execution binds its own
 * values ({@link ParamValues}). The samples are what core decides for as it does for typical values
 * (a canonical experiment id, a quotable string, a whole number, a finite double, a LIKE pattern
 * with a wildcard); EXPLAIN shows them as {@code ?0}, {@code ?1}, ... as Calcite numbers them.
 *
 * @param index the parameter's index, as in {@code DataContext.get("?" + index)} (0-based)
 * @param role what the value is used as
 * @param type the core type a VALUE must have (LONG for a LIMIT, STRING for a PATTERN)
 * @param target what the parameter is compared with, for messages ({@code start_time},
 *     {@code metrics['rmse']}), or {@code LIMIT}
 */
public record ParamSlot(int index, Role role, ColumnType type, String target) {
  /**
   * Digits no query is likely to hold, so that EXPLAIN can show the samples as parameters; within
   * 32 bits, so that a sample is pushed wherever a typical value is (model versions are INT32).
   */
  private static final long SAMPLE_BASE = 973_100_000L;

  /** What a parameter's value is used as. */
  public enum Role {
    /** A value compared with a column or map entry. */
    VALUE,
    /** A LIKE pattern. */
    PATTERN,
    /** A row count (LIMIT or OFFSET). */
    LIMIT
  }

  /** A value compared with {@code ref}, whose values have {@code type}. */
  public static ParamSlot value(int index, ColumnType type, ValueRef ref) {
    return new ParamSlot(index, Role.VALUE, type, ref.sql());
  }

  /** A LIKE pattern matched against {@code ref}. */
  public static ParamSlot pattern(int index, ValueRef ref) {
    return new ParamSlot(index, Role.PATTERN, ColumnType.STRING, ref.sql());
  }

  /** A LIMIT or OFFSET. */
  public static ParamSlot limit(int index) {
    return new ParamSlot(index, Role.LIMIT, ColumnType.LONG, "LIMIT");
  }

  /** The value core decides with while planning: String, Long or Double. */
  public Object sample() {
    long n = SAMPLE_BASE + index;
    if (role == Role.PATTERN) {
      return n + "%";
    }
    switch (type) {
      case STRING:
        return Long.toString(n);
      case DOUBLE:
        return (double) n;
      default:
        return n;
    }
  }

  /** How the sample reads in core's descriptions. */
  private String marker() {
    Object s = sample();
    return s instanceof Double d ? Double.toString(d) : s.toString();
  }

  /** {@code text} with each slot's sample shown as the parameter it stands for. */
  public static String show(String text, List<ParamSlot> slots) {
    String shown = text;
    for (ParamSlot slot : slots) {
      shown = shown.replace(slot.marker(), "?" + slot.index());
    }
    return shown;
  }
}
