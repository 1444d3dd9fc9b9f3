package org.litmeter.infra.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An HTTP receiver on loopback that takes what Alertmanager's webhook receivers are sent (any path)
 * and keeps each body: the on-call end of the demo and of the alerting tests.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One POST: its path, body (JSON) and arrival. */
  public record Delivery(String path, String body, Instant at) {}

  private final HttpServer server;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();

  private WebhookReceiver(Consumer<Delivery> listener) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        Delivery delivery = new Delivery(exchange.getRequestURI().getPath(),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), Instant.now());
        received.add(delivery);
        listener.accept(delivery);
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  public static WebhookReceiver start() throws IOException {
    return start(d -> { });
  }

  /** A receiver that also hands each delivery to {@code listener} as it arrives. */
  public static WebhookReceiver start(Consumer<Delivery> listener) throws IOException {
    return new WebhookReceiver(listener);
  }

  /** The base URL; every path under it is accepted. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Delivery> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
