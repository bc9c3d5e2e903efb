package org.mlflowtables.core.reliability;

import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.testing.Throwables;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * What every reliability test class of core, Spark and JDBC shares: the real server with the
 * fixture and its oracle (MLflow's Python client), a {@link FaultProxy} in front of it that injects
 * nothing until a test plans a fault, the fixture's experiments as a filter, and the messages of a
 * failure. Each suite (faults, bad input, secrets, load, back-fills under faults) has a base of its
 * own below this one, and each engine a thin subclass of it saying how that engine reads, writes
 * and fails, as spark-bigquery-connector's integration test bases do.
 */
@ExtendWith(MlflowServerExtension.class)
public abstract class ReliabilityITBase {
  protected static MlflowServer server;
  protected static Oracle oracle;
  protected static FaultProxy proxy;

  @BeforeAll
  static void startProxy(MlflowServer s) {
    server = s;
    oracle = s.fixture().oracle();
    proxy = FaultProxy.start(s.uri(), FaultPlan.none());
  }

  @AfterAll
  static void closeProxy() {
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
  }

  /** The fixture's experiment ids as a SQL IN list: {@code ('1', '2')}. */
  protected static String fixtureExperimentsSql() {
    return oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code experiment_id IN (the fixture's experiments)}, for core's scans. */
  protected static Predicate inFixture() {
    return new In(new ColumnRef("experiment_id"), oracle.experiments().stream()
        .map(e -> new Literal(e.experimentId())).toList());
  }

  /** Every message of a throwable, its causes and suppressed ones (engines wrap core's errors). */
  protected static String messages(Throwable t) {
    return Throwables.messages(t);
  }
}
