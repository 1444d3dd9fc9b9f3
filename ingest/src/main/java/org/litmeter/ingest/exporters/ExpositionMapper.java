package org.litmeter.ingest.exporters;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.litmeter.ingest.exposition.ExpositionError;
import org.litmeter.ingest.exposition.ExpositionSample;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.RejectReason;

/**
 * Turns exposition lines of any known exporter ({@link ExporterDialect}) into one {@link GpuSample}
 * per device and instant, and everything it cannot use into dead letters with the raw lines and
 * the reason. A bad line or a bad device never spoils the other devices of the same scrape.
 *
 * <p>Lines are grouped by device (its UUID, plus the MIG instance id) and event time (the line's
 * timestamp, else the scrape time). Exporters' "no value" sentinels leave a field empty; metrics it
 * does not know are ignored. A device reported again at an instant it already reported is a
 * duplicate. One mapper serves one ingest instance for its whole life (it remembers each device's
 * newest instant to spot duplicates across scrapes); it is not thread-safe.
 */
public final class ExpositionMapper {

  /** Where the lines come from and how to judge them. */
  public record Source(String stage, String origin, String hostFallback, long defaultEventTime) {}

  /**
   * @param centerOf the center of a host (the instance's center, or a host-to-center map)
   * @param knownCenters the registered centers, or null to accept any center
   */
  public record Settings(CenterResolver centerOf, Set<String> knownCenters, TenantRule tenants,
      RecordValidator validator) {}

  /** The center a host belongs to. */
  public interface CenterResolver {
    String centerOf(String host);
  }

  /** A {@code center} label on a line (added by a recorder or relabeling) names the center directly. */
  public static final String CENTER_LABEL = "center";

  private static final double DCGM_INT_BLANK = 9.223372036854775792E18;
  private static final double DCGM_FP_BLANK_FIRST = 140737488355328.0;
  private static final double DCGM_FP_BLANK_LAST = 140737488355331.0;

  private record Metric(ExporterDialect dialect, TelemetryField field) {}

  private final Map<String, Metric> metrics = new HashMap<>();
  private final Settings settings;
  private final Map<String, Long> newestByDevice = new HashMap<>();
  private final Map<String, Group> open = new LinkedHashMap<>();

  public ExpositionMapper(List<ExporterDialect> dialects, Settings settings) {
    for (ExporterDialect d : dialects) {
      d.metrics().forEach((name, field) -> metrics.put(name, new Metric(d, field)));
    }
    this.settings = settings;
  }

  /** One device at one instant, being assembled from its lines. */
  private static final class Group {
    final ExporterDialect dialect;
    final String device;
    final long time;
    final Map<String, String> labels;
    final EnumMap<TelemetryField, Double> values = new EnumMap<>(TelemetryField.class);
    final StringBuilder raw = new StringBuilder();
    final String origin;
    final String stage;
    final String hostFallback;

    Group(ExporterDialect dialect, String device, long time, Map<String, String> labels, Source source) {
      this.dialect = dialect;
      this.device = device;
      this.time = time;
      this.labels = labels;
      this.origin = source.origin();
      this.stage = source.stage();
      this.hostFallback = source.hostFallback();
    }
  }

  /** Maps a whole document (one scrape): every sample and dead letter goes out before it returns. */
  public void map(List<ExpositionSample> lines, List<ExpositionError> errors, Source source,
      Consumer<GpuSample> samples, Consumer<DeadLetter> deadLetters) {
    errors.forEach(e -> deadLetters.accept(parseError(e, source)));
    for (ExpositionSample line : lines) {
      accept(line, source, deadLetters);
    }
    flushOlderThan(Long.MAX_VALUE, samples, deadLetters);
  }

  /** An unreadable line as a dead letter. */
  public DeadLetter parseError(ExpositionError e, Source source) {
    return DeadLetters.of(source.stage(), source.origin() + "#" + e.line(), RejectReason.UNPARSABLE, e.reason(),
        null, null, null, e.raw());
  }

  /** Adds one line to its device's sample; the sample is complete when {@link #flushOlderThan} passes it. */
  public void accept(ExpositionSample line, Source source, Consumer<DeadLetter> deadLetters) {
    Metric metric = metrics.get(line.name());
    if (metric == null) {
      return;
    }
    ExporterDialect d = metric.dialect();
    String device = deviceId(d, line, source);
    if (device == null) {
      deadLetters.accept(DeadLetters.of(source.stage(), source.origin() + "#" + line.line(), RejectReason.MISSING_FIELD,
          "no " + d.uuidLabel() + " or " + d.indexLabel() + " label names the device", null, null, null, line.raw()));
      return;
    }
    long time = line.timestampMillis() != null ? line.timestampMillis() : source.defaultEventTime();
    String key = device + "@" + time;
    Group group = open.computeIfAbsent(key, k -> new Group(d, device, time, line.labels(), source));
    if (group.values.containsKey(metric.field())) {
      deadLetters.accept(DeadLetters.of(source.stage(), source.origin() + "#" + line.line(), RejectReason.DUPLICATE,
          line.name() + " repeated for " + device + " at " + Instant.ofEpochMilli(time), null, device, time,
          line.raw()));
      return;
    }
    group.raw.append(line.raw()).append('\n');
    // a blank is remembered as "no value", so that a second line for the field is still a duplicate
    group.values.put(metric.field(), isBlank(line.value()) ? null : line.value());
  }

  /** Completes the devices' samples whose instant is before {@code time}. */
  public void flushOlderThan(long time, Consumer<GpuSample> samples, Consumer<DeadLetter> deadLetters) {
    Iterator<Group> groups = open.values().iterator();
    while (groups.hasNext()) {
      Group g = groups.next();
      if (g.time < time) {
        groups.remove();
        complete(g, samples, deadLetters);
      }
    }
  }

  private void complete(Group g, Consumer<GpuSample> samples, Consumer<DeadLetter> deadLetters) {
    String host = host(g);
    String labelled = emptyToNull(g.labels.get(CENTER_LABEL));
    String center = labelled != null ? labelled : settings.centerOf().centerOf(host);
    String origin = g.origin + "/" + g.device + "@" + g.time;
    if (settings.knownCenters() != null && !settings.knownCenters().contains(center)) {
      deadLetters.accept(DeadLetters.of(g.stage, origin, RejectReason.UNKNOWN_CENTER,
          "center " + center + " of host " + host + " is not in the registry", center, g.device, g.time,
          g.raw.toString()));
      return;
    }
    GpuSample.Builder b = GpuSample.newBuilder()
        .setCenter(center)
        .setHost(host)
        .setDeviceUuid(g.device)
        .setVendor(g.dialect.vendor())
        .setModel(orDefault(g.labels.get(g.dialect.modelLabel()), g.dialect.defaultModel()))
        .setEventTime(Instant.ofEpochMilli(g.time))
        .setTenant(settings.tenants().tenantOf(g.labels))
        .setSource(g.dialect.source());
    if (g.dialect.profileLabel() != null) {
      b.setMigProfile(emptyToNull(g.labels.get(g.dialect.profileLabel())));
    }
    if (g.dialect.serialLabel() != null) {
      b.setSerial(emptyToNull(g.labels.get(g.dialect.serialLabel())));
    }
    String index = g.labels.get(g.dialect.indexLabel());
    try {
      b.setDeviceIndex(index == null ? 0 : Integer.parseInt(index.strip()));
      g.values.forEach((field, value) -> set(b, field, value));
      b.setFbTotalMib(memoryTotal(g.values));
    } catch (NumberFormatException | ArithmeticException e) {
      deadLetters.accept(DeadLetters.of(g.stage, origin, RejectReason.WRONG_TYPE,
          "not an integer where one is required: " + e.getMessage(), center, g.device, g.time, g.raw.toString()));
      return;
    }
    GpuSample sample = b.build();
    RecordValidator.Rejection rejection = settings.validator().validate(sample);
    if (rejection != null) {
      deadLetters.accept(DeadLetters.of(g.stage, origin, rejection.reason(), rejection.detail(), center, g.device,
          g.time, g.raw.toString()));
      return;
    }
    String deviceKey = center + "/" + g.device;
    Long newest = newestByDevice.get(deviceKey);
    if (newest != null && newest == g.time) {
      deadLetters.accept(DeadLetters.of(g.stage, origin, RejectReason.DUPLICATE,
          "device already reported at " + Instant.ofEpochMilli(g.time), center, g.device, g.time, g.raw.toString()));
      return;
    }
    newestByDevice.put(deviceKey, newest == null ? g.time : Math.max(newest, g.time));
    samples.accept(sample);
  }

  private static void set(GpuSample.Builder b, TelemetryField field, Double v) {
    switch (field) {
      case GPU_UTIL -> b.setGpuUtil(v);
      case SM_ACTIVE -> b.setSmActive(v);
      case SM_OCCUPANCY -> b.setSmOccupancy(v);
      case TENSOR_ACTIVE -> b.setTensorActive(v);
      case DRAM_ACTIVE -> b.setDramActive(v);
      case GR_ENGINE_ACTIVE -> b.setGrEngineActive(v);
      case POWER_W -> b.setPowerW(v);
      case ENERGY_MJ -> b.setEnergyMj(v == null ? null : exactLong(v));
      case FB_USED_MIB -> b.setFbUsedMib(v);
      case FB_FREE_MIB, FB_RESERVED_MIB, FB_TOTAL_MIB -> { }
      case TEMPERATURE_C -> b.setTemperatureC(v);
      case XID_LAST -> b.setXidLast(v == null ? null : Math.toIntExact(exactLong(v)));
      case ERROR_CODE -> b.setErrorCode(v == null ? null : exactLong(v));
      case PCIE_TX_BYTES_PER_S -> b.setPcieTxBytesPerS(v);
      case PCIE_RX_BYTES_PER_S -> b.setPcieRxBytesPerS(v);
    }
  }

  /** The exported total, else used + free (+ reserved when exported); null when neither is known. */
  private static Double memoryTotal(Map<TelemetryField, Double> values) {
    Double total = values.get(TelemetryField.FB_TOTAL_MIB);
    Double used = values.get(TelemetryField.FB_USED_MIB);
    Double free = values.get(TelemetryField.FB_FREE_MIB);
    if (total != null || used == null || free == null) {
      return total;
    }
    Double reserved = values.get(TelemetryField.FB_RESERVED_MIB);
    return used + free + (reserved == null ? 0 : reserved);
  }

  private static long exactLong(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v != Math.rint(v) || Math.abs(v) > 9.0E15) {
      throw new NumberFormatException(Double.toString(v));
    }
    return (long) v;
  }

  /** DCGM's blank values (not found, not supported, not permissioned...) mean "no value". */
  private static boolean isBlank(double v) {
    return v >= DCGM_INT_BLANK || (v >= DCGM_FP_BLANK_FIRST && v <= DCGM_FP_BLANK_LAST);
  }

  private static String deviceId(ExporterDialect d, ExpositionSample line, Source source) {
    String uuid = emptyToNull(line.label(d.uuidLabel()));
    String index = emptyToNull(line.label(d.indexLabel()));
    String base;
    if (uuid != null) {
      base = uuid.strip();
    } else if (index != null) {
      base = hostOf(d, line.labels(), source.hostFallback()) + "/" + d.indexLabel() + index.strip();
    } else {
      return null;
    }
    String instance = d.instanceLabel() == null ? null : emptyToNull(line.label(d.instanceLabel()));
    return instance == null ? base : base + "/" + instance.strip();
  }

  private static String host(Group g) {
    return hostOf(g.dialect, g.labels, g.hostFallback);
  }

  private static String hostOf(ExporterDialect d, Map<String, String> labels, String fallback) {
    for (String label : d.hostLabels()) {
      String host = emptyToNull(labels.get(label));
      if (host != null) {
        return host;
      }
    }
    return fallback;
  }

  private static String orDefault(String value, String fallback) {
    String v = emptyToNull(value);
    return v == null ? fallback : v;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
