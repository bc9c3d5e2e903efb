package org.mlflowtables.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core's architecture, checked on its class files: it depends on no engine and on no connector,
 * and neither its packages nor those of the test helpers it shares through its test-jar
 * ({@code org.mlflowtables.core.testing}, {@code .reliability}, ...) depend on each other in a
 * cycle.
 */
class CoreArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.mlflowtables.core");
  private static final JavaClasses TESTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
      .importPackages("org.mlflowtables.core");

  @Test
  void coreDependsOnNeitherSparkNorCalcite() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.apache.spark..", "scala..", "org.apache.calcite..", "org.apache.calcite.avatica..")
        .because("core sits under both engines (DESIGN.md: core must not depend on Spark or"
            + " Calcite)")
        .check(MAIN);
  }

  @Test
  void coreDependsOnNoConnector() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.mlflowtables.spark..", "org.mlflowtables.jdbc..")
        .because("the connectors are built on core, not the other way round")
        .check(MAIN);
  }

  @Test
  void corePackagesHaveNoCycle() {
    slices().matching("org.mlflowtables.core.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theSharedTestHelpersHaveNoPackageCycle() {
    slices().matching("org.mlflowtables.core.(**)").should().beFreeOfCycles().check(TESTS);
  }
}
