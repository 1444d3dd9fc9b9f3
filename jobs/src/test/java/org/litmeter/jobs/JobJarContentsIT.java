package org.litmeter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar that goes to a Flink cluster (built by the shade plugin in {@code package}, before
 * this test runs) holds the job and the clients it talks to the servers with, and nothing that
 * starts or manages processes, nor the simulator or test code.
 */
class JobJarContentsIT {

  private static List<String> entries;
  private static String mainClass;

  @BeforeAll
  static void readJar() throws IOException {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no *-job.jar in target/: run mvn package first"));
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
      mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
    }
  }

  @Test
  void startsTheRatesJobAndCarriesItsClients() {
    assertThat(mainClass).isEqualTo(RatesJob.class.getName());
    assertThat(entries).contains(
        "org/litmeter/jobs/RatesJob.class",
        "org/litmeter/rates/RateRules.class",
        "org/litmeter/detect/DetectorSettings.class",
        "org/litmeter/schema/GpuSample.class",
        "org/litmeter/infra/clickhouse/ClickHouseEndpoint.class",
        "org/litmeter/infra/kafka/KafkaConnection.class");
  }

  @Test
  void carriesNoProcessManagementSimulatorOrTestCode() {
    assertThat(entries).noneMatch(e -> e.startsWith("org/litmeter/infra/local/"))
        .noneMatch(e -> e.startsWith("org/litmeter/infra/monitoring/"))
        .noneMatch(e -> e.equals("org/litmeter/infra/kafka-broker.classpath"))
        .noneMatch(e -> e.equals("org/litmeter/infra/flink-cluster.classpath"))
        .noneMatch(e -> e.equals("org/litmeter/infra/job-jvm.options"))
        .noneMatch(e -> e.startsWith("org/litmeter/ingest/"))
        .noneMatch(e -> e.startsWith("org/litmeter/simulation/"))
        .noneMatch(e -> e.startsWith("org/litmeter/testkit/"))
        .noneMatch(e -> e.startsWith("org/junit/"))
        .noneMatch(e -> e.startsWith("kafka/server/"));
  }
}
