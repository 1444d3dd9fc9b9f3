package org.litmeter.infra.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private ClickHouse server process on loopback, started from the installed binary with its own
 * generated configuration, free ports and data directory. It never touches a system instance.
 * {@link #stop()} and {@link #start()} again keep data and ports (fault tests restart it).
 *
 * <p>When no server binary is installed and we run as root, {@link #ensureInstalled()} installs
 * Debian's {@code clickhouse-server} with apt; otherwise it says what to install.
 */
public final class LocalClickHouseServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouseServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final List<Path> SERVER_BINARIES = List.of(
      Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse-server"));
  private static final Path SINGLE_BINARY = Path.of("/usr/bin/clickhouse");
  public static final String INSTALL_HINT =
      "install ClickHouse first: sudo apt-get install -y clickhouse-server clickhouse-client";

  private final Path dir;
  private final int httpPort;
  private final int tcpPort;
  private final int interserverPort;
  private final List<String> serverCommand;
  private Map<ClickHouseAccess.User, String> passwords;
  /** The server's certificate when it speaks HTTPS only; null for plain HTTP. */
  private LocalCertificate certificate;
  private ChildProcess process;

  private LocalClickHouseServer(Path dir, List<String> serverCommand) {
    this.dir = dir;
    this.serverCommand = serverCommand;
    this.httpPort = FreePorts.pick();
    this.tcpPort = FreePorts.pick();
    this.interserverPort = FreePorts.pick();
  }

  /**
   * Writes a configuration into {@code dir} and starts a server on it: a new server on an empty
   * directory, or one on the data a previous server left there (with new ports).
   */
  public static LocalClickHouseServer start(Path dir) throws IOException {
    LocalClickHouseServer server = configure(dir);
    server.start();
    return server;
  }

  /**
   * Starts a server whose HTTP interface is HTTPS only (a certificate for 127.0.0.1 made in
   * {@code dir/tls}; plain HTTP is not served): {@link #endpoint()} trusts that certificate alone.
   */
  public static LocalClickHouseServer startWithTls(Path dir) throws IOException {
    LocalClickHouseServer server = new LocalClickHouseServer(dir, ensureInstalled());
    byte[] random = new byte[12];
    new java.security.SecureRandom().nextBytes(random);
    server.certificate = LocalCertificate.create(dir.resolve("tls"),
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    server.writeConfig();
    server.start();
    return server;
  }

  /**
   * Writes a configuration into {@code dir} and picks the ports, without starting the server: for
   * callers that add to the configuration ({@code config.d}) what needs the ports first.
   */
  public static LocalClickHouseServer configure(Path dir) throws IOException {
    LocalClickHouseServer server = new LocalClickHouseServer(dir, ensureInstalled());
    server.writeConfig();
    return server;
  }

  /** The command that runs the server binary, installing it with apt first when we can. */
  public static List<String> ensureInstalled() throws IOException {
    Optional<List<String>> found = findServerCommand();
    if (found.isPresent()) {
      return found.get();
    }
    if (!DebianPackages.canInstall()) {
      throw new IOException("no clickhouse-server binary found; " + INSTALL_HINT);
    }
    LOG.warn("clickhouse-server is not installed; installing Debian's package with apt-get (takes a minute)");
    DebianPackages.install(INSTALL_HINT, "clickhouse-server", "clickhouse-client");
    return findServerCommand().orElseThrow(() -> new IOException(
        "apt-get installed clickhouse-server but no server binary was found; " + INSTALL_HINT));
  }

  private static Optional<List<String>> findServerCommand() {
    for (Path binary : SERVER_BINARIES) {
      if (Files.isExecutable(binary)) {
        return Optional.of(List.of(binary.toString()));
      }
    }
    if (Files.isExecutable(SINGLE_BINARY)) {
      return Optional.of(List.of(SINGLE_BINARY.toString(), "server"));
    }
    return Optional.empty();
  }

  /** The administrator endpoint of this server (user {@code default}, loopback only, no password). */
  public ClickHouseEndpoint endpoint() {
    ClickHouseEndpoint plain = new ClickHouseEndpoint("127.0.0.1", httpPort, "default", "");
    return certificate == null ? plain : plain.overTls(httpPort, certificate.certificatePem().toString());
  }

  /** This server as one of litmeter's users ({@link ClickHouseAccess#USERS}), with its password. */
  public ClickHouseEndpoint endpointAs(ClickHouseAccess.User user) {
    return endpoint().as(user.name(), passwords.get(user));
  }

  /** Where the passwords of litmeter's users are kept when no environment variable gives them. */
  public Path secrets() {
    return dir.resolve("secrets");
  }

  public int httpPort() {
    return httpPort;
  }

  /** The native protocol's port: plain, or TLS for a server started {@link #startWithTls with TLS}. */
  public int tcpPort() {
    return tcpPort;
  }

  /** The certificate of a server started {@link #startWithTls with TLS}, else null. */
  public LocalCertificate certificate() {
    return certificate;
  }

  public Path directory() {
    return dir;
  }

  /** The last lines of a log, for an error message; empty when there is none. */
  private static String lastLines(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server on its existing configuration and waits until it answers /ping. */
  public synchronized void start() throws IOException {
    if (isRunning()) {
      return;
    }
    List<String> command = new ArrayList<>(serverCommand);
    command.add("--config-file=" + dir.resolve("config.xml"));
    process = ChildProcess.startServer("clickhouse-server", command, dir, dir.resolve("logs/stdout.log"));
    try {
      FreePorts.await("ClickHouse on port " + httpPort + " (logs in " + dir.resolve("logs") + ")",
          START_TIMEOUT, () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("ClickHouse exited at start; see " + dir.resolve("logs") + "; it said: "
                  + lastLines(dir.resolve("logs/server.err.log"), 5) + lastLines(dir.resolve("logs/stdout.log"), 5));
            }
            return answersPing();
          });
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    LOG.info("ClickHouse up on {} (pid {})", endpoint().url(), process.pid());
  }

  private boolean answersPing() {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
    if (certificate != null) {
      try {
        builder.sslContext(certificate.clientContext());
      } catch (IOException e) {
        return false;
      }
    }
    HttpClient http = builder.build();
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(endpoint().url() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after a grace period); data and ports are kept. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(60));
      process = null;
    }
  }

  /** Kills the server with SIGKILL, as a crash would. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Plain HTTP, or HTTPS only with the certificate (no plain port at all; the native port is TLS too). */
  private String httpInterface() {
    if (certificate == null) {
      return "<http_port>" + httpPort + "</http_port>";
    }
    return """
        <https_port>%d</https_port>
          <openSSL>
            <server>
              <certificateFile>%s</certificateFile>
              <privateKeyFile>%s</privateKeyFile>
              <verificationMode>none</verificationMode>
              <loadDefaultCAFile>false</loadDefaultCAFile>
              <cacheSessions>true</cacheSessions>
              <disableProtocols>sslv2,sslv3,tlsv1,tlsv1_1</disableProtocols>
              <preferServerCiphers>true</preferServerCiphers>
            </server>
          </openSSL>""".formatted(httpPort, certificate.certificatePem(), certificate.privateKeyPem());
  }

  private void writeConfig() throws IOException {
    for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "logs", "users.d")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.writeString(dir.resolve("config.xml"), """
        <?xml version="1.0"?>
        <!-- written by litmeter LocalClickHouseServer -->
        <yandex>
          <logger>
            <level>warning</level>
            <log>%1$s/logs/server.log</log>
            <errorlog>%1$s/logs/server.err.log</errorlog>
            <size>50M</size>
            <count>2</count>
          </logger>
          <listen_host>127.0.0.1</listen_host>
          %5$s
          <%6$s>%3$d</%6$s>
          <interserver_http_port>%4$d</interserver_http_port>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <users_config>%1$s/users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <timezone>UTC</timezone>
          <max_concurrent_queries>50</max_concurrent_queries>
          <mark_cache_size>268435456</mark_cache_size>
          <uncompressed_cache_size>268435456</uncompressed_cache_size>
          <mlock_executable>false</mlock_executable>
        </yandex>
        """.formatted(dir.toAbsolutePath(), httpPort, tcpPort, interserverPort, httpInterface(),
            certificate == null ? "tcp_port" : "tcp_port_secure"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("users.xml"), """
        <?xml version="1.0"?>
        <!-- written by litmeter LocalClickHouseServer: an administrator on loopback only -->
        <yandex>
          <profiles>
            <default>
              <max_memory_usage>4000000000</max_memory_usage>
            </default>
          </profiles>
          <users>
            <default>
              <password></password>
              <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
              <profile>default</profile>
              <quota>default</quota>
            </default>
          </users>
          <quotas>
            <default></default>
          </quotas>
        </yandex>
        """, StandardCharsets.UTF_8);
    passwords = ClickHouseAccess.passwords(secrets(), System::getenv);
    Files.writeString(dir.resolve("users.d/litmeter.xml"), ClickHouseAccess.usersXml(passwords),
        StandardCharsets.UTF_8);
  }
}
