package org.litmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.litmeter.infra.kafka.KafkaConnection;
import picocli.CommandLine.Option;

/** How a command reaches Kafka: {@code --kafka} and, for TLS or SASL, {@code --kafka-config}. */
final class KafkaClusterOptions {

  @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers, host:port[,host:port]")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = {"Kafka client security properties (security.protocol, ssl.*, sasl.*): TLS, SASL/SCRAM or"
          + " mutual TLS, for every producer, consumer and admin client of the command"})
  Path config;

  private KafkaConnection checked;

  /** The cluster, once it has answered (within 30 s, else a clear error). */
  KafkaConnection connection() throws IOException {
    if (checked == null) {
      KafkaConnection connection = KafkaConnection.of(bootstrapServers, config);
      connection.checkReachable(Duration.ofSeconds(30));
      checked = connection;
    }
    return checked;
  }
}
