package org.litmeter.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.litmeter.infra.kafka.TopicProvisioner;
import org.litmeter.infra.local.Directories;
import org.litmeter.infra.local.LocalKafkaBroker;

/**
 * A real Kafka broker (KRaft, child JVM) for the tests of one class, with litmeter's topics created.
 * Use as {@code @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();}.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

  private final int telemetryPartitions;
  private LocalKafkaBroker broker;
  private Path dir;

  public KafkaBrokerExtension() {
    this(4);
  }

  public KafkaBrokerExtension(int telemetryPartitions) {
    this.telemetryPartitions = telemetryPartitions;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("litmeter-kafka-");
    broker = LocalKafkaBroker.start(dir, "512m");
    TopicProvisioner.ensureTopics(broker.bootstrapServers(), (short) 1, telemetryPartitions);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (broker != null) {
      broker.stop();
    }
    Directories.deleteTree(dir);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The broker itself, for fault injection (stop, kill, start). */
  public LocalKafkaBroker broker() {
    return broker;
  }
}
