package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.replay.AlibabaTraces;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.schema.DeadLetter;
import org.litmeter.testkit.ClickHouseServerExtension;
import org.litmeter.testkit.KafkaBrokerExtension;
import org.litmeter.testkit.SharedData;

/**
 * Alibaba's real traces through the whole pipeline, checked against counts computed here straight
 * from the CSV files: per five-minute window, the GenAI pods that reported, their mean duty cycle,
 * and the GPUs the allocation trace's pods held.
 */
class AlibabaReplayIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(4);
  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  static final Instant OPENB_FROM = Instant.parse("2023-05-25T21:00:00Z");
  static final Instant OPENB_TO = Instant.parse("2023-05-25T23:00:00Z");
  static final long WINDOW = 300_000L;
  static Path data;
  static AlibabaTraces traces;
  static final List<DeadLetter> REJECTED = new ArrayList<>();

  @BeforeAll
  static void replayBothTracesAndRunTheJob() throws Exception {
    data = SharedData.require("alibaba-clusterdata").toAbsolutePath();
    SharedData.require("alibaba-clusterdata/" + AlibabaTraces.GENAI_DUTY_CYCLE);
    SharedData.require("alibaba-clusterdata/" + AlibabaTraces.OPENB_PODS);
    traces = new AlibabaTraces(data, REJECTED::add);
    try (RecordProducer producer = new RecordProducer(KAFKA.bootstrapServers(), "alibaba-it")) {
      traces.replayGenai(producer::send);
      traces.replayOpenb(OPENB_FROM, OPENB_TO, producer::send);
    }
    RatesJobConfig config = RatesJobConfig.defaults().withoutIdleness()
        .withThresholds(RatesJobConfig.defaults().thresholds().withoutPowerRequired());
    assertThat(REJECTED).as("every row of the real traces is read").isEmpty();
    assertThat(traces.brokenFiles()).isEmpty();
    EmbeddedRatesJob.start(KAFKA.bootstrapServers(), CLICKHOUSE.endpoint(), "alibaba-it", true, config,
        Files.createTempDirectory("litmeter-checkpoints-")).getJobExecutionResult().get();
  }

  @Test
  void genaiServingRatesEqualTheDutyCycleTrace() throws Exception {
    Map<Long, Map<String, double[]>> byWindow = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (AlibabaTraces.DutyCycle r : traces.dutyCycles(data.resolve(AlibabaTraces.GENAI_DUTY_CYCLE))) {
      if (!seen.add(r.pod() + "@" + r.timeMillis())) {
        continue;
      }
      double[] sum = byWindow.computeIfAbsent(Math.floorDiv(r.timeMillis(), WINDOW) * WINDOW, w -> new LinkedHashMap<>())
          .computeIfAbsent(r.pod(), p -> new double[2]);
      sum[0] += r.percent();
      sum[1]++;
    }
    Map<Long, String> expected = new TreeMap<>();
    byWindow.forEach((window, pods) -> {
      long lit = pods.values().stream().filter(s -> s[0] / s[1] >= 10.0).count();
      long samples = pods.values().stream().mapToLong(s -> (long) s[1]).sum();
      expected.put(window, "racked=" + pods.size() + " lit=" + lit + " occupied=" + pods.size() + " samples=" + samples);
    });
    assertThat(actual(AlibabaTraces.GENAI_CENTER)).containsExactlyEntriesOf(expected);
    assertThat(expected).hasSizeGreaterThan(200);
  }

  @Test
  void allocationTraceRatesEqualThePodsThatHeldGpus() throws Exception {
    List<AlibabaTraces.Pod> pods = traces.podsOverlapping(data.resolve(AlibabaTraces.OPENB_PODS),
        OPENB_FROM.toEpochMilli(), OPENB_TO.toEpochMilli());
    long gpus = Files.readAllLines(data.resolve(AlibabaTraces.OPENB_NODES)).stream().skip(1)
        .filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.split(",")[3])).sum();
    Map<Long, String> expected = new TreeMap<>();
    for (long ws = OPENB_FROM.toEpochMilli(); ws < OPENB_TO.toEpochMilli(); ws += WINDOW) {
      long occupied = 0;
      for (AlibabaTraces.Pod p : pods) {
        if (p.scheduled() < ws + WINDOW && p.deleted() > ws) {
          occupied += p.gpus();
        }
      }
      expected.put(ws, "racked=" + gpus + " lit=0 occupied=" + occupied + " samples=" + gpus);
    }
    assertThat(actual(AlibabaTraces.OPENB_CENTER)).containsExactlyEntriesOf(expected);
    assertThat(gpus).isEqualTo(6212);
    assertThat(expected.values()).anyMatch(v -> !v.endsWith("occupied=0 samples=" + gpus));
  }

  @Test
  void theAllocationTracesModelsAreItsNodesGpusAndItsAnonymizedTypesStayUnknown() throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    for (String line : Files.readAllLines(data.resolve(AlibabaTraces.OPENB_NODES)).stream().skip(1)
        .filter(l -> !l.isBlank()).toList()) {
      String[] f = line.split(",");
      String family = f[4].matches("G\\d") ? "unknown" : "imported";
      expected.merge(family + " " + f[4], Long.parseLong(f[3]) * 24, Long::sum);
    }
    Map<String, Long> actual = new TreeMap<>();
    CLICKHOUSE.sql().rows("SELECT toString(vendor_family) AS family, model, sum(racked_device_windows) AS racked"
        + " FROM litmeter.model_rates FINAL WHERE scope = 'center' AND scope_id = '" + AlibabaTraces.OPENB_CENTER
        + "' AND resolution = '5m' GROUP BY family, model")
        .forEach(r -> actual.put(r.get("family") + " " + r.get("model"), r.getLong("racked")));
    assertThat(actual).isEqualTo(expected).containsKeys("imported T4", "unknown G2");
  }

  @Test
  void theGenaiPodsAreOneTenantThatUsedWhatTheDutyCycleSays() {
    ClickHouseSql.Row tenant = CLICKHOUSE.sql().rows("SELECT tenant, sum(leased_device_windows) AS leased,"
        + " sum(lit_device_windows) AS lit FROM litmeter.tenant_usage FINAL WHERE scope = 'center' AND scope_id = '"
        + AlibabaTraces.GENAI_CENTER + "' AND resolution = '5m' GROUP BY tenant").get(0);
    ClickHouseSql.Row center = CLICKHOUSE.sql().rows("SELECT sum(racked_device_windows) AS racked,"
        + " sum(lit_device_windows) AS lit FROM litmeter.rates FINAL WHERE scope = 'center' AND scope_id = '"
        + AlibabaTraces.GENAI_CENTER + "' AND resolution = '5m'").get(0);
    assertThat(tenant.get("tenant")).isEqualTo(AlibabaTraces.GENAI_TENANT);
    assertThat(tenant.getLong("leased")).isEqualTo(center.getLong("racked"));
    assertThat(tenant.getLong("lit")).isEqualTo(center.getLong("lit")).isPositive();
  }

  /**
   * Real production fleets run no sham load: the only alerts are the GenAI fleet's devices (its pods)
   * found silent a grace period after its trace ended, when the allocation trace, a year later,
   * moved event time on. None fires while the trace runs.
   */
  @Test
  void realProductionTracesRaiseNoShamLoadAlert() {
    Map<String, Long> byKind = new TreeMap<>();
    CLICKHOUSE.sql().rows("SELECT kind, count() AS n FROM litmeter.alerts FINAL GROUP BY kind")
        .forEach(r -> byKind.put(r.get("kind"), r.getLong("n")));
    assertThat(byKind.keySet()).containsExactlyInAnyOrder("vanished_device", "mass_disappearance");
    long traceEnd = CLICKHOUSE.sql().scalarLong("SELECT toUInt64(max(window_start)) + 300 FROM litmeter.rates FINAL"
        + " WHERE scope = 'center' AND scope_id = '" + AlibabaTraces.GENAI_CENTER + "' AND resolution = '5m'");
    long grace = RatesJobConfig.defaults().detectors().vanishGrace().toSeconds();
    assertThat(CLICKHOUSE.sql().rows("SELECT center, toUInt64(detected_at) AS detected FROM litmeter.alerts FINAL"))
        .allSatisfy(r -> {
          assertThat(r.get("center")).isEqualTo(AlibabaTraces.GENAI_CENTER);
          assertThat(r.getLong("detected")).as("a grace period after the trace ended").isEqualTo(traceEnd + grace);
        });
  }

  private static Map<Long, String> actual(String center) {
    Map<Long, String> actual = new TreeMap<>();
    for (ClickHouseSql.Row r : CLICKHOUSE.sql().rows("SELECT toUInt64(window_start) * 1000 AS start,"
        + " racked_device_windows AS racked, lit_device_windows AS lit, occupied_device_windows AS occupied,"
        + " sample_count FROM litmeter.rates FINAL WHERE scope = 'center' AND resolution = '5m'"
        + " AND scope_id = '" + center + "'")) {
      actual.put(r.getLong("start"), "racked=" + r.get("racked") + " lit=" + r.get("lit") + " occupied="
          + r.get("occupied") + " samples=" + r.get("sample_count"));
    }
    return actual;
  }
}
