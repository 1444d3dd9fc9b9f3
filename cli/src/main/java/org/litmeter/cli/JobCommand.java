package org.litmeter.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.litmeter.schema.Durations;
import org.litmeter.infra.flink.FlinkRestClient;
import org.litmeter.jobs.RatesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** The rates job on a Flink cluster. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Run the rates job on a Flink cluster.",
    subcommands = {JobCommand.Submit.class})
final class JobCommand {

  /** Uploads the job jar to a cluster's REST API and starts it. */
  @Command(name = "submit", mixinStandardHelpOptions = true,
      description = {"Upload the packaged job jar to a Flink 2.2 cluster and start the rates job; prints the job id.",
          "Options it does not know go to the job as they are, e.g. --alert-resend-every 1m --detect.vanishGrace 12h.",
          "--kafka-config is read by the job on the JobManager: the file and the stores it names must be there"
              + " (and the stores on every TaskManager).",
          "The ClickHouse password is read by the cluster from LITMETER_CLICKHOUSE_PASSWORD in the JobManager's"
              + " environment, never passed on the command line."})
  static final class Submit implements Callable<Integer> {

    @Option(names = "--flink", required = true, description = "Flink REST URL, e.g. http://127.0.0.1:8081")
    URI flink;

    /** --kafka-config is read by the job on the JobManager: the path and the stores it names must exist there. */
    @Mixin KafkaClusterOptions kafka;

    /** --clickhouse-ca is read by the job: at this path on the JobManager and every TaskManager. */
    @Mixin ClickHouseOptions clickhouse;

    @Mixin ParallelismOption parallelism;

    @Option(names = "--checkpoint-dir", description = "Where checkpoints go (file:///..., s3://...);"
        + " default: the cluster's execution.checkpointing.dir")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", description = "(default: ${DEFAULT-VALUE})")
    String checkpointInterval;

    @Option(names = "--group-id", defaultValue = "litmeter-rates", description = "Kafka consumer group (default: ${DEFAULT-VALUE})")
    String groupId;

    @Option(names = "--bounded", description = "Process what the topics hold now and finish (a backfill)")
    boolean bounded;

    @Option(names = "--from-savepoint", description = "Start from this savepoint or retained checkpoint")
    String savepoint;

    @Option(names = "--alertmanager", split = ",", paramLabel = "URL",
        description = {"Alertmanagers to post alerts to (API v2), e.g. http://alertmanager:9093; list every peer of"
            + " an HA cluster. Firing alerts are sent again every minute."})
    List<String> alertmanagers = new ArrayList<>();

    @Option(names = "--alert-webhook", paramLabel = "URL",
        description = "A receiver that takes Alertmanager's webhook payload; each alert is posted once")
    String webhook;

    @Option(names = "--grafana-url", paramLabel = "URL", description = "Grafana that each alert links to")
    String grafana;

    @Option(names = "--jar", description = "Job jar (default: jobs/target/litmeter-jobs-*-job.jar)")
    Path jar;

    /** Arguments this command does not know go to the job as they are, e.g. --detect.vanishGrace 12h. */
    @Unmatched
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      Path jobJar = jar != null ? jar : packagedJar();
      List<String> args = new ArrayList<>(RatesJob.mainArguments(kafka.bootstrapServers, clickhouse.requiredUrl(), clickhouse.user("default"),
          groupId, parallelism.value, Durations.parse(checkpointInterval), checkpointDir, bounded));
      if (clickhouse.caFile != null) {
        args.addAll(List.of("--clickhouse-ca", clickhouse.caFile));
      }
      if (kafka.config != null) {
        args.addAll(List.of("--kafka-config", kafka.config.toString()));
      }
      if (!alertmanagers.isEmpty()) {
        args.addAll(List.of("--alertmanager", String.join(",", alertmanagers)));
      }
      if (webhook != null) {
        args.addAll(List.of("--alert-webhook", webhook));
      }
      if (grafana != null) {
        args.addAll(List.of("--grafana-url", grafana));
      }
      args.addAll(extra);
      FlinkRestClient rest = new FlinkRestClient(flink);
      String jarId = rest.uploadJar(jobJar);
      String jobId = rest.run(jarId, RatesJob.class.getName(), args, parallelism.value, savepoint);
      System.out.println("submitted job " + jobId + " to " + flink + " (" + jobJar.getFileName() + ")");
      return 0;
    }

    /** The job jar the build packaged. */
    static Path packagedJar() throws IOException {
      Path target = Litmeter.root().resolve("jobs/target");
      try (Stream<Path> files = Files.list(target)) {
        return files.filter(p -> p.getFileName().toString().matches("litmeter-jobs-.*-job\\.jar")).findFirst()
            .orElseThrow(() -> new IOException("no job jar in " + target + ": run mvn -DskipTests package"));
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IOException("no " + target + ": run mvn -DskipTests package", e);
      }
    }
  }
}
