package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.RetryPolicy;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;

/**
 * A token and a password, given as settings, through the environment (a child JVM with the
 * variables set) and inside the URI's user-info, go on the wire (the proxy sees them) but into no
 * log line at DEBUG, exception message or stack trace, and no toString or scan description.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class CoreSecretsIT extends SecretsITBase {
  private static In inFixture;

  @BeforeAll
  static void setUp() {
    proxy.slowMillis(1_300);
    inFixture = (In) inFixture();
  }

  /** Scans, faults, errors and writes with this config; everything said goes into {@code c}. */
  static void exercise(MlflowConfig config, Secrets.Capture c) {
    c.add("config", config);
    MlflowClient client = MlflowClient.create(config, new RetryPolicy(3, Duration.ofMillis(10),
        Duration.ofMillis(200)));
    c.add("client", client);
    // A scan through every transient fault: retries are logged at DEBUG.
    proxy.plan(FaultPlan.bursts(1, 2, FaultProxy.Fault.TRANSIENT));
    ScanPlan plan = ScanPlanner.plan(config, new ScanRequest("runs", List.of(inFixture),
        List.of(), null));
    c.add("plan", plan.describe());
    try (RowIterator it = plan.openAll(client)) {
      it.forEachRemaining(r -> { });
      c.add("counters", it.counters());
    }
    // Errors: refused credentials, a spent budget, a write to a run that does not exist.
    for (Fault f : List.of(Fault.HTTP_401, Fault.HTTP_403, Fault.HTTP_503,
        Fault.HTML_502_FROM_PROXY, Fault.SLOWER_THAN_TIMEOUT)) {
      proxy.plan(FaultPlan.always(f));
      MlflowTablesException e = assertThrows(MlflowTablesException.class, () -> {
        try (RowIterator it = plan.openAll(client)) {
          it.forEachRemaining(r -> { });
        }
      });
      c.add(f.name(), e);
    }
    proxy.plan(FaultPlan.none());
    LogBatchWriter w = LogBatchWriter.create(client);
    c.add("writer", w);
    MlflowTablesException e = assertThrows(MlflowTablesException.class, () -> {
      w.add(MetricRow.of("0123456789abcdef0123456789abcdef", "loss", 1, 1, 0));
      w.flush();
    });
    c.add("write error", e);
    c.add("write result", w.result());
    try {
      w.close();
    } catch (RuntimeException closing) {
      c.add("close", closing);
    }
    // A setting error while secrets are set.
    c.add("config error", assertThrows(ConfigException.class,
        () -> config.with("maxRetries", "lots")));
  }

  @Test
  void tokenAndPasswordGivenAsSettingsAppearNowhere() {
    String token = Secrets.fresh("tok");
    String password = Secrets.fresh("pw");
    List<String> forms = Secrets.forms(USER, token, password);
    String text;
    try (Secrets.Capture c = new Secrets.Capture()) {
      exercise(MlflowConfig.from(Map.of("uri", proxy.uri(), "token", token, "timeoutSeconds",
          "1"), Map.of()), c);
      exercise(MlflowConfig.from(Map.of("uri", proxy.uri(), "user", USER, "password", password,
          "timeoutSeconds", "1"), Map.of()), c);
      text = c.text();
    }
    assertTrue(proxy.sawAuthorization("Bearer " + token), "the token went on the wire");
    assertTrue(proxy.sawAuthorization("Basic " + Base64.getEncoder().encodeToString(
        (USER + ":" + password).getBytes(StandardCharsets.UTF_8))), "the password went too");
    assertTrue(text.contains("DEBUG") && text.contains("retrying"), "DEBUG logs were captured");
    assertNoLeak("logs, messages, toString and plans", text, forms);
    Figures.add(CoreSecretsIT.class, "tokenAndPasswordGivenAsSettingsAppearNowhere",
        "capturedBytes", text.length());
    Figures.addFaults(CoreSecretsIT.class, "tokenAndPasswordGivenAsSettingsAppearNowhere", proxy);
    proxy.resetCounters();
  }

  @Test
  void tokenAndPasswordFromTheEnvironmentMapAppearNowhere() {
    String token = Secrets.fresh("tok");
    String password = Secrets.fresh("pw");
    String text;
    try (Secrets.Capture c = new Secrets.Capture()) {
      exercise(MlflowConfig.from(Map.of("uri", proxy.uri(), "timeoutSeconds", "1"),
          Map.of("MLFLOW_TRACKING_TOKEN", token)), c);
      exercise(MlflowConfig.from(Map.of("uri", proxy.uri(), "timeoutSeconds", "1"),
          Map.of("MLFLOW_TRACKING_USERNAME", USER, "MLFLOW_TRACKING_PASSWORD", password)), c);
      text = c.text();
    }
    assertTrue(proxy.sawAuthorization("Bearer " + token));
    assertNoLeak("output", text, Secrets.forms(USER, token, password));
    proxy.resetCounters();
  }

  @Test
  void tokenAndPasswordInTheRealEnvironmentOfAChildJvmAppearNowhere() {
    String token = Secrets.fresh("tok");
    String password = Secrets.fresh("pw");
    String text = Secrets.runChildJvm(CoreSecretsProbe.class, Map.of(
        "MLFLOW_TRACKING_URI", proxy.uri(), "MLFLOW_TRACKING_TOKEN", token,
        "MLFLOW_TRACKING_USERNAME", USER, "MLFLOW_TRACKING_PASSWORD", password), 90,
        server.uri());
    assertTrue(text.contains("probe done"), text);
    assertTrue(text.contains("DEBUG"), "the child logged at DEBUG");
    assertTrue(proxy.sawAuthorization("Bearer " + token), "the child sent the token");
    assertNoLeak("the child JVM's output", text, Secrets.forms(USER, token, password));
    Figures.add(CoreSecretsIT.class, "tokenAndPasswordInTheRealEnvironmentOfAChildJvmAppearNowhere",
        "capturedBytes", text.length());
    proxy.resetCounters();
  }

  @Test
  void aPasswordInTheUrisUserInfoAppearsNowhere() {
    String password = Secrets.fresh("pw");
    List<String> forms = Secrets.forms(USER, password);
    String withInfo = proxy.uri().replace("http://", "http://" + USER + ":" + password + "@");
    String text;
    try (Secrets.Capture c = new Secrets.Capture()) {
      exercise(MlflowConfig.from(Map.of("uri", withInfo, "timeoutSeconds", "1"), Map.of()), c);
      for (String bad : List.of("ftp://" + USER + ":" + password + "@example.com",
          "http://" + USER + ":" + password + "@exa mple.com")) {
        c.add("bad uri", assertThrows(ConfigException.class,
            () -> MlflowConfig.from(Map.of("uri", bad), Map.of())));
      }
      text = c.text();
    }
    assertNoLeak("output with a password in the URI", text, forms);
    proxy.resetCounters();
  }

  @Test
  void aMalformedUriWithUserInfoDoesNotEchoThePassword() {
    // A URI without host or without scheme: its error must not show the user-info (it once did,
    // when validateUri redacted only the form "scheme://user:pw@host").
    String password = Secrets.fresh("pw");
    for (String uri : List.of("http://" + USER + ":" + password + "@",
        USER + ":" + password + "@mlflow.example.com:5000")) {
      ConfigException e = assertThrows(ConfigException.class, () -> MlflowConfig.from(
          Map.of("uri", uri), Map.of()));
      assertTrue(e.getMessage().contains("'uri'"), e.getMessage());
      assertNoLeak("the error of a malformed URI", e.getMessage(), Secrets.forms(USER, password));
    }
  }

  @Test
  void explicitUserAndPasswordWinOverATokenFromTheEnvironment() {
    // User and password given explicitly (Spark option, catalog property, JDBC property) are
    // what goes out, not a token MLFLOW_TRACKING_TOKEN happens to hold.
    String password = Secrets.fresh("pw");
    String envToken = Secrets.fresh("envtok");
    MlflowConfig config = MlflowConfig.from(Map.of("uri", proxy.uri(), "user", USER,
        "password", password), Map.of("MLFLOW_TRACKING_TOKEN", envToken));
    proxy.plan(FaultPlan.none());
    MlflowClient.create(config).getExperiment(
        server.fixture().oracle().experiments().get(0).experimentId());
    assertTrue(!proxy.sawAuthorization("Bearer " + envToken)
        && proxy.sawAuthorization("Basic " + Base64.getEncoder().encodeToString(
            (USER + ":" + password).getBytes(StandardCharsets.UTF_8))),
        "the explicit user and password were sent, not the environment's token");
  }

  /** The child JVM of {@link #tokenAndPasswordInTheRealEnvironmentOfAChildJvmAppearNowhere}. */
  public static final class CoreSecretsProbe {
    public static void main(String[] args) throws Exception {
      String upstream = args[0];
      // This JVM's own proxy, as the parent's proxy counters are not reachable from here.
      try (FaultProxy p = FaultProxy.start(System.getenv("MLFLOW_TRACKING_URI"),
          FaultPlan.none())) {
        proxy = p;
        String experiment = MlflowClient.create(MlflowConfig.from(Map.of("uri", upstream),
            Map.of())).createExperiment("rel-secrets-" + UUID.randomUUID(), null, Map.of());
        inFixture = new In(new ColumnRef("experiment_id"), List.of(new Literal(experiment)));
        // Settings empty: uri, token, user and password all come from the environment. The
        // token wins over user and password, as documented.
        MlflowConfig config = MlflowConfig.from(Map.of("timeoutSeconds", "1"));
        MlflowConfig viaChildProxy = config.with("uri", p.uri());
        try (Secrets.Capture c = new Secrets.Capture()) {
          exercise(viaChildProxy, c);
          System.out.println(c.text().length() > 0 ? "captured" : "nothing captured");
        }
        System.out.println("env config: " + config);
      }
      System.out.println("probe done");
      System.exit(0);
    }
  }
}
