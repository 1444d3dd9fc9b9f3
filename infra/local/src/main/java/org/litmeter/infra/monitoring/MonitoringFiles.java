package org.litmeter.infra.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Alertmanager routing and Prometheus rules litmeter ships ({@code infra/alertmanager},
 * {@code infra/prometheus}), and their local variants: the same routing and rules pointed at a
 * receiver and targets on this machine.
 */
public final class MonitoringFiles {

  /** The receivers' host in the shipped routing, which a local setup replaces. */
  static final String EXAMPLE_RECEIVERS = "http://oncall.example.internal:8080";
  public static final String RULES = "litmeter-rules.yml";

  private MonitoringFiles() {}

  public static String alertmanagerRouting() {
    return resource("alertmanager/alertmanager.yml");
  }

  public static String prometheusRules() {
    return resource("prometheus/" + RULES);
  }

  public static String prometheusRulesTest() {
    return resource("prometheus/litmeter-rules.test.yml");
  }

  /**
   * The shipped routing with its receivers under {@code receivers} (paths kept:
   * {@code /litmeter/operators}, {@code /litmeter/regulators}, {@code /litmeter/platform}) and
   * notifications grouped for {@code groupWait} and repeated in a group after {@code groupInterval}.
   */
  public static String alertmanagerRoutingTo(URI receivers, Duration groupWait, Duration groupInterval) {
    String routing = alertmanagerRouting().replace(EXAMPLE_RECEIVERS, receivers.toString().replaceAll("/+$", ""))
        .replace("group_wait: 30s", "group_wait: " + seconds(groupWait))
        .replace("group_interval: 5m", "group_interval: " + seconds(groupInterval));
    if (routing.contains(EXAMPLE_RECEIVERS) || routing.contains("group_wait: 30s")) {
      throw new IllegalStateException("the shipped routing changed shape; update MonitoringFiles");
    }
    return routing;
  }

  /**
   * A Prometheus configuration scraping the job's Flink processes and the ingest on this machine
   * every {@code interval}, evaluating the shipped rules and alerting {@code alertmanager}.
   */
  public static String localPrometheus(List<String> flinkTargets, List<String> ingestTargets, URI alertmanager,
      Duration interval) {
    return """
        # written by litmeter: the shipped rules over the local pipeline
        global:
          scrape_interval: %1$s
          evaluation_interval: %1$s
        rule_files:
          - %2$s
        alerting:
          alertmanagers:
            - static_configs:
                - targets: [%3$s]
        scrape_configs:
          - job_name: litmeter-flink
            static_configs:
              - targets: [%4$s]
          - job_name: litmeter-ingest
            static_configs:
              - targets: [%5$s]
        """.formatted(seconds(interval), RULES, quoted(List.of(alertmanager.getAuthority())), quoted(flinkTargets),
        quoted(ingestTargets));
  }

  private static String quoted(List<String> targets) {
    return targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String resource(String path) {
    try (InputStream in = MonitoringFiles.class.getResourceAsStream("/org/litmeter/infra/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path + " (infra/" + path + " in the build)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
