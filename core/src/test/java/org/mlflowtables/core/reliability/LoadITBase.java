package org.mlflowtables.core.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An engine under load against one server (through the proxy, which counts requests and
 * connections): every answer equals the oracle's, HTTP connections stay bounded, and no thread is
 * left behind. An engine's subclass runs its load and says which threads it counts.
 */
public abstract class LoadITBase extends ReliabilityITBase {
  /**
   * Live threads whose names {@code count} accepts, by name with numbers folded:
   * "mlflow-history-3" counts as "mlflow-history-#".
   */
  protected static Map<String, Integer> threads(Predicate<String> count) {
    Map<String, Integer> m = new TreeMap<>();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      if (count.test(t.getThreadName())) {
        m.merge(t.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum);
      }
    }
    return m;
  }

  /** How many threads a {@link #threads} map holds. */
  protected static int total(Map<String, Integer> threads) {
    return threads.values().stream().mapToInt(Integer::intValue).sum();
  }
}
