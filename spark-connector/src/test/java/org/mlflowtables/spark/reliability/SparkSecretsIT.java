package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.reliability.ScratchRun;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.reliability.Secrets;
import org.mlflowtables.core.reliability.SecretsITBase;

/**
 * Tokens and passwords given to Spark as read and write options, as catalog properties and
 * through the environment go on the wire but appear in no log line (DEBUG), exception, EXPLAIN
 * output, Spark UI page or event log. Runs Spark in a child JVM of its own, with the UI on, the
 * event log written to a temporary directory and the environment variables set.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class SparkSecretsIT extends SecretsITBase {
  @Test
  void secretsAppearInNoLogExceptionPlanUiPageOrEventLog() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String k : List.of("optToken", "optPassword", "catToken", "catPassword", "envToken",
        "envPassword", "writeToken")) {
      secrets.put(k, Secrets.fresh(k));
    }
    Path eventLog = Files.createTempDirectory("rel-spark-eventlog-");
    String run = ScratchRun.create(server.uri(), "rel-spark-secrets-", "secrets").runId();
    List<String> args = new ArrayList<>(List.of(proxy.uri(), eventLog.toUri().toString(), run));
    secrets.forEach((k, v) -> args.add(k + "=" + v));
    String text = Secrets.runChildJvm(SparkSecretsProbe.class, Map.of(
        "SPARK_LOCAL_IP", "127.0.0.1",
        "MLFLOW_TRACKING_URI", proxy.uri(),
        "MLFLOW_TRACKING_TOKEN", secrets.get("envToken"),
        "MLFLOW_TRACKING_USERNAME", USER,
        "MLFLOW_TRACKING_PASSWORD", secrets.get("envPassword")), 160,
        args.toArray(new String[0]));
    assertTrue(text.contains("probe done"), text.length() > 4000 ? text.substring(
        text.length() - 4000) : text);
    assertTrue(text.contains("DEBUG"), "DEBUG logs were captured");
    assertTrue(text.contains("== Physical Plan =="), "EXPLAIN output was captured");
    assertTrue(text.contains("[ui /SQL/"), "UI pages were fetched");

    // The secrets were used: each token reached the server as a bearer header, the passwords
    // as basic auth.
    for (String k : List.of("optToken", "catToken", "envToken", "writeToken")) {
      assertTrue(proxy.sawAuthorization("Bearer " + secrets.get(k)), k + " was sent");
    }
    // The passwords given as option and catalog property are NOT sent here: the child's
    // environment also has MLFLOW_TRACKING_TOKEN, and a token from the environment wins over an
    // explicit user and password (see CoreSecretsIT.explicitUserAndPasswordWinOverATokenFrom-
    // TheEnvironment). They must still appear nowhere.
    for (String k : List.of("optPassword", "catPassword")) {
      System.out.println(k + " sent: " + proxy.sawAuthorization("Basic " + Base64.getEncoder()
          .encodeToString((USER + ":" + secrets.get(k)).getBytes(StandardCharsets.UTF_8))));
    }
    List<String> forms = Secrets.forms(USER, secrets.values().toArray(new String[0]));
    String leak = Secrets.leak(text, forms);
    assertNull(leak, "the child's output (logs, exceptions, EXPLAIN, UI pages) shows a secret: "
        + leak);
    long logBytes;
    try (var files = Files.walk(eventLog)) {
      logBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(logBytes > 10_000, "an event log was written: " + logBytes + " bytes");
    String fileLeak = Secrets.leakInFiles(eventLog, forms);
    assertNull(fileLeak, "the event log shows a secret: " + fileLeak);
    String test = "secretsAppearInNoLogExceptionPlanUiPageOrEventLog";
    Figures.add(SparkSecretsIT.class, test, "secretsChecked", secrets.size());
    Figures.add(SparkSecretsIT.class, test, "outputBytesSearched", text.length());
    Figures.add(SparkSecretsIT.class, test, "eventLogBytesSearched", logBytes);
  }

  /** The child JVM: Spark with UI and event log, reading and writing with every kind of secret. */
  public static final class SparkSecretsProbe {
    public static void main(String[] argv) throws Exception {
      String proxyUri = argv[0];
      String eventLogDir = argv[1];
      String run = argv[2];
      Map<String, String> s = new LinkedHashMap<>();
      for (int i = 3; i < argv.length; i++) {
        String[] kv = argv[i].split("=", 2);
        s.put(kv[0], kv[1]);
      }
      // mlflow-tables logs through slf4j; under Spark that is log4j2: DEBUG for our packages.
      org.apache.logging.log4j.core.config.Configurator.setLevel("org.mlflowtables",
          org.apache.logging.log4j.Level.DEBUG);
      // A proxy of this JVM in front of the parent's, to refuse credentials on demand.
      FaultProxy refusing = FaultProxy.start(proxyUri, FaultPlan.always(Fault.HTTP_401));
      SparkSession spark = SparkSession.builder()
          .master("local[2]")
          .appName("mlflow-tables-secrets-probe")
          .config("spark.ui.enabled", "true")
          .config("spark.ui.port", "0")
          .config("spark.eventLog.enabled", "true")
          .config("spark.eventLog.dir", eventLogDir)
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.catalog.mlf", "org.mlflowtables.spark.MlflowCatalog")
          .config("spark.sql.catalog.mlf.uri", proxyUri)
          .config("spark.sql.catalog.mlf.token", s.get("catToken"))
          .config("spark.sql.catalog.mlfpw", "org.mlflowtables.spark.MlflowCatalog")
          .config("spark.sql.catalog.mlfpw.uri", proxyUri)
          .config("spark.sql.catalog.mlfpw.user", USER)
          .config("spark.sql.catalog.mlfpw.password", s.get("catPassword"))
          .config("spark.sql.catalog.mlfbad", "org.mlflowtables.spark.MlflowCatalog")
          .config("spark.sql.catalog.mlfbad.uri", refusing.uri())
          .config("spark.sql.catalog.mlfbad.token", s.get("catToken"))
          .config("spark.sql.catalog.mlfbad.maxRetries", "1")
          .getOrCreate();
      List<Dataset<Row>> queries = new ArrayList<>();
      queries.add(spark.read().format("mlflow").option("uri", proxyUri)
          .option("token", s.get("optToken")).load("runs").where("run_name LIKE 'fx-%'"));
      queries.add(spark.read().format("mlflow").option("uri", proxyUri).option("user", USER)
          .option("password", s.get("optPassword")).load("params").where("key = 'lr'"));
      queries.add(spark.sql("SELECT run_id, metrics['loss'] FROM mlf.runs WHERE "
          + "run_name LIKE 'fx-alpha%'"));
      queries.add(spark.sql("SELECT name FROM mlfpw.experiments"));
      // The environment: no uri, no token in the options.
      queries.add(spark.read().format("mlflow").load("experiments"));
      for (Dataset<Row> q : queries) {
        q.explain("extended");
        System.out.println("[collected] " + q.collectAsList().size() + " rows");
        System.out.println("[queryExecution] " + q.queryExecution());
      }
      spark.sql("EXPLAIN EXTENDED SELECT * FROM mlf.tags WHERE key = 'env'").collectAsList()
          .forEach(r -> System.out.println("[EXPLAIN] " + r.getString(0)));
      spark.sql("SHOW TABLES IN mlf").collectAsList().forEach(r -> System.out.println(r));
      spark.sql("DESCRIBE TABLE EXTENDED mlf.runs").collectAsList()
          .forEach(r -> System.out.println("[describe] " + r));
      // Errors with secrets set: refused credentials, an unknown option, a bad row.
      for (Runnable failing : List.<Runnable>of(
          () -> spark.sql("SELECT * FROM mlfbad.runs").collectAsList(),
          () -> spark.read().format("mlflow").option("uri", refusing.uri())
              .option("token", s.get("optToken")).option("maxRetries", "1").load("runs")
              .collectAsList(),
          () -> spark.read().format("mlflow").option("uri", proxyUri)
              .option("token", s.get("optToken")).option("tokn", "x").load("runs").collectAsList(),
          () -> write(spark, proxyUri, s.get("writeToken"), run, "bad'key"))) {
        try {
          failing.run();
          System.out.println("[no error?]");
        } catch (Exception e) { // SparkException is checked, though Scala does not declare it
          System.out.println("[error] " + e);
          e.printStackTrace(System.out);
        }
      }
      write(spark, proxyUri, s.get("writeToken"), run, "good");
      // Every UI page a user would open.
      // Only ever the loopback address: the port of the UI, on 127.0.0.1.
      int uiPort = URI.create(spark.sparkContext().uiWebUrl().get()).getPort();
      String ui = "http://127.0.0.1:" + uiPort;
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<String> pages = new ArrayList<>(List.of("/jobs/", "/stages/", "/SQL/", "/environment/",
          "/executors/", "/storage/", "/api/v1/applications"));
      for (int id = 0; id < 20; id++) {
        pages.add("/SQL/execution/?id=" + id);
      }
      String appId = spark.sparkContext().applicationId();
      pages.add("/api/v1/applications/" + appId + "/sql?details=true&planDescription=true");
      pages.add("/api/v1/applications/" + appId + "/environment");
      pages.add("/api/v1/applications/" + appId + "/stages?details=true");
      for (String page : pages) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ui + page))
              .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
          System.out.println("[ui " + page + "] " + r.statusCode() + "\n" + r.body());
        } catch (IOException e) {
          System.out.println("[ui " + page + "] " + e);
        }
      }
      spark.stop();
      refusing.close();
      System.out.println("probe done");
      System.exit(0);
    }

    private static void write(SparkSession spark, String uri, String token, String run,
        String key) {
      StructType schema = DataTypes.createStructType(List.of(
          DataTypes.createStructField("run_id", DataTypes.StringType, false),
          DataTypes.createStructField("key", DataTypes.StringType, false),
          DataTypes.createStructField("value", DataTypes.StringType, false)));
      Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(run, key, "v")), schema);
      df.write().format("mlflow").option("uri", uri).option("token", token).mode("append")
          .save("tags");
    }
  }
}
