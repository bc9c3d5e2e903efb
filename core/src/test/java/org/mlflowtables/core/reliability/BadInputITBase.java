package org.mlflowtables.core.reliability;

import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input through an engine: each case must fail with an error naming the culprit (table,
 * column, setting, run, key or rule), and awkward but legal input must give the oracle's rows. The
 * rows an engine writes go to a scratch run of its own. An engine's subclass says what its errors
 * are and where its messages are ({@link #error}).
 */
public abstract class BadInputITBase extends ReliabilityITBase {
  /** A scratch run of this test class, for the rows it writes (the fixture stays untouched). */
  protected static String runId;

  @BeforeAll
  static void scratchRun() {
    runId = ScratchRun.create(server.uri(), "rel-bad-input-", "bad-input").runId();
  }

  /**
   * A case that must fail with {@code type}, every phrase in {@code messages} of what it threw;
   * counted in the figures of {@code testClass}.
   */
  protected static DynamicTest error(Class<?> testClass, String name,
      Class<? extends Throwable> type, Function<Throwable, String> messages, Executable action,
      String... phrases) {
    return BadInput.error(testClass, name, type, messages, action, phrases);
  }
}
