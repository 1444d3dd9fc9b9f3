package org.litmeter.infra.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How to reach a Kafka cluster: its bootstrap servers and the client security properties of a
 * {@code --kafka-config} file (TLS, SASL/SCRAM, mutual TLS, in Kafka's own property names), which
 * every producer, consumer and admin client litmeter creates is given, the job's included.
 *
 * <p>Only security properties are accepted from the file ({@code security.protocol}, {@code ssl.*},
 * {@code sasl.*}): a typo or a tuning property is an error naming the file and key, not a setting
 * silently ignored or one that changes litmeter's delivery guarantees. {@link #toString()} never
 * shows a value, since passwords live there.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) implements Serializable {

  public KafkaConnection {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers given (--kafka host:port)");
    }
    security = new TreeMap<>(security);
  }

  /** A cluster reached in plain text (a private network, tests). */
  public static KafkaConnection plain(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /** A cluster reached with the security properties of {@code file} (null: plain). */
  public static KafkaConnection of(String bootstrapServers, Path file) throws IOException {
    if (file == null) {
      return plain(bootstrapServers);
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new IOException("Kafka client configuration " + file + " does not exist", e);
    }
    Map<String, String> security = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) && !key.startsWith("ssl.")
          && !key.startsWith("sasl.")) {
        throw new IllegalArgumentException(file + ": " + key + " is not a Kafka client security property (only"
            + " security.protocol, ssl.* and sasl.* belong in --kafka-config; the servers go in --kafka)");
      }
      security.put(key, p.getProperty(key).strip());
    }
    return new KafkaConnection(bootstrapServers, security);
  }

  /**
   * Fails within {@code timeout} with a message a person can act on when the cluster does not answer
   * (wrong address, broker down, refused credentials), instead of clients that wait for minutes.
   */
  public void checkReachable(Duration timeout) {
    Properties p = properties();
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reaching Kafka at " + this, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("Kafka at " + this + " did not answer within " + timeout.toSeconds() + " s ("
          + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
          + "): is the broker running, the address right, and --kafka-config what the cluster expects?", e);
    }
  }

  /** Client properties: the bootstrap servers and the security ones, for any Kafka client. */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(security);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** The same as a map, for the clients that take one. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new TreeMap<>(security);
    m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return m;
  }

  @Override
  public String toString() {
    return bootstrapServers + " (" + security.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
        + ")";
  }
}
