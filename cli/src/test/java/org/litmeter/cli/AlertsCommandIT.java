package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.testkit.ClickHouseServerExtension;

/** {@code ./litmeter alerts} against a real ClickHouse holding a firing, a resolved and a superseded alert. */
class AlertsCommandIT {

  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  @BeforeAll
  static void alerts() {
    String columns = "(alert_id, kind, severity, score, status, center, tenant, device_uuid, started_at, detected_at,"
        + " resolved_at, updated_at, summary, evidence_keys, evidence_values)";
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.alerts " + columns + " VALUES"
        + " ('hollow-1', 'hollow_load', 'critical', 0.934, 'firing', 'c01', NULL, 'GPU-a', '2026-06-01 10:00:00',"
        + " '2026-06-01 10:30:00', NULL, '2026-06-01 10:30:00', '1 device spins', ['hollow_devices', 'mean_gpu_util'],"
        + " ['1', '99.500']),"
        + " ('cliff-1', 'acceptance_cliff', 'critical', NULL, 'firing', 'o''brien', NULL, NULL, '2026-05-01 00:00:00',"
        + " '2026-05-15 00:00:00', NULL, '2026-05-15 00:00:00', 'lit level fell 80%', [], []),"
        + " ('vanished-1', 'vanished_device', 'warning', 0.8, 'firing', 'c01', NULL, 'GPU-b', '2026-06-01 00:00:00',"
        + " '2026-06-02 00:00:00', NULL, '2026-06-02 00:00:00', 'GPU-b silent', [], [])");
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.alerts " + columns + " VALUES"
        + " ('vanished-1', 'vanished_device', 'warning', 0.8, 'resolved', 'c01', NULL, 'GPU-b', '2026-06-01 00:00:00',"
        + " '2026-06-02 00:00:00', '2026-06-02 06:00:00', '2026-06-02 06:00:00', 'GPU-b reports again',"
        + " ['resolution'], ['reports_again'])");
  }

  private static String run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "alerts";
    all[1] = "--clickhouse";
    all[2] = CLICKHOUSE.endpoint().url();
    System.arraycopy(args, 0, all, 3, args.length);
    CliRun run = CliRun.of(all);
    assertThat(run.exit()).isZero();
    return run.output();
  }

  @Test
  void listsFiringAlertsNewestFirstAndLeavesOutResolvedOnes() {
    String out = run("--lang", "en");
    assertThat(out).contains("(2 rows)", "0.93").doesNotContain("GPU-b");
    assertThat(out.indexOf("hollow_load")).as("newest detection first").isLessThan(out.indexOf("acceptance_cliff"));
  }

  @Test
  void filtersByCenterEvenWithAQuoteInItsNameAndShowsResolvedOnesOnRequest() {
    assertThat(run("--center", "o'brien", "--lang", "en")).contains("acceptance_cliff", "(1 rows)");
    assertThat(run("--all", "--kind", "vanished_device", "--lang", "en"))
        .contains("resolved", "2026-06-02 06:00:00", "device GPU-b reports again", "(1 rows)");
  }

  @Test
  void inChineseByDefaultWithTextsRenderedFromTheEvidenceAndChinaTime() {
    String out = run();
    assertThat(out).contains("发现时间（北京时间）", "空转负载", "严重", "告警中", "2026年6月1日 18:30",
        "利用率100%却未做实际计算的设备（空转内核特征）：1台", "验收期后负载骤降", "（共2条）");
    List<String> lines = out.lines().toList();
    assertThat(Tables.width(lines.get(0))).as("the columns line up under Chinese headers")
        .isEqualTo(lines.get(1).length());
    assertThat(run("--all", "--kind", "vanished_device")).contains("已解除", "设备GPU-b已恢复上报");
  }
}
