package org.litmeter.infra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.litmeter.infra.clickhouse.ClickHouseMigrations;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.kafka.TopicProvisioner;

/**
 * A real Kafka broker and a private ClickHouse server on loopback, ready for litmeter: topics
 * created, migrations applied. Both stop on {@link #close()} and when the JVM exits (Ctrl-C
 * included); ClickHouse's data stays in {@code clickhouseDir} for later queries.
 */
public final class LocalStack implements AutoCloseable {

  private final LocalKafkaBroker kafka;
  private final LocalClickHouseServer clickhouse;
  private final Path kafkaDir;
  private final Thread shutdownHook;

  private LocalStack(LocalKafkaBroker kafka, LocalClickHouseServer clickhouse, Path kafkaDir) {
    this.kafka = kafka;
    this.clickhouse = clickhouse;
    this.kafkaDir = kafkaDir;
    this.shutdownHook = new Thread(this::stopServersAndDropKafkaData, "litmeter-local-stack-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts both servers. Kafka gets a fresh directory under {@code workDir}; ClickHouse keeps its
   * data in {@code workDir/clickhouse}, wiped first when {@code fresh}.
   */
  public static LocalStack start(Path workDir, boolean fresh, int telemetryPartitions) throws IOException,
      InterruptedException {
    Path clickhouseDir = workDir.resolve("clickhouse");
    if (fresh) {
      Directories.deleteTree(clickhouseDir);
    }
    Files.createDirectories(workDir);
    Path kafkaDir = Files.createTempDirectory(workDir, "kafka-");
    LocalClickHouseServer clickhouse = LocalClickHouseServer.start(clickhouseDir);
    LocalKafkaBroker kafka;
    try {
      kafka = LocalKafkaBroker.start(kafkaDir, "512m");
    } catch (IOException | RuntimeException e) {
      clickhouse.stop();
      throw e;
    }
    LocalStack stack = new LocalStack(kafka, clickhouse, kafkaDir);
    try (ClickHouseSql sql = new ClickHouseSql(clickhouse.endpoint())) {
      ClickHouseMigrations.apply(sql);
    }
    TopicProvisioner.ensureTopics(kafka.bootstrapServers(), (short) 1, telemetryPartitions);
    return stack;
  }

  public LocalKafkaBroker kafka() {
    return kafka;
  }

  public LocalClickHouseServer clickhouse() {
    return clickhouse;
  }

  private void stopServers() {
    kafka.stop();
    clickhouse.stop();
  }

  /** Kafka's data is a temporary directory: a stop by signal must not leave it behind either. */
  private void stopServersAndDropKafkaData() {
    stopServers();
    try {
      Directories.deleteTree(kafkaDir);
    } catch (IOException e) {
      System.err.println("could not delete " + kafkaDir + ": " + e);
    }
  }

  @Override
  public void close() throws IOException {
    stopServers();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run
    }
    Directories.deleteTree(kafkaDir);
  }
}
