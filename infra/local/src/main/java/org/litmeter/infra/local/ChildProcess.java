package org.litmeter.infra.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process started by litmeter, with its output in a log file. It stops when its standard
 * input closes (see {@link OrphanGuard} and the shell wrapper of {@link LocalClickHouseServer}), so
 * it never outlives the JVM that started it.
 */
public final class ChildProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code command}; its stdout and stderr go to {@code logFile} (appended). */
  public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    LOG.debug("started {} (pid {}), log {}", name, process.pid(), logFile);
    return new ChildProcess(name, process, logFile);
  }

  /**
   * Starts a native server (not a JVM, which {@link OrphanGuard} covers) through a shell that
   * sends it SIGTERM when our end of its standard input closes, so it never outlives this JVM,
   * even one killed with SIGKILL.
   */
  public static ChildProcess startServer(String name, List<String> command, Path workDir, Path logFile)
      throws IOException {
    String server = String.join(" ", command.stream().map(ChildProcess::quote).toList());
    // stdin goes through fd 3 because a background job's stdin is /dev/null
    String script = "exec 3<&0; " + server + " & ch=$!; (cat <&3 >/dev/null; kill -TERM $ch 2>/dev/null) & wait $ch";
    return start(name, List.of("/bin/sh", "-c", script), workDir, logFile);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  /** The CPU time the process has used so far (user and system), zero where the platform does not tell. */
  public Duration cpuTime() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process and all its descendants with SIGKILL, as a crash would. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** Asks the process to stop (closes its stdin), then kills it if it has not stopped in time. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
    if (!waitFor(grace)) {
      LOG.warn("{} (pid {}) did not stop within {}; killing it", name, process.pid(), grace);
      kill();
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
