package org.mlflowtables.core.testing;

/** Test helpers for errors that engines wrap (Spark, Calcite and Avatica wrap core's). */
public final class Throwables {
  private Throwables() {}

  /** Every message of a throwable, its causes and their suppressed ones, one per line. */
  public static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null && sb.length() < 100_000; c = c.getCause()) {
      sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
      for (Throwable s : c.getSuppressed()) {
        sb.append("  suppressed ").append(s.getMessage()).append('\n');
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
