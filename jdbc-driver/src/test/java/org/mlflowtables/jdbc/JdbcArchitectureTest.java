package org.mlflowtables.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The JDBC driver's architecture: independent of the Spark connector (its Spark JDBC dialect,
 * {@code org.mlflowtables.jdbc.spark}, is Spark's API, not the connector), its packages acyclic.
 */
class JdbcArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.mlflowtables.jdbc");

  @Test
  void theJdbcDriverDoesNotDependOnTheSparkConnector() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.mlflowtables.spark..")
        .because("the connectors share core, never each other")
        .check(MAIN);
  }

  @Test
  void jdbcPackagesHaveNoCycle() {
    slices().matching("org.mlflowtables.jdbc.(**)").should().beFreeOfCycles().check(MAIN);
  }
}
