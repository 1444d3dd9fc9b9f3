package org.litmeter.schema;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of litmeter, with the partitions, retention and clean-up each needs. Values on
 * every topic are {@link AvroCodec} single-object encoded; keys are UTF-8 strings.
 */
public final class Topics {

  /** A topic and its configuration; partitions are the default for a local single-broker setup. */
  public record Spec(String name, int partitions, String keyedBy, Map<String, String> config) {}

  private static final String FOREVER = "-1";

  public static final Spec TELEMETRY = new Spec("litmeter.telemetry", 4, "device_uuid",
      Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(14))));
  public static final Spec INVENTORY = new Spec("litmeter.inventory", 2, "device_uuid",
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER));
  public static final Spec LEASES = new Spec("litmeter.leases", 2, "device_uuid",
      Map.of("cleanup.policy", "delete", "retention.ms", FOREVER));
  public static final Spec CENTERS = new Spec("litmeter.centers", 1, "center_id",
      Map.of("cleanup.policy", "compact"));
  public static final Spec RATES = new Spec("litmeter.rates", 2, "scope/scope_id/resolution/window_start",
      Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(90))));
  public static final Spec ALERTS = new Spec("litmeter.alerts", 1, "alert_id",
      Map.of("cleanup.policy", "compact"));
  public static final Spec DEAD_LETTERS = new Spec("litmeter.deadletter", 1, "origin",
      Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(30))));

  public static final List<Spec> ALL =
      List.of(TELEMETRY, INVENTORY, LEASES, CENTERS, RATES, ALERTS, DEAD_LETTERS);

  private Topics() {}

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
