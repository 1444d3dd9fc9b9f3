package org.litmeter.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.local.DebianPackages;
import org.litmeter.infra.local.LocalAlertmanager;
import org.litmeter.infra.local.LocalPrometheus;

/** The shipped routing and rules, checked and unit-tested by the real promtool and amtool. */
class MonitoringFilesTest {

  @TempDir
  Path dir;

  private record Result(int exit, String output) {}

  private Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void theRulesPassTheirPromtoolUnitTests() throws Exception {
    String promtool = LocalPrometheus.promtool().toString();
    write(MonitoringFiles.RULES, MonitoringFiles.prometheusRules());
    write("litmeter-rules.test.yml", MonitoringFiles.prometheusRulesTest());
    Result check = run(promtool, "check", "rules", MonitoringFiles.RULES);
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 16 rules found");
    Result test = run(promtool, "test", "rules", "litmeter-rules.test.yml");
    assertThat(test.exit()).as(test.output()).isZero();
  }

  @Test
  void everyAlertSaysWhatHappenedInChineseToo() {
    String rules = MonitoringFiles.prometheusRules();
    long alerts = rules.lines().filter(l -> l.strip().startsWith("- alert:")).count();
    List<String> chinese = rules.lines().filter(l -> l.strip().startsWith("summary_zh:")).toList();
    assertThat(chinese).as("a summary_zh per alert").hasSize((int) alerts);
    assertThat(rules.lines().filter(l -> l.strip().startsWith("description:")).count())
        .isEqualTo(rules.lines().filter(l -> l.strip().startsWith("description_zh:")).count());
    rules.lines().filter(l -> l.strip().startsWith("summary_zh:") || l.strip().startsWith("description_zh:"))
        .forEach(l -> assertThat(l.substring(l.indexOf(':') + 1).replaceAll("\\{\\{[^}]*}}", "")
            .replaceAll("litmeter\\.dead_letters|litmeter|Prometheus|Flink|Kafka"
            + "|ClickHouse|Alertmanager|alert-delivery", "")).as(l).doesNotContainPattern("[A-Za-z]"));
  }

  @Test
  void promtoolCatchesARuleThatNoLongerFiresAsTested() throws Exception {
    write(MonitoringFiles.RULES, MonitoringFiles.prometheusRules().replace("for: 5m", "for: 30m"));
    write("litmeter-rules.test.yml", MonitoringFiles.prometheusRulesTest());
    Result test = run(LocalPrometheus.promtool().toString(), "test", "rules", "litmeter-rules.test.yml");
    assertThat(test.exit()).isNotZero();
    assertThat(test.output()).contains("LitmeterExporterDown");
  }

  @Test
  void theScrapeConfigurationsAreValid() throws Exception {
    write(MonitoringFiles.RULES, MonitoringFiles.prometheusRules());
    write("local.yml", MonitoringFiles.localPrometheus(List.of("127.0.0.1:9249"), List.of("127.0.0.1:9464"),
        URI.create("http://127.0.0.1:9093"), Duration.ofSeconds(1)));
    Result local = run(LocalPrometheus.promtool().toString(), "check", "config", "local.yml");
    assertThat(local.exit()).as(local.output()).isZero();
    Path shipped = Path.of("..", "prometheus", "prometheus.yml");
    Files.copy(shipped, dir.resolve("prometheus.yml"));
    Result production = run(LocalPrometheus.promtool().toString(), "check", "config", "prometheus.yml");
    assertThat(production.exit()).as(production.output()).isZero();
  }

  @Test
  void theRoutingIsValidAsShippedAndPointedAtALocalReceiver() throws Exception {
    Path amtool = DebianPackages.ensureBinary(Path.of("/usr/bin/amtool"), LocalAlertmanager.INSTALL_HINT,
        "prometheus-alertmanager");
    write("shipped.yml", MonitoringFiles.alertmanagerRouting());
    String local = MonitoringFiles.alertmanagerRoutingTo(URI.create("http://127.0.0.1:5001/"), Duration.ofSeconds(1),
        Duration.ofMillis(1500));
    write("local.yml", local);
    for (String file : List.of("shipped.yml", "local.yml")) {
      Result check = run(amtool.toString(), "check-config", file);
      assertThat(check.exit()).as(check.output()).isZero();
    }
    assertThat(local).contains("url: http://127.0.0.1:5001/litmeter/regulators", "group_wait: 1s",
        "group_interval: 1500ms");
    // which receivers a critical finding and a warning reach, by amtool's own routing
    List<String> critical = routes(amtool, "service=litmeter", "severity=critical", "alertname=acceptance_cliff",
        "center=gz01", "province=Guizhou");
    assertThat(critical).containsExactly("litmeter-operators", "litmeter-regulators");
    assertThat(routes(amtool, "service=litmeter", "severity=warning", "alertname=hollow_load", "center=gz01"))
        .containsExactly("litmeter-operators");
    assertThat(routes(amtool, "service=litmeter-pipeline", "alertname=LitmeterExporterDown"))
        .containsExactly("litmeter-platform");
  }

  private List<String> routes(Path amtool, String... labels) throws Exception {
    List<String> command = new ArrayList<>(List.of(amtool.toString(), "config", "routes", "test",
        "--config.file=shipped.yml"));
    command.addAll(List.of(labels));
    Result r = run(command.toArray(new String[0]));
    assertThat(r.exit()).as(r.output()).isZero();
    // amtool also warns that the file overrides its --alertmanager.url
    return List.of(r.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse("").trim().split(","));
  }

}
