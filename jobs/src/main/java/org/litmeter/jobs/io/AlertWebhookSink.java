package org.litmeter.jobs.io;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.litmeter.schema.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to an HTTP webhook in Alertmanager's format ({@link AlertmanagerPayload}), batched,
 * with retries and back-off; everything written before a checkpoint is delivered when it completes.
 * Delivery is at least once: after a restart the alerts since the last checkpoint are posted again,
 * with the same ids, which Alertmanager-compatible receivers deduplicate.
 */
public final class AlertWebhookSink implements Sink<Alert> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhookSink.class);

  private final URI url;
  private final Duration maxDelay;
  private final Duration retryFor;

  public AlertWebhookSink(URI url, Duration maxDelay, Duration retryFor) {
    this.url = url;
    this.maxDelay = maxDelay;
    this.retryFor = retryFor;
  }

  @Override
  public SinkWriter<Alert> createWriter(WriterInitContext context) {
    return new Writer(context.getProcessingTimeService());
  }

  private final class Writer implements SinkWriter<Alert> {
    private final ProcessingTimeService time;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Alert> pending = new ArrayList<>();
    private boolean timerPending;

    Writer(ProcessingTimeService time) {
      this.time = time;
    }

    @Override
    public void write(Alert alert, Context context) {
      pending.add(alert);
      if (!timerPending) {
        timerPending = true;
        time.registerTimer(time.getCurrentProcessingTime() + maxDelay.toMillis(), now -> {
          timerPending = false;
          post();
        });
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      post();
    }

    private void post() throws IOException, InterruptedException {
      if (pending.isEmpty()) {
        return;
      }
      HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayload.of(pending))).build();
      long deadline = System.nanoTime() + retryFor.toNanos();
      long backoff = 200;
      while (true) {
        String failure;
        try {
          HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() / 100 == 2) {
            pending.clear();
            return;
          }
          failure = "HTTP " + response.statusCode();
        } catch (IOException e) {
          failure = e.toString();
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("alert webhook " + url + " kept failing for " + retryFor + ": " + failure);
        }
        LOG.warn("posting {} alerts to {} failed ({}); retrying in {} ms", pending.size(), url, failure, backoff);
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }

    @Override
    public void close() {
      // nothing to release: the HTTP client has no open resources between requests
    }
  }
}
