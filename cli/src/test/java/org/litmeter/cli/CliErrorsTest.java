package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.FreePorts;

/** Mistakes a person makes get one line saying what is wrong and what to do, not a Java trace. */
class CliErrorsTest {

  private static void assertNoTrace(CliRun run) {
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errors()).doesNotContain("\tat ", "Exception in thread").contains("--verbose shows the Java trace");
  }

  @Test
  void aMalformedDurationSaysWhichFormsAreAccepted() {
    CliRun run = CliRun.of("ingest", "scrape", "--kafka", "127.0.0.1:" + FreePorts.pick(), "--center", "gz01",
        "--target", "http://127.0.0.1:9/metrics", "--interval", "30sec");
    assertNoTrace(run);
    assertThat(run.errors()).startsWith("litmeter scrape: not a duration (like 500ms, 30s, 5m, 12h, 7d): 30sec");
  }

  @Test
  void aUrlWithoutSchemeSaysWhatAUrlLooksLike() {
    CliRun run = CliRun.of("sql", "--clickhouse", "127.0.0.1:8123", "SELECT 1");
    assertNoTrace(run);
    assertThat(run.errors()).startsWith("litmeter sql: not a ClickHouse HTTP URL: 127.0.0.1:8123 (expected"
        + " http://host:port or https://host:port, e.g. http://127.0.0.1:8123)");
  }

  @Test
  void onlyHttpAndHttpsAreClickHouseUrls() {
    CliRun run = CliRun.of("sql", "--clickhouse", "ftp://clickhouse.example.cn:8443", "SELECT 1");
    assertNoTrace(run);
    assertThat(run.errors()).startsWith("litmeter sql: not a ClickHouse HTTP URL: ftp://clickhouse.example.cn:8443"
        + " (the scheme is http or https)");
  }

  @Test
  void aRefusedConnectionSaysSoAndWhatToCheckAndVerboseAddsTheTrace() {
    String url = "http://127.0.0.1:" + FreePorts.pick();
    CliRun run = CliRun.of("sql", "--clickhouse", url, "SELECT 1");
    assertNoTrace(run);
    assertThat(run.errors()).containsIgnoringCase("connect")
        .contains("is the server running, and are the host and port right?");
    CliRun verbose = CliRun.of("sql", "--clickhouse", url, "--verbose", "SELECT 1");
    assertThat(verbose.exit()).isEqualTo(1);
    assertThat(verbose.errors()).contains("\tat ");
  }

  @Test
  void anUnreachableKafkaIsSaidWithinHalfAMinute() {
    long started = System.nanoTime();
    CliRun run = CliRun.of("ingest", "load", "--kafka", "127.0.0.1:" + FreePorts.pick(), "--registry",
        "examples/centers.yaml");
    assertNoTrace(run);
    assertThat(run.errors()).contains("did not answer within 30 s", "is the broker running");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
  }
}
