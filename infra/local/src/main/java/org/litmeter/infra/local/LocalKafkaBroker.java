package org.litmeter.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.litmeter.infra.kafka.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.x broker in KRaft mode (combined broker and controller) on loopback,
 * run as a child JVM from the Maven jars of {@code litmeter-kafka-runtime}. Ports are picked free;
 * data lives in a directory of the caller's. {@link #stop()} and {@link #start()} again keep the
 * data and the ports, which is how fault tests restart the broker.
 *
 * <p>{@link #startSecured} starts one that accepts only TLS with SASL/SCRAM-SHA-512 (a certificate
 * made with the JDK's keytool for 127.0.0.1, a client user with a random password), as a
 * regulator's network would require; {@link #connection()} says how to reach either kind.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
  private static final String CLASSPATH_RESOURCE = "/org/litmeter/infra/kafka-broker.classpath";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final String heap;
  private final int port;
  private final int controllerPort;
  /** The client user and the passwords of the stores and users; null for a plain broker. */
  private final Secrets secrets;
  private KafkaConnection connection;
  private ChildProcess process;

  private record Secrets(String storePassword, String brokerPassword, String clientUser, String clientPassword) {
    static Secrets random() {
      return new Secrets(randomPassword(), randomPassword(), "litmeter", randomPassword());
    }
  }

  private LocalKafkaBroker(Path dir, String heap, Secrets secrets) {
    this.dir = dir;
    this.heap = heap;
    this.secrets = secrets;
    this.port = FreePorts.pick();
    this.controllerPort = FreePorts.pick();
  }

  /** Formats a new broker in {@code dir} and starts it. */
  public static LocalKafkaBroker start(Path dir, String heap) throws IOException {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir, heap, null);
    broker.format();
    broker.start();
    return broker;
  }

  /**
   * Formats and starts a broker whose only client listener is SASL_SSL (SCRAM-SHA-512): keys,
   * certificate and trust store are made in {@code dir/tls}, the client properties are written
   * to {@link #clientConfig()}.
   */
  public static LocalKafkaBroker startSecured(Path dir, String heap) throws IOException {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir, heap, Secrets.random());
    broker.makeStores();
    broker.format();
    broker.start();
    return broker;
  }

  /** How clients reach this broker: plain, or with the security properties of {@link #clientConfig()}. */
  public KafkaConnection connection() {
    if (connection == null) {
      try {
        // read once: the readiness check asks for it on every poll
        connection = secrets == null ? KafkaConnection.plain(bootstrapServers())
            : KafkaConnection.of(bootstrapServers(), clientConfig());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return connection;
  }

  /** The client properties file of a secured broker (what {@code --kafka-config} takes). */
  public Path clientConfig() {
    return dir.resolve("tls/client.properties");
  }

  /** The client user's password, to check that no log shows it. */
  public String clientPassword() {
    return secrets == null ? null : secrets.clientPassword();
  }

  private void makeStores() throws IOException {
    LocalCertificate certificate = LocalCertificate.create(dir.resolve("tls"), secrets.storePassword());
    Files.writeString(clientConfig(), String.join("\n",
        "# written by litmeter LocalKafkaBroker: TLS to the broker's own certificate, SCRAM-SHA-512",
        "security.protocol=SASL_SSL",
        "sasl.mechanism=SCRAM-SHA-512",
        "sasl.jaas.config=" + jaas(secrets.clientUser(), secrets.clientPassword()),
        "ssl.truststore.location=" + certificate.trustStore(),
        "ssl.truststore.type=PKCS12",
        "ssl.truststore.password=" + certificate.password(), ""), StandardCharsets.UTF_8);
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  private static String randomPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }



  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  private void format() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("server.properties"), serverProperties(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("log4j2.properties"), log4jProperties(), StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-Xmx256m",
        "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
        "-cp", JavaCommand.classpathResource(CLASSPATH_RESOURCE), "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString()));
    if (secrets != null) {
      command.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=broker,password=" + secrets.brokerPassword() + "]",
          "--add-scram", "SCRAM-SHA-512=[name=" + secrets.clientUser() + ",password=" + secrets.clientPassword() + "]"));
    }
    Process format = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("format.log").toFile())).start();
    try {
      if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IOException("formatting the Kafka storage failed: " + Files.readString(dir.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting the Kafka storage", e);
    }
  }

  /** Starts the (formatted) broker and waits until it answers. */
  public synchronized void start() throws IOException {
    if (isRunning()) {
      return;
    }
    List<String> jvm = List.of("-Xmx" + heap, "-Xms128m", "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
        "-Dkafka.logs.dir=" + dir.resolve("logs"));
    process = ChildProcess.start("kafka-broker", JavaCommand.guarded(jvm,
            JavaCommand.classpathResource(CLASSPATH_RESOURCE), "kafka.Kafka",
            List.of(dir.resolve("server.properties").toString())),
        dir, dir.resolve("broker.log"));
    try {
      FreePorts.await("Kafka broker on " + bootstrapServers() + " (log " + process.logFile() + ")",
          START_TIMEOUT, () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("Kafka broker exited at start; see " + process.logFile());
            }
            return FreePorts.isListening(port) && clusterAnswers();
          });
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    LOG.info("Kafka broker up on {} (pid {})", bootstrapServers(), process.pid());
  }

  private boolean clusterAnswers() {
    Properties p = connection().properties();
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    try (Admin admin = Admin.create(p)) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  /** Stops the broker cleanly (controlled shutdown); data and ports are kept for {@link #start()}. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(60));
      process = null;
    }
  }

  /** Kills the broker with SIGKILL, as a crash would. */
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

  private String serverProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    String listener = secrets == null ? "PLAINTEXT" : "SASL_SSL";
    p.setProperty("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", listener + "://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", listener);
    p.setProperty("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
    if (secrets != null) {
      Path tls = dir.resolve("tls");
      p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
      p.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
      p.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas("broker", secrets.brokerPassword()));
      p.setProperty("ssl.keystore.location", tls.resolve("server.p12").toString());
      p.setProperty("ssl.keystore.type", "PKCS12");
      p.setProperty("ssl.keystore.password", secrets.storePassword());
      p.setProperty("ssl.key.password", secrets.storePassword());
      p.setProperty("ssl.truststore.location", tls.resolve("truststore.p12").toString());
      p.setProperty("ssl.truststore.type", "PKCS12");
      p.setProperty("ssl.truststore.password", secrets.storePassword());
    }
    p.setProperty("log.dirs", dir.resolve("data").toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.cleaner.backoff.ms", "1000");
    StringBuilder out = new StringBuilder("# written by litmeter LocalKafkaBroker\n");
    p.stringPropertyNames().stream().sorted()
        .forEach(k -> out.append(k).append('=').append(p.getProperty(k)).append('\n'));
    return out.toString();
  }

  private String log4jProperties() {
    return String.join("\n",
        "status = warn",
        "appender.file.type = File",
        "appender.file.name = file",
        "appender.file.fileName = " + dir.resolve("logs/server.log"),
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = warn",
        "rootLogger.appenderRef.file.ref = file",
        "logger.kafka.name = kafka",
        "logger.kafka.level = info",
        "");
  }
}
