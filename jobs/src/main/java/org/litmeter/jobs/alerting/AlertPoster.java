package org.litmeter.jobs.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.litmeter.schema.Durations;
import org.litmeter.schema.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notices from a thread of its own, never the caller's: each {@link #send} returns at once
 * with a future of what could not be delivered. Notices queued together go out as one request per
 * target, tried {@link AlertDelivery#attempts} times with back-off. A notice that fails counts once
 * per outage (the first failure of that alert at that target); Alertmanager's notices are sent
 * again by {@link AlertResendFunction}, and a webhook's are kept here and tried again with
 * back-off for {@link AlertDelivery#resolvedResendFor}. Targets are logged without credentials.
 */
final class AlertPoster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertPoster.class);
  private static final int MAX_BATCH = 500;
  private static final long MAX_RETRY_DELAY_MS = 60_000;

  /** A notice that did not reach a target. */
  record Failure(AlertNotice notice, String target, RejectReason reason, String detail, long since) {}

  private record Target(URI uri, boolean alertmanager, String name) {}

  private record Queued(AlertNotice notice, CompletableFuture<List<Failure>> result) {}

  private record Retry(AlertNotice notice, long firstFailure, long nextTry, long delay) {}

  private final AlertDelivery settings;
  private final LongSupplier clock;
  private final List<Target> targets = new ArrayList<>();
  private final Target webhook;
  private final HttpClient http;
  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  /** Alertmanager target and alert of each notice failing now, with when it began; sender thread only. */
  private final Map<String, Long> failing = new HashMap<>();
  private final Map<String, Long> targetDownSince = new HashMap<>();
  private final List<Retry> webhookRetries = new ArrayList<>();
  private final Thread sender;
  private volatile boolean closed;
  private volatile int undelivered;

  AlertPoster(AlertDelivery settings, LongSupplier clock) {
    this.settings = settings;
    this.clock = clock;
    for (URI am : settings.alertmanagers()) {
      URI api = URI.create(am.toString().replaceAll("/+$", "") + "/api/v2/alerts");
      targets.add(new Target(api, true, redacted(api)));
    }
    webhook = settings.webhook() == null ? null : new Target(settings.webhook(), false, redacted(settings.webhook()));
    if (webhook != null) {
      targets.add(webhook);
    }
    http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    sender = new Thread(this::run, "litmeter-alert-poster");
    sender.setDaemon(true);
    sender.start();
  }

  /** Queues a notice; the future lists the targets it could not be delivered to (empty: delivered). */
  CompletableFuture<List<Failure>> send(AlertNotice notice) {
    CompletableFuture<List<Failure>> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("alert poster closed"));
    } else {
      queue.add(new Queued(notice, result));
    }
    return result;
  }

  /** Alerts failing to reach a target now (each counted once per target). */
  int undelivered() {
    return undelivered;
  }

  private void run() {
    while (!closed) {
      try {
        Queued first = queue.poll(200, TimeUnit.MILLISECONDS);
        List<Queued> batch = new ArrayList<>();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        deliver(batch);
        retryWebhook();
        countUndelivered();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("alert delivery failed unexpectedly; the notices of this batch count as undelivered", e);
      }
    }
  }

  private void deliver(List<Queued> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    Map<Queued, List<Failure>> failures = new HashMap<>();
    batch.forEach(q -> failures.put(q, new ArrayList<>()));
    for (Target target : targets) {
      List<Queued> forTarget = batch.stream().filter(q -> target.alertmanager() || !q.notice().repeat).toList();
      if (forTarget.isEmpty()) {
        continue;
      }
      List<AlertNotice> notices = forTarget.stream().map(Queued::notice).toList();
      Outcome outcome = post(target, notices);
      long now = clock.getAsLong();
      for (Queued q : forTarget) {
        if (!target.alertmanager()) {
          // a webhook gets each notice once: every failure is a dead letter, and it is retried here
          if (!outcome.delivered()) {
            failures.get(q).add(new Failure(q.notice(), target.name(), outcome.reason(), outcome.detail(), now));
            if (outcome.reason() == RejectReason.UNDELIVERED) {
              webhookRetries.add(new Retry(q.notice(), now, now + 1_000, 1_000));
            }
          }
          continue;
        }
        String key = target.name() + " " + q.notice().alertId;
        if (outcome.delivered()) {
          failing.remove(key);
        } else if (failing.putIfAbsent(key, now) == null) {
          failures.get(q).add(new Failure(q.notice(), target.name(), outcome.reason(), outcome.detail(), now));
        }
      }
    }
    forgetOldFailures();
    countUndelivered();
    batch.forEach(q -> q.result().complete(failures.get(q)));
  }

  /** A webhook gets each notice once: what it missed is tried again here, with back-off, for a while. */
  private void retryWebhook() throws InterruptedException {
    long now = clock.getAsLong();
    List<Retry> due = webhookRetries.stream().filter(r -> r.nextTry() <= now).toList();
    if (due.isEmpty()) {
      return;
    }
    webhookRetries.removeAll(due);
    Outcome outcome = post(webhook, due.stream().map(Retry::notice).toList());
    if (outcome.delivered()) {
      LOG.info("{} alerts delivered to {} after earlier failures", due.size(), webhook.name());
      return;
    }
    for (Retry r : due) {
      if (now - r.firstFailure() >= settings.resolvedResendFor().toMillis()) {
        LOG.warn("gave up on {} to {} after {}; it stays in the dead letters", r.notice(), webhook.name(),
            settings.resolvedResendFor());
      } else if (outcome.reason() == RejectReason.UNDELIVERED) {
        long delay = Math.min(r.delay() * 2, MAX_RETRY_DELAY_MS);
        webhookRetries.add(new Retry(r.notice(), r.firstFailure(), now + delay, delay));
      }
    }
  }

  /** Published before a batch's futures complete, so that whoever waits on one sees the count it left. */
  private void countUndelivered() {
    undelivered = failing.size() + webhookRetries.size();
  }

  private void forgetOldFailures() {
    long horizon = clock.getAsLong() - settings.resolvedResendFor().toMillis() - settings.firingLease().toMillis();
    failing.values().removeIf(since -> since < horizon);
  }

  private record Outcome(boolean delivered, RejectReason reason, String detail) {}

  private Outcome post(Target target, List<AlertNotice> notices) throws InterruptedException {
    String body = target.alertmanager() ? AlertmanagerAlerts.apiPayload(notices)
        : AlertmanagerAlerts.webhookPayload(notices);
    HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long backoff = 500;
    Outcome outcome = null;
    for (int attempt = 1; attempt <= settings.attempts() && !closed; attempt++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          outcome = new Outcome(true, null, null);
          break;
        }
        String detail = "HTTP " + status + " from " + target.name() + ": " + abbreviate(response.body());
        outcome = new Outcome(false, status / 100 == 4 ? RejectReason.REFUSED : RejectReason.UNDELIVERED, detail);
        if (status / 100 == 4) {
          break;
        }
      } catch (IOException e) {
        outcome = new Outcome(false, RejectReason.UNDELIVERED, target.name() + " not reachable: " + e);
      }
      if (attempt < settings.attempts()) {
        Thread.sleep(backoff);
        backoff *= 2;
      }
    }
    if (outcome == null) {
      outcome = new Outcome(false, RejectReason.UNDELIVERED, "closed before " + target.name() + " was reached");
    }
    logTransition(target, outcome, notices.size());
    return outcome;
  }

  private void logTransition(Target target, Outcome outcome, int count) {
    long now = clock.getAsLong();
    Long downSince = targetDownSince.get(target.name());
    if (outcome.delivered() && downSince != null) {
      targetDownSince.remove(target.name());
      LOG.info("alerts reach {} again after {} s of failures", target.name(), (now - downSince) / 1000);
    } else if (!outcome.delivered() && downSince == null) {
      targetDownSince.put(target.name(), now);
      LOG.warn("{} alerts not delivered to {}: {}. The job keeps running; {}; each alert becomes a dead letter"
              + " (stage alert-delivery, reason {}) once per outage", count, target.name(), outcome.detail(),
          target.alertmanager() ? "firing alerts are sent again every " + Durations.format(settings.resendEvery())
              + " and resolutions for " + Durations.format(settings.resolvedResendFor())
              : "the notices are tried again with back-off for " + Durations.format(settings.resolvedResendFor()),
          outcome.reason());
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }

  /** A URL without user info, query or fragment, where credentials and tokens live. */
  static String redacted(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + (uri.getPath() == null ? "" : uri.getPath());
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    sender.interrupt();
    sender.join(Duration.ofSeconds(10).toMillis());
    List<Queued> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(q -> q.result().completeExceptionally(new IllegalStateException("alert poster closed")));
  }
}
