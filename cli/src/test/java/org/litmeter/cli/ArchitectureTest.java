package org.litmeter.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering drawn in ARCHITECTURE.md, checked on the compiled classes of every module
 * this one sees (all but the dashboards and the testkit): a module may use only the modules below
 * it, and the rules and detectors are plain Java.
 */
class ArchitectureTest {

  private static JavaClasses litmeter;

  @BeforeAll
  static void importClasses() {
    litmeter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.litmeter");
  }

  @Test
  void everyModuleUsesOnlyTheModulesBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("schemas").definedBy("org.litmeter.schema..")
        .layer("infra clients").definedBy("org.litmeter.infra.clickhouse..", "org.litmeter.infra.kafka..",
            "org.litmeter.infra.flink..")
        .layer("infra local").definedBy("org.litmeter.infra.local..", "org.litmeter.infra.monitoring..")
        .layer("ingest").definedBy("org.litmeter.ingest..")
        .layer("simulation").definedBy("org.litmeter.simulation..")
        .layer("jobs").definedBy("org.litmeter.jobs..", "org.litmeter.rates..", "org.litmeter.detect..")
        .layer("benchmarks").definedBy("org.litmeter.benchmarks..")
        .layer("cli").definedBy("org.litmeter.cli..")
        .whereLayer("schemas").mayNotAccessAnyLayer()
        .whereLayer("infra clients").mayOnlyAccessLayers("schemas")
        .whereLayer("infra local").mayOnlyAccessLayers("infra clients", "schemas")
        .whereLayer("ingest").mayOnlyAccessLayers("infra clients", "schemas")
        .whereLayer("jobs").mayOnlyAccessLayers("infra clients", "schemas")
        .whereLayer("simulation").mayOnlyAccessLayers("ingest", "infra clients", "schemas")
        .whereLayer("benchmarks").mayOnlyAccessLayers("jobs", "simulation", "ingest", "infra local",
            "infra clients", "schemas")
        .whereLayer("cli").mayOnlyAccessLayers("benchmarks", "jobs", "simulation", "ingest", "infra local",
            "infra clients", "schemas")
        .check(litmeter);
  }

  @Test
  void ratesAndDetectorsArePlainJava() {
    noClasses().that().resideInAnyPackage("org.litmeter.rates..", "org.litmeter.detect..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.apache.kafka..",
            "com.clickhouse..", "org.litmeter.jobs..", "org.litmeter.infra..")
        .because("the rules and detectors are tested, replayed and reasoned about without any server")
        .check(litmeter);
  }

  @Test
  void theRulesDoNotUseTheDetectors() {
    noClasses().that().resideInAPackage("org.litmeter.rates..")
        .should().dependOnClassesThat().resideInAPackage("org.litmeter.detect..")
        .check(litmeter);
  }
}
