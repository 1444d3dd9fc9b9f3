package org.litmeter.infra.clickhouse;

import com.clickhouse.client.api.Client;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How to reach a ClickHouse server over HTTP or HTTPS, and as whom. Serializable so that a Flink
 * sink can carry it to the TaskManagers.
 *
 * @param tls HTTPS: the server's certificate is checked against {@code caFile} (PEM), or the JVM's
 *     trusted authorities when it is null, and its host name must match
 * @param caFile the certificate authority of the server's certificate, or null
 */
public record ClickHouseEndpoint(String host, int httpPort, String user, String password, boolean tls,
    String caFile) implements Serializable {

  public static final String DATABASE = "litmeter";
  /** Where a command or the job finds the ClickHouse password: never on the command line. */
  public static final String PASSWORD_VARIABLE = "LITMETER_CLICKHOUSE_PASSWORD";
  /** Where a command or the job finds the certificate authority of an https:// server (a PEM file). */
  public static final String CA_VARIABLE = "LITMETER_CLICKHOUSE_CA";

  /** A server reached in plain HTTP (loopback, a private network). */
  public ClickHouseEndpoint(String host, int httpPort, String user, String password) {
    this(host, httpPort, user, password, false, null);
  }

  /**
   * The server at {@code url} (http:// or https://host:port) as {@code user}, with the password
   * from {@link #PASSWORD_VARIABLE} and, for https, the authority in {@code caFile} (PEM), or when
   * that is null the one {@link #CA_VARIABLE} names, or else the JVM's trusted authorities.
   */
  public static ClickHouseEndpoint fromUrl(String url, String user, String caFile) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("not a ClickHouse HTTP URL: " + url + " (expected http://host:port or"
          + " https://host:port, e.g. http://127.0.0.1:8123)");
    }
    if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
      throw new IllegalArgumentException("not a ClickHouse HTTP URL: " + url + " (the scheme is http or https)");
    }
    boolean tls = uri.getScheme().equals("https");
    if (!tls && caFile != null) {
      throw new IllegalArgumentException("a certificate authority (" + caFile + ") is given for " + url
          + ", which is plain http: use https://");
    }
    String ca = caFile != null ? caFile : tls ? System.getenv(CA_VARIABLE) : null;
    if (ca != null && !ca.isBlank() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(ca))) {
      throw new IllegalArgumentException("the certificate authority " + ca
          + (caFile != null ? "" : " (from " + CA_VARIABLE + ")") + " cannot be read");
    }
    return new ClickHouseEndpoint(uri.getHost(), uri.getPort(), user,
        System.getenv().getOrDefault(PASSWORD_VARIABLE, ""), tls, ca == null || ca.isBlank() ? null : ca);
  }

  public String url() {
    return (tls ? "https://" : "http://") + host + ":" + httpPort;
  }

  public ClickHouseEndpoint as(String otherUser, String otherPassword) {
    return new ClickHouseEndpoint(host, httpPort, otherUser, otherPassword, tls, caFile);
  }

  /** The same server over HTTPS on {@code port}, its certificate checked against {@code ca} (PEM). */
  public ClickHouseEndpoint overTls(int port, String ca) {
    return new ClickHouseEndpoint(host, port, user, password, true, ca);
  }

  /**
   * A client-v2 client. Every statement litmeter sends names its database explicitly, because the
   * client ignores a default database against ClickHouse 18.16.
   */
  public Client newClient(Duration socketTimeout) {
    Client.Builder builder = new Client.Builder();
    if (caFile != null) {
      builder.setRootCertificate(caFile);
    }
    return builder
        .addEndpoint(url())
        .setUsername(user)
        .setPassword(password == null ? "" : password)
        .setConnectTimeout(5, ChronoUnit.SECONDS)
        .setSocketTimeout(socketTimeout.toMillis(), ChronoUnit.MILLIS)
        .compressServerResponse(false)
        .setMaxRetries(0)
        .build();
  }

  /** Without the password, which is a component and would be printed otherwise. */
  @Override
  public String toString() {
    return user + "@" + url();
  }
}
