package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;

/**
 * Reads through {@link FaultProxy} under bursts of every transient fault: each table an engine
 * reads equals MLflow's Python client. An engine's subclass names its tables (a static
 * {@code tablesUnderFaults()}), reads one of them through the proxy and gives the oracle's answer
 * in the same form; its own tests add what fails how in that engine (a spent retry budget, a
 * restart in the middle of a read).
 *
 * @param <A> an engine's answer to a read: rows as that engine compares them
 */
public abstract class FaultsITBase<A> extends ReliabilityITBase {
  /** How long a "slow" answer is held back: beyond every client timeout these tests set. */
  private static final int SLOW_MILLIS = 2_300;

  @BeforeAll
  static void slowAnswersOutlastTheTimeout() {
    proxy.slowMillis(SLOW_MILLIS);
  }

  @BeforeEach
  void clean() {
    proxy.reset();
  }

  /** The fixture's rows of the table, read through the proxy (faults planned) by the engine. */
  protected abstract A readUnderFaults(String table);

  /** MLflow's Python client's rows of the table, as {@link #readUnderFaults} gives them. */
  protected abstract A oracleAnswer(String table);

  /** The number of rows of an answer. */
  protected abstract int rows(A answer);

  /** The engine's own figures of a read under faults (none by default). */
  protected void addFigures(String test) {}

  @ParameterizedTest
  @MethodSource("tablesUnderFaults")
  void tablesReadExactlyTheOraclesRowsThroughBurstsOfFaults(String table) {
    proxy.plan(FaultPlan.bursts(2, 3, Fault.TRANSIENT_WEIGHTED));
    A actual = readUnderFaults(table);
    A expected = oracleAnswer(table);
    assertFalse(rows(expected) == 0, "the fixture has rows for " + table);
    assertEquals(expected, actual, "rows of " + table + " under faults " + proxy.injected());
    assertTrue(proxy.injectedTotal() > 0, "faults were injected: " + proxy);
    String test = "tablesReadExactlyTheOraclesRowsThroughBurstsOfFaults[" + table + "]";
    Figures.addReadUnderFaults(getClass(), test, proxy, rows(expected));
    addFigures(test);
    System.out.printf("%s %s: %d rows equal the oracle; %d requests, %s%n",
        getClass().getSimpleName(), table, rows(expected), proxy.requests(), proxy.injected());
  }
}
