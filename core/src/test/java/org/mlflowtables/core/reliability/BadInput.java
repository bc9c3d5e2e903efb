package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The bad-input case that the reliability tests of core, Spark and JDBC share: an action that must
 * fail with an error naming the culprit, each passed case counted in the figures of its test class.
 */
public final class BadInput {
  private BadInput() {}

  /**
   * A dynamic test {@code name}: {@code action} must throw a {@code type}, and {@code messages} of
   * what it threw must contain every phrase. The messages are a parameter because where the
   * culprit is named differs: core's own errors name it in their message, while an engine wraps
   * them (Spark in task failures, JDBC in SQLExceptions) and the name may sit in a cause.
   */
  public static DynamicTest error(Class<?> testClass, String name,
      Class<? extends Throwable> type, Function<Throwable, String> messages, Executable action,
      String... phrases) {
    return dynamicTest(name, () -> {
      Throwable t = null;
      try {
        action.execute();
      } catch (Throwable e) {
        t = e;
      }
      if (t == null) {
        fail(name + ": no error");
      }
      if (!type.isInstance(t)) {
        throw new AssertionError(name + ": expected " + type.getSimpleName() + ", got " + t, t);
      }
      String m = messages.apply(t);
      for (String p : phrases) {
        assertTrue(m != null && m.contains(p), name + ": message lacks '" + p + "': " + m);
      }
      System.out.println("[bad input] " + name + " -> " + t.getMessage());
      count(testClass);
    });
  }

  /**
   * Counts one passed case of {@code testClass} as the figure {@code badInputs/cases}, which the
   * reliability report sums per class: the awkward-but-legal cases count as well as the errors.
   */
  public static void count(Class<?> testClass) {
    Figures.add(testClass, "badInputs", "cases", 1);
  }
}
