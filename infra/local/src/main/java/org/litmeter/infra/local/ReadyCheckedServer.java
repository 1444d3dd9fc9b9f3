package org.litmeter.infra.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private server of the Prometheus project (Prometheus, Alertmanager) from its Debian package:
 * its own configuration and data directory, loopback on a free port that it keeps across
 * {@link #stop()} and {@link #start()}, ready when {@code /-/ready} answers 200. It stops with the
 * JVM that started it.
 */
public abstract class ReadyCheckedServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReadyCheckedServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private ChildProcess process;

  ReadyCheckedServer(String name, Path dir) throws IOException {
    this.name = name;
    this.dir = Files.createDirectories(dir);
    this.port = FreePorts.pick();
    Files.createDirectories(dir.resolve("data"));
  }

  /** The command that runs the server on {@code dir} at {@code listen} ({@code 127.0.0.1:port}). */
  abstract List<String> command(Path dir, String listen) throws IOException;

  public final URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public final Path directory() {
    return dir;
  }

  public final synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server on its configuration and waits until it is ready. */
  public final synchronized void start() throws IOException {
    if (isRunning()) {
      return;
    }
    process = ChildProcess.startServer(name, command(dir, "127.0.0.1:" + port), dir, dir.resolve(name + ".log"));
    try {
      FreePorts.await(name + " on port " + port + " (log " + dir.resolve(name + ".log") + ")", START_TIMEOUT, () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited at start; see " + dir.resolve(name + ".log"));
        }
        return ready();
      });
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    LOG.info("{} up on {} (pid {})", name, url(), process.pid());
  }

  private boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** GET {@code path} on the server. */
  public final HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after a grace period); data and port are kept. */
  public final synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(30));
      process = null;
    }
  }

  @Override
  public final void close() {
    stop();
  }
}
