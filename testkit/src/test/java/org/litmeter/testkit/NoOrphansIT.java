package org.litmeter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.Directories;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.JavaCommand;
import org.litmeter.infra.local.LocalClickHouseServer;
import org.litmeter.infra.local.LocalKafkaBroker;
import org.litmeter.infra.local.LocalStack;

/**
 * The servers litmeter starts never outlive it: a JVM that started a broker and a ClickHouse
 * server is killed with SIGKILL (no shutdown hook runs), and both servers must stop on their own.
 */
class NoOrphansIT {

  /**
   * Started as a separate JVM by the tests: starts both servers (alone, or as a {@link LocalStack}
   * when the second argument is "stack"), prints their ports, waits.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("stack")) {
      LocalStack stack = LocalStack.start(dir, true, 1);
      System.out.println("kafka-port " + stack.kafka().port());
      System.out.println("clickhouse-port " + stack.clickhouse().httpPort());
    } else {
      LocalKafkaBroker kafka = LocalKafkaBroker.start(dir.resolve("kafka"), "256m");
      LocalClickHouseServer clickhouse = LocalClickHouseServer.start(dir.resolve("clickhouse"));
      System.out.println("kafka-port " + kafka.port());
      System.out.println("clickhouse-port " + clickhouse.httpPort());
    }
    System.out.println("ready");
    Thread.sleep(Long.MAX_VALUE);
  }

  @Test
  void aStackStoppedBySigtermStopsItsServersAndDropsKafkasTemporaryData() throws Exception {
    Path dir = Files.createTempDirectory("litmeter-sigterm-");
    Process parent = startChild(dir, "stack");
    try {
      List<Integer> ports = awaitReady(parent);
      assertThat(ports).allMatch(FreePorts::isListening);
      parent.destroy();
      assertThat(parent.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
      assertThat(ports).noneMatch(FreePorts::isListening);
      try (var entries = Files.list(dir)) {
        assertThat(entries.map(p -> p.getFileName().toString())).as("left in the work directory")
            .containsExactly("clickhouse");
      }
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly();
      Directories.deleteTree(dir);
    }
  }

  private static Process startChild(Path dir, String... mode) throws Exception {
    List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path") + File.pathSeparator + JavaCommand.ownLocation(),
        NoOrphansIT.class.getName(), dir.toString()));
    command.addAll(List.of(mode));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the child's output up to "ready"; returns the ports it printed, leaving its output drained. */
  private static List<Integer> awaitReady(Process child) throws Exception {
    List<Integer> ports = new ArrayList<>();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
      if (line.startsWith("kafka-port ") || line.startsWith("clickhouse-port ")) {
        ports.add(Integer.parseInt(line.substring(line.indexOf(' ') + 1)));
      }
    }
    Thread drain = new Thread(() -> {
      try {
        out.transferTo(java.io.Writer.nullWriter());
      } catch (java.io.IOException closed) {
        // the child is gone
      }
    });
    drain.setDaemon(true);
    drain.start();
    assertThat(ports).hasSize(2);
    return ports;
  }

  @Test
  void serversStopWhenTheJvmThatStartedThemIsKilled() throws Exception {
    Path dir = Files.createTempDirectory("litmeter-orphans-");
    Process parent = startChild(dir);
    try {
      List<Integer> ports = awaitReady(parent);
      assertThat(ports).allMatch(FreePorts::isListening);
      List<ProcessHandle> children = parent.descendants().toList();
      assertThat(children).isNotEmpty();

      parent.destroyForcibly().waitFor();

      FreePorts.await("the servers to stop after their parent was killed", Duration.ofSeconds(60),
          () -> children.stream().noneMatch(ProcessHandle::isAlive));
      assertThat(ports).noneMatch(FreePorts::isListening);
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      Directories.deleteTree(dir);
    }
  }
}
