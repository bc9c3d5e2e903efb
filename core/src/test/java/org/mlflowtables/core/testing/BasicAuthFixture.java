package org.mlflowtables.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * A server with MLflow's basic-auth app ({@link MlflowServer#startWithBasicAuth}), seeded by its
 * admin with MLflow's Python client: experiments "granted" and "hidden" of three finished runs
 * each (metric {@code m}), and a user who may READ "granted" only, made and granted through the
 * auth REST API ({@code mlflow.server.get_app_client("basic-auth")}). Passwords are fresh per
 * fixture and never shown by {@link #toString()}.
 */
public final class BasicAuthFixture implements AutoCloseable {
  /** The user with READ on "granted". */
  public static final String READER = "reader";

  private static final String SCRIPT = String.join("\n",
      "import json, os, sys, warnings",
      "warnings.filterwarnings('ignore')",
      "from mlflow import MlflowClient",
      "from mlflow.server import get_app_client",
      "spec = json.load(open(sys.argv[1]))",
      "c = MlflowClient()",
      "out = {}",
      "for name in ('granted', 'hidden'):",
      "    e = c.create_experiment(name + '-' + spec['suffix'])",
      "    runs = []",
      "    for i in range(3):",
      "        r = c.create_run(e, run_name='%s-%d' % (name, i))",
      "        c.log_metric(r.info.run_id, 'm', float(i), timestamp=1700000000000 + i, step=0)",
      "        c.set_terminated(r.info.run_id)",
      "        runs.append(r.info.run_id)",
      "    out[name] = {'experiment_id': e, 'runs': runs}",
      "auth = get_app_client('basic-auth', tracking_uri=os.environ['MLFLOW_TRACKING_URI'])",
      "auth.create_user(spec['user'], spec['password'])",
      "auth.grant_user_permission(spec['user'], 'experiment', out['granted']['experiment_id'],"
          + " 'READ')",
      "print(json.dumps(out))",
      "");

  private final MlflowServer server;
  private final String adminPassword;
  private final String readerPassword;
  private final String grantedExperiment;
  private final List<String> grantedRuns;
  private final String hiddenExperiment;
  private final List<String> hiddenRuns;

  private BasicAuthFixture(MlflowServer server, String adminPassword, String readerPassword,
      JsonNode seeded) {
    this.server = server;
    this.adminPassword = adminPassword;
    this.readerPassword = readerPassword;
    this.grantedExperiment = seeded.path("granted").path("experiment_id").asText();
    this.grantedRuns = texts(seeded.path("granted").path("runs"));
    this.hiddenExperiment = seeded.path("hidden").path("experiment_id").asText();
    this.hiddenRuns = texts(seeded.path("hidden").path("runs"));
  }

  /** Starts the server and seeds it (the caller closes it). */
  public static BasicAuthFixture start() {
    String adminPassword = "admin-pw-" + UUID.randomUUID();
    String readerPassword = "reader-pw-" + UUID.randomUUID();
    MlflowServer server = MlflowServer.startWithBasicAuth(adminPassword);
    try {
      Path dir = Files.createTempDirectory(server.directory(), "auth-seed-");
      Path script = dir.resolve("seed.py");
      Path spec = dir.resolve("spec.json");
      Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
      Files.writeString(spec, "{\"suffix\": \"" + UUID.randomUUID() + "\", \"user\": \"" + READER
          + "\", \"password\": \"" + readerPassword + "\"}", StandardCharsets.UTF_8);
      String out = server.runPython(Duration.ofMinutes(3), script.toString(), spec.toString());
      String[] lines = out.strip().split("\n");
      JsonNode seeded = new ObjectMapper().readTree(lines[lines.length - 1]);
      return new BasicAuthFixture(server, adminPassword, readerPassword, seeded);
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  public MlflowServer server() {
    return server;
  }

  public String uri() {
    return server.uri();
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** The password of {@link #READER}. */
  public String readerPassword() {
    return readerPassword;
  }

  public String grantedExperiment() {
    return grantedExperiment;
  }

  public List<String> grantedRuns() {
    return grantedRuns;
  }

  public String hiddenExperiment() {
    return hiddenExperiment;
  }

  public List<String> hiddenRuns() {
    return hiddenRuns;
  }

  /** A client of the admin's, who sees everything: to check what a test left on the server. */
  public MlflowClient admin() {
    return MlflowClient.create(MlflowConfig.from(Map.of("uri", uri(), "user",
        MlflowServer.ADMIN_USER, "password", adminPassword), Map.of()));
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public String toString() {
    return "BasicAuthFixture[" + server + ", granted " + grantedExperiment + ", hidden "
        + hiddenExperiment + "]";
  }
}
