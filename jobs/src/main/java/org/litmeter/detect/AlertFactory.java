package org.litmeter.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.Severity;

/**
 * Builds alerts whose id depends only on the finding: detector, center, subject (a device, a tenant
 * or the center) and the instant the pattern started. A replay or a restart finds the same id, so
 * sinks overwrite instead of duplicating.
 */
public final class AlertFactory {

  private AlertFactory() {}

  public static String id(String kind, String center, String subject, long startedAt) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (kind + "|" + center + "|" + subject + "|" + startedAt).getBytes(StandardCharsets.UTF_8));
      return kind + "-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param subject what the alert is about besides the center: a device, a tenant, or "" for the center
   * @param detectedAt the event time at which the detector was sure
   * @param score confidence in [0, 1]; the evidence should say what it measures ({@code score_basis})
   */
  public static Alert alert(String kind, Severity severity, AlertStatus status, String center, String tenant,
      String device, long startedAt, long detectedAt, double score, Map<String, String> evidence) {
    String subject = device != null ? device : tenant != null ? tenant : "";
    return withSummary(Alert.newBuilder()
        .setAlertId(id(kind, center, subject, startedAt))
        .setKind(kind)
        .setSeverity(severity)
        .setStatus(status)
        .setCenter(center)
        .setTenant(tenant)
        .setDeviceUuid(device)
        .setStartedAt(Instant.ofEpochMilli(startedAt))
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .setScore(score)
        .setEvidence(new TreeMap<>(evidence)));
  }

  /**
   * The same alert (same id, same detection time), resolved at {@code resolvedAt}.
   *
   * @param resolution how it ended, for its text ({@link AlertText}): {@code ended} when the pattern
   *     stopped, or the detector's own reason
   * @param facts what the text of that resolution needs, added to the evidence
   */
  public static Alert resolved(Alert firing, long resolvedAt, String resolution, Map<String, String> facts) {
    Map<String, String> evidence = new TreeMap<>(firing.getEvidence());
    evidence.putAll(facts);
    evidence.put(AlertText.RESOLUTION, resolution);
    return withSummary(Alert.newBuilder(firing).setStatus(AlertStatus.RESOLVED)
        .setResolvedAt(Instant.ofEpochMilli(resolvedAt)).setEvidence(evidence));
  }

  /** The summary field carries the English text, for readers of the raw record; people get {@link AlertText}. */
  private static Alert withSummary(Alert.Builder alert) {
    alert.setSummary("");
    Alert built = alert.build();
    built.setSummary(ENGLISH.summary(built));
    return built;
  }

  private static final AlertText ENGLISH = AlertText.in(AlertText.Language.EN);
}
