package org.litmeter.infra.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.litmeter.infra.flink.FlinkRestClient;
import org.litmeter.infra.flink.StateBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink standalone session cluster on loopback: one JobManager and {@code n} TaskManagers,
 * each its own JVM started from the Maven jars of {@code litmeter-flink-runtime} the way Flink's
 * scripts start them (memory flags derived by Flink's own {@code BashJavaUtils}). Checkpoints go
 * to {@code dir/checkpoints}. A TaskManager can be killed and started again (fault tests).
 */
public final class LocalFlinkCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);
  private static final String CLASSPATH_RESOURCE = "/org/litmeter/infra/flink-cluster.classpath";
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int restPort;
  private final ChildProcess[] taskManagers;
  /** Prometheus reporter ports: each process takes the first free one, a restarted one another. */
  private final List<Integer> metricsPorts = new ArrayList<>();
  private ChildProcess jobManager;

  private LocalFlinkCluster(Path dir, int taskManagers) {
    this.dir = dir;
    this.restPort = FreePorts.pick();
    this.taskManagers = new ChildProcess[taskManagers];
  }

  /** A cluster on RocksDB with incremental checkpoints, as in production. */
  public static LocalFlinkCluster start(Path dir, int taskManagers, int slotsPerTaskManager) throws IOException,
      InterruptedException {
    return start(dir, taskManagers, slotsPerTaskManager, StateBackend.ROCKSDB);
  }

  /**
   * Writes the configuration into {@code dir} and starts the JobManager and the TaskManagers,
   * returning once all TaskManagers are registered.
   */
  public static LocalFlinkCluster start(Path dir, int taskManagers, int slotsPerTaskManager, StateBackend state)
      throws IOException, InterruptedException {
    LocalFlinkCluster cluster = new LocalFlinkCluster(dir, taskManagers);
    cluster.writeConfig(slotsPerTaskManager, state);
    try {
      cluster.startJobManager();
      for (int i = 0; i < taskManagers; i++) {
        cluster.startTaskManager(i);
      }
      cluster.awaitTaskManagers(taskManagers);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Where the JobManager and TaskManagers serve their metrics for Prometheus ({@code /metrics}). */
  public List<String> metricsTargets() {
    return metricsPorts.stream().map(p -> "127.0.0.1:" + p).toList();
  }

  public URI restUrl() {
    return URI.create("http://127.0.0.1:" + restPort);
  }

  public FlinkRestClient rest() {
    return new FlinkRestClient(restUrl());
  }

  public Path checkpoints() {
    return dir.resolve("checkpoints");
  }

  /** Kills TaskManager {@code i} with SIGKILL, as a crash of its machine would. */
  public synchronized void killTaskManager(int i) {
    if (taskManagers[i] != null) {
      taskManagers[i].kill();
      taskManagers[i] = null;
    }
  }

  /** The CPU time the running TaskManagers have used so far: what the job's work costs. */
  public synchronized Duration taskManagersCpu() {
    Duration cpu = Duration.ZERO;
    for (ChildProcess tm : taskManagers) {
      if (tm != null) {
        cpu = cpu.plus(tm.cpuTime());
      }
    }
    return cpu;
  }

  /** Starts TaskManager {@code i} (again). */
  public synchronized void startTaskManager(int i) throws IOException, InterruptedException {
    if (taskManagers[i] != null && taskManagers[i].isAlive()) {
      return;
    }
    List<String> params = resourceParams("GET_TM_RESOURCE_PARAMS");
    List<String> jvm = new ArrayList<>(Arrays.asList(params.get(0).trim().split("\\s+")));
    jvm.addAll(logging("taskmanager-" + i));
    List<String> args = new ArrayList<>(List.of("--configDir", conf().toString()));
    args.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
    taskManagers[i] = ChildProcess.start("flink-taskmanager-" + i, JavaCommand.guarded(jvm, classpath(),
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args), dir,
        dir.resolve("logs/taskmanager-" + i + ".out"));
    LOG.info("Flink TaskManager {} started (pid {})", i, taskManagers[i].pid());
  }

  /** Waits until {@code n} TaskManagers are registered with the JobManager. */
  public void awaitTaskManagers(int n) {
    FreePorts.await(n + " Flink TaskManagers registered (logs in " + dir.resolve("logs") + ")", START_TIMEOUT, () -> {
      try {
        return rest().taskManagers() >= n;
      } catch (IOException e) {
        return false;
      }
    });
  }

  private void startJobManager() throws IOException, InterruptedException {
    List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS");
    List<String> jvm = new ArrayList<>(Arrays.asList(params.get(0).trim().split("\\s+")));
    jvm.addAll(logging("jobmanager"));
    List<String> args = new ArrayList<>(List.of("--configDir", conf().toString()));
    if (params.size() > 1 && !params.get(1).isBlank()) {
      args.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
    }
    jobManager = ChildProcess.start("flink-jobmanager", JavaCommand.guarded(jvm, classpath(),
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", args), dir,
        dir.resolve("logs/jobmanager.out"));
    FreePorts.await("Flink JobManager REST on " + restUrl() + " (logs in " + dir.resolve("logs") + ")",
        START_TIMEOUT, () -> {
          if (!jobManager.isAlive()) {
            throw new IllegalStateException("Flink JobManager exited at start; see " + jobManager.logFile());
          }
          try {
            rest().taskManagers();
            return true;
          } catch (IOException e) {
            return false;
          }
        });
    LOG.info("Flink JobManager up on {} (pid {})", restUrl(), jobManager.pid());
  }

  /** Flink's own derivation of a process's JVM flags and dynamic properties from the configuration. */
  private List<String> resourceParams(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(JavaCommand.javaBinary(), "-Xmx128m", "-cp", classpath(),
        "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", conf().toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("Flink's BashJavaUtils " + command + " failed: " + out);
    }
    List<String> results = out.lines().filter(l -> l.startsWith(RESULT_PREFIX))
        .map(l -> l.substring(RESULT_PREFIX.length())).toList();
    if (results.isEmpty()) {
      throw new IOException("no result from Flink's BashJavaUtils " + command + ": " + out);
    }
    return results;
  }

  private List<String> logging(String name) {
    List<String> options = new ArrayList<>(JavaCommand.jobJvmOptions());
    options.add("-Dlog.file=" + dir.resolve("logs/" + name + ".log"));
    options.add("-Dlog4j.configurationFile=" + conf().resolve("log4j.properties").toUri());
    return options;
  }

  private Path conf() {
    return dir.resolve("conf");
  }

  private static String classpath() {
    return JavaCommand.classpathResource(CLASSPATH_RESOURCE);
  }

  private String metricsPortList() {
    for (int i = 0; i < taskManagers.length + 2; i++) {
      metricsPorts.add(FreePorts.pick());
    }
    return String.join(",", metricsPorts.stream().map(String::valueOf).toList());
  }

  private void writeConfig(int slots, StateBackend state) throws IOException {
    Files.createDirectories(conf());
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(checkpoints());
    Files.writeString(conf().resolve("config.yaml"), """
        # written by litmeter LocalFlinkCluster: everything on loopback, small memory
        jobmanager.rpc.address: 127.0.0.1
        jobmanager.rpc.port: %d
        jobmanager.bind-host: 127.0.0.1
        jobmanager.memory.process.size: 900m
        taskmanager.bind-host: 127.0.0.1
        taskmanager.host: 127.0.0.1
        taskmanager.numberOfTaskSlots: %d
        taskmanager.memory.process.size: %s
        taskmanager.memory.managed.size: %s
        %s
        taskmanager.memory.network.min: 64m
        taskmanager.memory.network.max: 64m
        rest.address: 127.0.0.1
        rest.bind-address: 127.0.0.1
        rest.port: %d
        blob.server.port: %d
        heartbeat.interval: 2000
        heartbeat.timeout: 10000
        execution.checkpointing.dir: %s
        execution.checkpointing.savepoint-dir: %s
        execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
        restart-strategy.type: exponential-delay
        restart-strategy.exponential-delay.initial-backoff: 1 s
        restart-strategy.exponential-delay.max-backoff: 10 s
        restart-strategy.exponential-delay.attempts-before-reset-backoff: 1000
        web.submit.enable: true
        metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
        metrics.reporter.prom.port: "%s"
        """.formatted(FreePorts.pick(), slots, state == StateBackend.ROCKSDB ? "1400m" : "1200m",
        // RocksDB's memtables and block cache come out of managed memory
        state == StateBackend.ROCKSDB ? "192m" : "32m", state.options().entrySet().stream()
            .map(o -> o.getKey() + ": " + o.getValue()).collect(Collectors.joining("\n")), restPort, FreePorts.pick(),
        checkpoints().toUri(),
        dir.resolve("savepoints").toUri(), metricsPortList()), StandardCharsets.UTF_8);
    Files.writeString(conf().resolve("log4j.properties"), """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = file
        appender.file.type = File
        appender.file.name = file
        appender.file.fileName = ${sys:log.file}
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = %d{ISO8601} %-5p [%t] %c - %m%n
        logger.metrics.name = org.apache.flink.metrics.MetricGroup
        logger.metrics.level = ERROR
        logger.kafka.name = org.apache.kafka
        logger.kafka.level = WARN
        """, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    for (int i = 0; i < taskManagers.length; i++) {
      if (taskManagers[i] != null) {
        taskManagers[i].stop(Duration.ofSeconds(20));
        taskManagers[i] = null;
      }
    }
    if (jobManager != null) {
      jobManager.stop(Duration.ofSeconds(20));
      jobManager = null;
    }
  }
}
