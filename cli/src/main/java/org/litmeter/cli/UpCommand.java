package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.core.execution.JobClient;
import org.litmeter.schema.Durations;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.local.LocalAlertmanager;
import org.litmeter.infra.local.LocalMonitoring;
import org.litmeter.infra.local.LocalPrometheus;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.alerting.AlertDelivery;
import org.litmeter.jobs.Restater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the pipeline locally until Ctrl-C, for feeding it with {@code ./litmeter ingest}. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start a local Kafka broker, a private ClickHouse server, Alertmanager and Prometheus (installed"
        + " with apt when missing and running as root) and the rates job (embedded, running until Ctrl-C), and print"
        + " how to feed and query them.",
        "ClickHouse keeps its data in .litmeter/clickhouse between runs (--fresh wipes it); Kafka starts empty."})
final class UpCommand implements Callable<Integer> {

  @Mixin
  LanguageOption lang;

  @Option(names = "--fresh", description = "Start ClickHouse with no data")
  boolean fresh;

  @Mixin ParallelismOption parallelism;

  @Option(names = "--partitions", defaultValue = "1",
      description = {"Partitions of the telemetry topic (default: ${DEFAULT-VALUE}).",
          "Flink never marks a partition idle that has never received a record, so a partition no device hashes"
              + " to would hold every window back: keep it at 1 unless many devices report."})
  int partitions;

  @Option(names = "--flink-rest-port", defaultValue = "8081",
      description = "Port of Flink's REST API, for job status and metrics (default: ${DEFAULT-VALUE})")
  int restPort;

  @Option(names = "--metrics-port", defaultValue = "9249",
      description = "Port of the job's Prometheus /metrics (default: ${DEFAULT-VALUE})")
  int metricsPort;

  @Option(names = "--ingest-metrics-port", defaultValue = "9464",
      description = "Where Prometheus looks for the ingest's /metrics: run ingest with --metrics-port this"
          + " (default: ${DEFAULT-VALUE})")
  int ingestMetricsPort;

  @Option(names = "--lit-without-power", description = "Count devices lit on utilization alone when they report"
      + " no power and no SM activity (a weaker signal; for replayed traces without power)")
  boolean litWithoutPower;

  @Option(names = "--revision-period", defaultValue = "7d",
      description = "How long after a window's end its rows stay preliminary (default: ${DEFAULT-VALUE})")
  String revisionPeriod;

  @Option(names = "--restate-every", defaultValue = "30s",
      description = "How often to restate what is due: days with late samples, preliminary days past their"
          + " revision period (default: ${DEFAULT-VALUE})")
  String restateEvery;

  @Override
  public Integer call() throws Exception {
    Console console = new Console();
    console.step("Starting Kafka, ClickHouse, Alertmanager, Prometheus and the rates job");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    try (LocalStack stack = LocalStack.start(Litmeter.home(), fresh, partitions);
        LocalMonitoring monitoring = LocalMonitoring.available()
            ? LocalMonitoring.start(Litmeter.home().resolve("monitoring"), List.of("127.0.0.1:" + metricsPort),
                List.of("127.0.0.1:" + ingestMetricsPort),
                notification -> ReceivedNotifications.lines(notification, lang.language).forEach(l -> console.info("%s", l)))
            : null) {
      RatesJobConfig config = RatesJobConfig.defaults().withParallelism(parallelism.value)
          .withRevisionPeriod(Durations.parse(revisionPeriod));
      if (litWithoutPower) {
        config = config.withThresholds(config.thresholds().withoutPowerRequired());
      }
      Path checkpoints = Files.createDirectories(Litmeter.home().resolve("checkpoints"));
      AlertDelivery delivery = monitoring == null ? AlertDelivery.none()
          : AlertDelivery.none().toAlertmanagers(List.of(monitoring.alertmanager()));
      JobClient job = EmbeddedRatesJob.start(KafkaConnection.plain(stack.kafka().bootstrapServers()),
          stack.clickhouse().endpointAs(ClickHouseAccess.WRITER), "litmeter-up", false, config, checkpoints, restPort,
          delivery, metricsPort);
      String kafka = stack.kafka().bootstrapServers();
      String clickhouse = stack.clickhouse().endpoint().url();
      Restater restater = new Restater(KafkaConnection.plain(kafka), stack.clickhouse().endpointAs(ClickHouseAccess.WRITER), config,
          Files.createDirectories(Litmeter.home().resolve("restatements")), Restater.DEFAULT_MAX_DAYS,
          Restater.DEFAULT_SETTLE);
      Duration every = Durations.parse(restateEvery);
      console.info("Kafka      %s", kafka);
      console.info("ClickHouse %s (user default, no password, loopback only); native port %d", clickhouse,
          stack.clickhouse().tcpPort());
      console.info("           the job writes as litmeter_writer; Grafana and analysts read as litmeter_reader"
          + " (passwords in %s)", stack.clickhouse().secrets());
      console.info("job        %s (windows close 90 s of event time after they end)", job.getJobID());
      console.info("Flink REST http://127.0.0.1:%d/jobs/%s", restPort, job.getJobID());
      console.info("metrics    http://127.0.0.1:%d/metrics (the job's, for Prometheus)", metricsPort);
      if (monitoring != null) {
        console.info("Alertmanager %s: the job posts its findings here; routed notifications are printed below",
            monitoring.alertmanager());
        console.info("Prometheus   %s: scrapes the job and the ingest (--metrics-port %d), litmeter's rules",
            monitoring.prometheus(), ingestMetricsPort);
      } else {
        console.info("Alertmanager and Prometheus are not installed: %s; %s", LocalAlertmanager.INSTALL_HINT,
            LocalPrometheus.INSTALL_HINT);
      }
      console.step("Feed it, from another terminal");
      console.info("./litmeter ingest load --kafka %s --registry centers.yaml --leases leases.csv", kafka);
      console.info("./litmeter ingest scrape --kafka %s --center gz01 --target http://gpu-node-01:9400/metrics"
          + " --metrics-port %d", kafka, ingestMetricsPort);
      console.info("./litmeter ingest replay --kafka %s --center gz01 recorded.prom.gz", kafka);
      console.info("./litmeter ingest alibaba --kafka %s   (then restart with --lit-without-power for its lit rate)",
          kafka);
      console.step("Query it");
      console.info("./litmeter sql --clickhouse %s \"SELECT * FROM litmeter.rates FINAL WHERE resolution = '1h' LIMIT 20\"",
          clickhouse);
      console.info("");
      console.info("Late samples are restated every %s (litmeter.restatements records each run).", restateEvery);
      console.info("Ctrl-C stops everything.");
      try (AutoCloseable restating = restater.runDueEvery(every, results -> {
        if (!results.isEmpty()) {
          RestateCommand.print(console, results);
        }
      }, failure -> console.info("restatement failed, will try again: %s", failure))) {
        stop.await();
      }
      job.cancel().get();
    }
    return 0;
  }
}
