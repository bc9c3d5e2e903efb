package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

/**
 * Secrets through an engine: tokens and passwords given every way the engine takes them reach the
 * wire (the proxy sees them) and nothing else: no log line, exception, plan, metadata or
 * {@code toString}. An engine's subclass exercises its own surfaces and searches what they showed
 * with {@link #assertNoLeak}.
 */
public abstract class SecretsITBase extends ReliabilityITBase {
  /** The user name of the basic-auth cases. */
  protected static final String USER = "alice";

  /** Fails naming the secret's form if {@code text} shows any of {@code forms}. */
  protected static void assertNoLeak(String where, String text, List<String> forms) {
    String leak = Secrets.leak(text, forms);
    assertNull(leak, where + " shows a secret: " + leak);
  }
}
