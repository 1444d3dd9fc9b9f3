package org.litmeter.infra.clickhouse;

import com.clickhouse.client.api.Client;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How to reach a ClickHouse server over HTTP, and as whom. Serializable so that a Flink sink can
 * carry it to the TaskManagers.
 */
public record ClickHouseEndpoint(String host, int httpPort, String user, String password)
    implements Serializable {

  public static final String DATABASE = "litmeter";
  /** Where a command or the job finds the ClickHouse password: never on the command line. */
  public static final String PASSWORD_VARIABLE = "LITMETER_CLICKHOUSE_PASSWORD";

  /** The server at {@code url} (http://host:port) as {@code user}, with the password from {@link #PASSWORD_VARIABLE}. */
  public static ClickHouseEndpoint fromUrl(String url, String user) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("not a ClickHouse HTTP URL: " + url + " (expected http://host:port,"
          + " e.g. http://127.0.0.1:8123)");
    }
    if (!uri.getScheme().equals("http")) {
      throw new IllegalArgumentException(uri.getScheme() + " is not supported for ClickHouse yet: " + url
          + " (litmeter speaks plain HTTP to ClickHouse; keep it on a private network or a TLS tunnel)");
    }
    return new ClickHouseEndpoint(uri.getHost(), uri.getPort(), user,
        System.getenv().getOrDefault(PASSWORD_VARIABLE, ""));
  }

  public String url() {
    return "http://" + host + ":" + httpPort;
  }

  public ClickHouseEndpoint as(String otherUser, String otherPassword) {
    return new ClickHouseEndpoint(host, httpPort, otherUser, otherPassword);
  }

  /**
   * A client-v2 client. Every statement litmeter sends names its database explicitly, because the
   * client ignores a default database against ClickHouse 18.16.
   */
  public Client newClient(Duration socketTimeout) {
    return new Client.Builder()
        .addEndpoint(url())
        .setUsername(user)
        .setPassword(password == null ? "" : password)
        .setConnectTimeout(5, ChronoUnit.SECONDS)
        .setSocketTimeout(socketTimeout.toMillis(), ChronoUnit.MILLIS)
        .compressServerResponse(false)
        .setMaxRetries(0)
        .build();
  }

  @Override
  public String toString() {
    return user + "@" + url();
  }
}
