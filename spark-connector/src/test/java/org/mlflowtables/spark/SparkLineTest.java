package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which Spark a connector jar is for, and what it says on another. */
class SparkLineTest {
  private static final SparkLine SPARK4 = new SparkLine("4", "2.13");
  private static final SparkLine SPARK35_212 = new SparkLine("3.5", "2.12");

  @Test
  void theBuildNamesTheArtifactForItsLine() {
    assertEquals(SparkLine.built().artifact(), SparkLine.builtArtifact());
  }

  @Test
  void theJarUnderTestIsForTheSparkItRunsOn() {
    assertNull(SparkLine.mismatch());
  }

  @Test
  void aLineRunsEveryReleaseOfItOnItsScala() {
    assertNull(SPARK4.mismatch("4.0.1", "2.13.16"));
    assertNull(SPARK4.mismatch("4.2.0", "2.13.18"));
    assertNull(SPARK35_212.mismatch("3.5.0", "2.12.18"));
    assertNull(new SparkLine("3.5", "2.13").mismatch("3.5.9", "2.13.8"));
  }

  @Test
  void theSpark4JarOnSpark35NamesTheVersionsAndTheJarToUse() {
    assertEquals("mlflow-tables-spark-4_2.13 is the mlflow-tables connector for Spark 4.x on Scala"
        + " 2.13, but this is Spark 3.5.9 on Scala 2.12.18: use mlflow-tables-spark-3.5_2.12"
        + " instead. See docs/jars.md.", SPARK4.mismatch("3.5.9", "2.12.18"));
  }

  @Test
  void theSpark35JarOnSpark4NamesTheVersionsAndTheJarToUse() {
    assertEquals("mlflow-tables-spark-3.5_2.12 is the mlflow-tables connector for Spark 3.5.x on"
        + " Scala 2.12, but this is Spark 4.2.0 on Scala 2.13.18: use mlflow-tables-spark-4_2.13"
        + " instead. See docs/jars.md.", SPARK35_212.mismatch("4.2.0", "2.13.18"));
  }

  @Test
  void theWrongScalaOfTheRightSparkNamesTheOtherScalasJar() {
    assertEquals("mlflow-tables-spark-3.5_2.12 is the mlflow-tables connector for Spark 3.5.x on"
        + " Scala 2.12, but this is Spark 3.5.4 on Scala 2.13.8: use mlflow-tables-spark-3.5_2.13"
        + " instead. See docs/jars.md.", SPARK35_212.mismatch("3.5.4", "2.13.8"));
  }

  @Test
  void aSparkWithoutAJarSaysSo() {
    assertEquals("mlflow-tables-spark-3.5_2.12 is the mlflow-tables connector for Spark 3.5.x on"
        + " Scala 2.12, but this is Spark 3.4.1 on Scala 2.12.17: no mlflow-tables connector jar"
        + " is built for it (there are jars for Spark 3.5 on Scala 2.12 and 2.13, and Spark 4.x on"
        + " Scala 2.13). See docs/jars.md.", SPARK35_212.mismatch("3.4.1", "2.12.17"));
  }

  @Test
  void aLineIsNotAPrefixOfAnother() {
    // Spark 3.50 or 40 would not be 3.5 or 4
    assertFalse(SPARK35_212.runs("3.50.0", "2.12.1"));
    assertFalse(SPARK4.runs("40.0.0", "2.13.1"));
    assertFalse(new SparkLine("3.5", "2.1").runs("3.5.0", "2.13.8"));
  }
}
