package org.litmeter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.infra.clickhouse.ClickHouseException;
import org.litmeter.infra.clickhouse.ClickHouseMigrations;
import org.litmeter.schema.Topics;

/** The real broker and the real ClickHouse server start, answer, and survive a restart. */
class LocalServicesIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  @Test
  void clickHouseRunsTheMigrationsOnceAndHasEveryTable() {
    assertThat(ClickHouseMigrations.apply(CLICKHOUSE.sql())).as("second run applies nothing").isZero();
    List<String> tables = CLICKHOUSE.sql().rows("SELECT name FROM system.tables WHERE database = 'litmeter' ORDER BY name")
        .stream().map(r -> r.get("name")).toList();
    assertThat(tables).contains("samples", "rates", "centers", "device_events", "dead_letters", "schema_migrations");
    assertThat(CLICKHOUSE.sql().scalarLong("SELECT count() FROM litmeter.schema_migrations"))
        .isEqualTo(ClickHouseMigrations.available().size());
  }

  @Test
  void everyColumnAnAnalystReadsIsDocumentedInTheServer() {
    assertThat(CLICKHOUSE.sql().rows("SELECT table, name FROM system.columns WHERE database = 'litmeter'"
        + " AND table != 'schema_migrations' AND comment = '' AND table NOT IN (SELECT name FROM system.tables"
        + " WHERE database = 'litmeter' AND engine = 'MaterializedView')").stream()
        .map(r -> r.get("table") + "." + r.get("name")))
        .as("columns without a comment (add one in a migration)").isEmpty();
  }

  @Test
  void clickHouseReportsServerErrorsWithTheStatement() {
    assertThatThrownBy(() -> CLICKHOUSE.sql().rows("SELECT no_such_column FROM litmeter.rates"))
        .isInstanceOf(ClickHouseException.class)
        .hasMessageContaining("no_such_column");
  }

  @Test
  void clickHouseRestartsWithItsData() throws Exception {
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.centers (center_id, name, province, region, planned_accelerators, "
        + "updated_at) VALUES ('restart-check', 'n', 'p', 'east', 1, now())");
    CLICKHOUSE.server().stop();
    assertThat(CLICKHOUSE.server().isRunning()).isFalse();
    CLICKHOUSE.server().start();
    assertThat(CLICKHOUSE.sql().scalarLong(
        "SELECT count() FROM litmeter.centers WHERE center_id = 'restart-check'")).isEqualTo(1);
  }

  @Test
  void kafkaHasTheTopicsAndDeliversRecordsAcrossARestart() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
          .containsAll(Topics.ALL.stream().map(Topics.Spec::name).toList());
    }
    produce("before-restart");
    KAFKA.broker().stop();
    KAFKA.broker().start();
    produce("after-restart");

    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "local-services-it");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> seen = new java.util.ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.size() < 2 && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        records.forEach(r -> seen.add(r.value()));
      }
    }
    assertThat(seen).containsExactly("before-restart", "after-restart");
  }

  private static void produce(String value) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), "k", value)).get(30, TimeUnit.SECONDS);
    }
  }
}
