package org.mlflowtables.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The Spark line a connector jar is built for: a Spark release line ({@code 3.5}, {@code 4}) and a
 * Scala binary version ({@code 2.12}, {@code 2.13}), one jar each, named {@code
 * mlflow-tables-spark-<line>_<scala>}. The sources are the same; the jars are not interchangeable
 * (Spark and Scala classes differ between lines), so the connector checks the running Spark before
 * it does anything and names the jar to use instead.
 *
 * @param spark the Spark line: {@code 3.5} for 3.5.x, {@code 4} for 4.x
 * @param scalaBinary the Scala binary version
 */
record SparkLine(String spark, String scalaBinary) {
  /** Every line the project builds a jar for. */
  static final List<SparkLine> ALL = List.of(
      new SparkLine("3.5", "2.12"), new SparkLine("3.5", "2.13"), new SparkLine("4", "2.13"));

  private static final String RESOURCE = "spark-line.properties";

  /** The line of this jar, as its build wrote it into {@value #RESOURCE}. */
  static SparkLine built() {
    Properties p = builtProperties();
    return new SparkLine(p.getProperty("spark.line"), p.getProperty("scala.binary.version"));
  }

  /** The artifact id the build gave this jar (a test checks it is {@link #artifact()}). */
  static String builtArtifact() {
    return builtProperties().getProperty("artifact");
  }

  /** The artifact id of this line's jar. */
  String artifact() {
    return "mlflow-tables-spark-" + spark + "_" + scalaBinary;
  }

  /** Whether Spark {@code sparkVersion} on Scala {@code scalaVersion} (full versions) is it. */
  boolean runs(String sparkVersion, String scalaVersion) {
    return sparkVersion.startsWith(spark + ".") && scalaVersion.startsWith(scalaBinary + ".");
  }

  /**
   * Null when this jar's line matches the running Spark and Scala; otherwise the message that
   * says what was found and which jar to use.
   */
  static String mismatch() {
    return Running.MISMATCH;
  }

  /** Fails, naming the versions found and the jar to use, when this jar is not for this Spark. */
  static void require() {
    String mismatch = mismatch();
    if (mismatch != null) {
      throw new IllegalStateException(mismatch);
    }
  }

  /** {@link #mismatch()} for the given full versions, for this line's jar. */
  String mismatch(String sparkVersion, String scalaVersion) {
    if (runs(sparkVersion, scalaVersion)) {
      return null;
    }
    String found = "this is Spark " + sparkVersion + " on Scala " + scalaVersion;
    String jar = ALL.stream().filter(l -> l.runs(sparkVersion, scalaVersion)).findFirst()
        .map(l -> "use " + l.artifact() + " instead")
        .orElse("no mlflow-tables connector jar is built for it (there are jars for Spark 3.5 on"
            + " Scala 2.12 and 2.13, and Spark 4.x on Scala 2.13)");
    return artifact() + " is the mlflow-tables connector for Spark " + spark + ".x on Scala "
        + scalaBinary + ", but " + found + ": " + jar + ". See docs/jars.md.";
  }

  /** The check against the running Spark, made once. */
  private static final class Running {
    static final String MISMATCH =
        built().mismatch(runningSpark(), scala.util.Properties.versionNumberString());
  }

  /** org.apache.spark.SPARK_VERSION (a Scala package object, which Java cannot name). */
  private static String runningSpark() {
    try {
      return (String) Class.forName("org.apache.spark.package").getMethod("SPARK_VERSION")
          .invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the running Spark's version", e);
    }
  }

  private static Properties builtProperties() {
    Properties p = new Properties();
    try (InputStream in = SparkLine.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the connector jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
