package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.kafka.TopicProvisioner;
import org.litmeter.infra.local.LocalKafkaBroker;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.Topics;
import org.litmeter.schema.UtilizationRates;
import org.litmeter.testkit.ClickHouseServerExtension;

/**
 * The demo's path through a real Kafka broker that takes only TLS with SASL/SCRAM-SHA-512
 * (certificate and trust store made by the JDK's keytool): plain text and a wrong password are
 * refused; {@code ./litmeter ingest simulate --kafka-config FILE} produces, the rates job (sources,
 * sinks and admin client) reads and writes through it, and the rates equal the simulator's ground
 * truth; no log or output shows the client's password.
 */
class SecuredKafkaIT {

  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  @TempDir Path dir;

  @Test
  void theWholePathRunsOverSaslSslAndNothingElseGetsIn() throws Exception {
    try (LocalKafkaBroker broker = LocalKafkaBroker.startSecured(dir.resolve("kafka"), "512m")) {
      KafkaConnection secured = broker.connection();
      assertThat(secured.toString()).isEqualTo(broker.bootstrapServers() + " (SASL_SSL)")
          .doesNotContain(broker.clientPassword());
      TopicProvisioner.ensureTopics(secured, (short) 1, 2);

      assertRefused(KafkaConnection.plain(broker.bootstrapServers()));
      Path wrong = dir.resolve("wrong.properties");
      Files.writeString(wrong, Files.readString(broker.clientConfig()).replace(broker.clientPassword(), "guessed"));
      assertRefused(KafkaConnection.of(broker.bootstrapServers(), wrong));

      CliRun simulate = CliRun.of("ingest", "simulate", "--kafka", broker.bootstrapServers(), "--kafka-config",
          broker.clientConfig().toString(), "--centers", "2", "--gpus", "8", "--duration", "2h", "--seed", "5");
      assertThat(simulate.exit()).as(simulate.output() + simulate.errors()).isZero();
      GroundTruth truth = new FleetSimulator(SimulationConfig.of(2, 8, Duration.ofHours(2), 5)).run(e -> { });

      GroundTruthRun.runBoundedJob(secured, CLICKHOUSE.endpoint(), "secured-it", dir);
      try (ClickHouseSql sql = new ClickHouseSql(CLICKHOUSE.endpoint())) {
        GroundTruthRun.assertExactlyTheGroundTruth(truth, sql);
      }
      assertThat(TopicReader.read(secured, Topics.RATES.name(), AvroCodec.of(UtilizationRates.class), 10))
          .as("the job's Kafka sink wrote through SASL_SSL").isNotEmpty();

      List<String> leaks = new ArrayList<>();
      for (String text : List.of(simulate.output(), simulate.errors())) {
        if (text.contains(broker.clientPassword())) {
          leaks.add("CLI output");
        }
      }
      Path data = dir.resolve("kafka/data");
      try (Stream<Path> logs = Files.walk(dir.resolve("kafka"))) {
        // the broker's and the storage tool's logs; data/ holds the topics' segments, also named *.log
        for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log") && !f.startsWith(data)).toList()) {
          if (Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains(broker.clientPassword())) {
            leaks.add(log.toString());
          }
        }
      }
      assertThat(leaks).as("logs showing the client's password").isEmpty();
    }
  }

  /** An admin client with these properties never gets the cluster's nodes. */
  private static void assertRefused(KafkaConnection connection) {
    Properties p = connection.properties();
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(p)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).as(connection.toString())
          .isNotNull();
    }
  }
}
