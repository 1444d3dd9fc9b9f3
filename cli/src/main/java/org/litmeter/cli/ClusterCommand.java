package org.litmeter.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.litmeter.infra.flink.StateBackend;
import org.litmeter.infra.local.LocalFlinkCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A real multi-process Flink cluster on this machine, until Ctrl-C. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Start a Flink standalone session cluster on loopback from the Maven jars: a JobManager and"
        + " TaskManagers, each its own JVM. Runs until Ctrl-C or SIGTERM; logs and checkpoints in .litmeter/flink.",
        "Submit the job to it with ./litmeter job submit --flink <the REST URL it prints> ..."})
final class ClusterCommand implements Callable<Integer> {

  @Option(names = "--task-managers", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
  int taskManagers;

  @Option(names = "--slots", defaultValue = "1", description = "Task slots per TaskManager (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--state-backend", defaultValue = "rocksdb",
      description = "Where keyed state lives: rocksdb (incremental checkpoints, as in production) or hashmap"
          + " (default: ${DEFAULT-VALUE})")
  StateBackend stateBackend;

  private final Console console = new Console();

  @Override
  public Integer call() throws Exception {
    console.step("Starting a Flink cluster: a JobManager and " + taskManagers + " TaskManagers, state on "
        + stateBackend.name().toLowerCase(java.util.Locale.ROOT));
    CountDownLatch stopped = new CountDownLatch(1);
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(Litmeter.home().resolve("flink"), taskManagers, slots,
        stateBackend)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        cluster.close();
        stopped.countDown();
      }, "litmeter-cluster-stop"));
      console.info("Flink REST and web UI: %s (%s)", cluster.restUrl(), Console.seconds(console.sinceStep()));
      console.info("checkpoints: %s", cluster.checkpoints().toUri());
      console.info("Prometheus /metrics of the JobManager and TaskManagers, each on the first free of: %s",
          String.join(" ", cluster.metricsTargets()));
      console.info("Ctrl-C stops it.");
      stopped.await();
    }
    return 0;
  }
}
