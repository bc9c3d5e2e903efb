package org.mlflowtables.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Spark connector's architecture: independent of the JDBC driver, its packages acyclic. */
class SparkArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.mlflowtables.spark");

  @Test
  void theSparkConnectorDoesNotDependOnTheJdbcDriver() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.mlflowtables.jdbc..")
        .because("the connectors share core, never each other")
        .check(MAIN);
  }

  @Test
  void sparkPackagesHaveNoCycle() {
    slices().matching("org.mlflowtables.spark.(**)").should().beFreeOfCycles().check(MAIN);
  }
}
