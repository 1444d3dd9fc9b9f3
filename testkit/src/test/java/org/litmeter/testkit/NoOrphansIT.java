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

/**
 * The servers litmeter starts never outlive it: a JVM that started a broker and a ClickHouse
 * server is killed with SIGKILL (no shutdown hook runs), and both servers must stop on their own.
 */
class NoOrphansIT {

  /** Started as a separate JVM by the test: starts both servers, prints their pids, waits. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    LocalKafkaBroker kafka = LocalKafkaBroker.start(dir.resolve("kafka"), "256m");
    LocalClickHouseServer clickhouse = LocalClickHouseServer.start(dir.resolve("clickhouse"));
    System.out.println("kafka-port " + kafka.port());
    System.out.println("clickhouse-port " + clickhouse.httpPort());
    System.out.println("ready");
    Thread.sleep(Long.MAX_VALUE);
  }

  @Test
  void serversStopWhenTheJvmThatStartedThemIsKilled() throws Exception {
    Path dir = Files.createTempDirectory("litmeter-orphans-");
    List<String> command = List.of(JavaCommand.javaBinary(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path") + File.pathSeparator + JavaCommand.ownLocation(),
        NoOrphansIT.class.getName(), dir.toString());
    Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Integer> ports = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
        if (line.startsWith("kafka-port ") || line.startsWith("clickhouse-port ")) {
          ports.add(Integer.parseInt(line.substring(line.indexOf(' ') + 1)));
        }
      }
      assertThat(ports).hasSize(2);
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
