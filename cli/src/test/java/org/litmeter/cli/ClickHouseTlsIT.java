package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseMigrations;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.JavaCommand;
import org.litmeter.infra.local.LocalClickHouseServer;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * A real ClickHouse 18.16 that serves HTTPS only, with a certificate made in the test: the rates
 * job writes through TLS (the certificate checked against its authority, the host name verified),
 * {@code ./litmeter sql --clickhouse https://...} reads with {@code LITMETER_CLICKHOUSE_CA} or
 * {@code --clickhouse-ca} and is refused, in a line, without them; plain HTTP to the same port gets nothing.
 */
class ClickHouseTlsIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(2);

  @TempDir Path dir;

  @Test
  void theJobWritesAndTheCliReadsOverHttpsAndPlainHttpIsRefused() throws Exception {
    try (LocalClickHouseServer clickhouse = LocalClickHouseServer.startWithTls(dir.resolve("clickhouse"))) {
      ClickHouseEndpoint endpoint = clickhouse.endpoint();
      assertThat(endpoint.url()).startsWith("https://127.0.0.1:");
      try (ClickHouseSql sql = new ClickHouseSql(endpoint)) {
        ClickHouseMigrations.apply(sql);
      }
      GroundTruth truth;
      try (RecordProducer producer = new RecordProducer(KAFKA.bootstrapServers(), "tls-it")) {
        truth = new FleetSimulator(SimulationConfig.of(2, 8, Duration.ofHours(2), 9)).run(producer::send);
      }
      GroundTruthRun.runBoundedJob(KAFKA.bootstrapServers(), endpoint, "tls-it", dir);
      try (ClickHouseSql sql = new ClickHouseSql(endpoint)) {
        GroundTruthRun.assertExactlyTheGroundTruth(truth, sql);
      }

      String plain = "http://127.0.0.1:" + clickhouse.httpPort();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(plain + "/ping"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
          .as("the port speaks TLS only").isInstanceOf(java.io.IOException.class);
      try (javax.net.ssl.SSLSocket nativePort = (javax.net.ssl.SSLSocket) clickhouse.certificate().clientContext()
          .getSocketFactory().createSocket("127.0.0.1", clickhouse.tcpPort())) {
        nativePort.startHandshake();
        assertThat(nativePort.getSession().getProtocol()).as("the native port speaks TLS too").startsWith("TLSv1.");
      }

      // the child's environment is where a person sets it
      ProcessBuilder builder = new ProcessBuilder(JavaCommand.guarded(List.of("-Xmx256m"),
          System.getProperty("java.class.path"), Litmeter.class.getName(), List.of("sql", "--clickhouse", endpoint.url(),
              "SELECT count() AS n FROM litmeter.rates FINAL WHERE resolution = '5m' AND scope = 'center'")))
          .redirectErrorStream(true).redirectOutput(dir.resolve("sql.log").toFile());
      builder.environment().put(ClickHouseEndpoint.CA_VARIABLE, endpoint.caFile());
      Process sql = builder.start();
      // its standard input stays open: the guarded JVM stops when it closes
      assertThat(sql.waitFor(2, TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(dir.resolve("sql.log"), StandardCharsets.UTF_8);
      assertThat(sql.exitValue()).as(out).isZero();
      assertThat(out).contains(Long.toString(truth.windows().size()));

      String count = "SELECT count() AS n FROM litmeter.rates FINAL WHERE resolution = '5m' AND scope = 'center'";
      CliRun withOption = CliRun.of("sql", "--clickhouse", endpoint.url(), "--clickhouse-ca", endpoint.caFile(), count);
      assertThat(withOption.exit()).as(withOption.errors()).isZero();
      assertThat(withOption.output()).contains(Long.toString(truth.windows().size()));
      // this JVM has no LITMETER_CLICKHOUSE_CA and does not trust the test's authority
      CliRun untrusted = CliRun.of("sql", "--clickhouse", endpoint.url(), count);
      assertThat(untrusted.exit()).isNotZero();
      assertThat(untrusted.errors().lines().count()).as(untrusted.errors()).isLessThanOrEqualTo(3);
      assertThat(untrusted.errors()).containsIgnoringCase("certificate").doesNotContain("\tat ");
    }
  }
}
