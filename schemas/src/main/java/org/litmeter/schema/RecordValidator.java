package org.litmeter.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The validity rules of every input record: one implementation used by the ingest before it
 * produces and by the job after it consumes (other producers may not validate).
 *
 * <p>The event-time bounds are the caller's: a live scrape accepts only recent samples, a backfill
 * accepts months-old history, and both reject samples from the future beyond the allowed clock skew.
 * Every method returns null for a valid record (the common case allocates nothing), else the first
 * rule it breaks.
 */
public final class RecordValidator {

  /** A rejected sample's reason code and explanation. */
  public record Rejection(RejectReason reason, String detail) {}

  public static final int MAX_ID_LENGTH = 256;
  /** No accelerator telemetry predates 2000-01-01; earlier times are broken clocks. */
  public static final long EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  public static final double MAX_POWER_WATTS = 5000;
  public static final double MIN_TEMPERATURE_C = -50;
  public static final double MAX_TEMPERATURE_C = 200;

  private final LongSupplier minEventTime;
  private final LongSupplier maxEventTime;

  public RecordValidator(long minEventTime, long maxEventTime) {
    this(() -> minEventTime, () -> maxEventTime);
  }

  private RecordValidator(LongSupplier minEventTime, LongSupplier maxEventTime) {
    this.minEventTime = minEventTime;
    this.maxEventTime = maxEventTime;
  }

  /** Bounds that move with the clock: no older than {@code maxAge}, no further ahead than {@code maxSkew}. */
  public static RecordValidator live(Duration maxAge, Duration maxSkew) {
    return new RecordValidator(() -> System.currentTimeMillis() - maxAge.toMillis(),
        () -> System.currentTimeMillis() + maxSkew.toMillis());
  }

  /** Any past since {@link #EARLIEST_EVENT_TIME} (backfills), no further ahead than {@code maxSkew}. */
  public static RecordValidator upToNowPlus(Duration maxSkew) {
    return new RecordValidator(() -> EARLIEST_EVENT_TIME, () -> System.currentTimeMillis() + maxSkew.toMillis());
  }

  /** Accepts any event time: for tests and for stages that checked time already. */
  public static RecordValidator anyTime() {
    return new RecordValidator(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public Rejection validate(GpuSample s) {
    Rejection r = identity("center", s.getCenter());
    if (r == null) r = identity("device_uuid", s.getDeviceUuid());
    if (r == null) r = label("host", s.getHost());
    if (r == null) r = label("model", s.getModel());
    if (r == null) r = label("vendor", s.getVendor());
    if (r == null) r = label("tenant", s.getTenant());
    if (r == null && s.getDeviceIndex() < 0) {
      r = new Rejection(RejectReason.OUT_OF_RANGE, "device_index " + s.getDeviceIndex() + " is negative");
    }
    if (r == null) r = eventTime(s.getEventTime());
    if (r == null) r = range("gpu_util", s.getGpuUtil(), 0, 100);
    if (r == null) r = range("sm_active", s.getSmActive(), 0, 1);
    if (r == null) r = range("sm_occupancy", s.getSmOccupancy(), 0, 1);
    if (r == null) r = range("tensor_active", s.getTensorActive(), 0, 1);
    if (r == null) r = range("dram_active", s.getDramActive(), 0, 1);
    if (r == null) r = range("gr_engine_active", s.getGrEngineActive(), 0, 1);
    if (r == null) r = range("power_w", s.getPowerW(), 0, MAX_POWER_WATTS);
    if (r == null) r = range("fb_used_mib", s.getFbUsedMib(), 0, Double.MAX_VALUE);
    if (r == null) r = range("fb_total_mib", s.getFbTotalMib(), 0, Double.MAX_VALUE);
    if (r == null) r = range("temperature_c", s.getTemperatureC(), MIN_TEMPERATURE_C, MAX_TEMPERATURE_C);
    if (r == null) r = range("pcie_tx_bytes_per_s", s.getPcieTxBytesPerS(), 0, Double.MAX_VALUE);
    if (r == null) r = range("pcie_rx_bytes_per_s", s.getPcieRxBytesPerS(), 0, Double.MAX_VALUE);
    if (r == null && s.getEnergyMj() != null && s.getEnergyMj() < 0) {
      r = new Rejection(RejectReason.OUT_OF_RANGE, "energy_mj " + s.getEnergyMj() + " is negative");
    }
    if (r == null && s.getXidLast() != null && s.getXidLast() < 0) {
      r = new Rejection(RejectReason.OUT_OF_RANGE, "xid_last " + s.getXidLast() + " is negative");
    }
    if (r == null && s.getErrorCode() != null && s.getErrorCode() < 0) {
      r = new Rejection(RejectReason.OUT_OF_RANGE, "error_code " + s.getErrorCode() + " is negative");
    }
    if (r == null && s.getGpuUtil() == null && s.getSmActive() == null && s.getPowerW() == null) {
      r = new Rejection(RejectReason.NO_METRICS, "no gpu_util, sm_active or power_w value");
    }
    return r;
  }

  public Rejection validate(DeviceInventoryEvent e) {
    Rejection r = identity("center", e.getCenter());
    if (r == null) r = identity("device_uuid", e.getDeviceUuid());
    if (r == null) r = label("serial", e.getSerial());
    if (r == null && e.getAction() == InventoryAction.UNKNOWN) {
      r = new Rejection(RejectReason.WRONG_TYPE, "unknown inventory action");
    }
    return r == null ? eventTime(e.getEventTime()) : r;
  }

  public Rejection validate(LeaseEvent e) {
    Rejection r = identity("center", e.getCenter());
    if (r == null) r = identity("device_uuid", e.getDeviceUuid());
    if (r == null) r = identity("tenant", e.getTenant());
    if (r == null && e.getAction() == LeaseAction.UNKNOWN) {
      r = new Rejection(RejectReason.WRONG_TYPE, "unknown lease action");
    }
    return r == null ? eventTime(e.getEventTime()) : r;
  }

  /** Registry records are reference data: their update time is not checked against the bounds. */
  public Rejection validate(CenterRegistration c) {
    Rejection r = identity("center_id", c.getCenterId());
    if (r == null) r = label("name", c.getName());
    if (r == null) r = label("province", c.getProvince());
    if (r == null && c.getPlannedAccelerators() < 0) {
      r = new Rejection(RejectReason.OUT_OF_RANGE, "planned_accelerators " + c.getPlannedAccelerators() + " is negative");
    }
    if (r == null && c.getAcceptanceStart() != null && c.getAcceptanceEnd() != null
        && c.getAcceptanceEnd().isBefore(c.getAcceptanceStart())) {
      r = new Rejection(RejectReason.OUT_OF_RANGE, "acceptance_end " + c.getAcceptanceEnd()
          + " is before acceptance_start " + c.getAcceptanceStart());
    }
    return r;
  }

  private Rejection eventTime(Instant time) {
    long t = time.toEpochMilli();
    long min = minEventTime.getAsLong();
    long max = maxEventTime.getAsLong();
    if (t < min || t > max) {
      return new Rejection(RejectReason.TIMESTAMP_OUT_OF_RANGE, "event_time " + time
          + " outside [" + Instant.ofEpochMilli(min) + ", " + Instant.ofEpochMilli(max) + "]");
    }
    return null;
  }

  private static Rejection identity(String field, String value) {
    if (value == null || value.isBlank()) {
      return new Rejection(RejectReason.MISSING_FIELD, field + " is missing or blank");
    }
    return label(field, value);
  }

  private static Rejection label(String field, String value) {
    if (value != null && value.length() > MAX_ID_LENGTH) {
      return new Rejection(RejectReason.OVERSIZED_LABEL,
          field + " has " + value.length() + " characters, more than " + MAX_ID_LENGTH);
    }
    return null;
  }

  private static Rejection range(String field, Double value, double min, double max) {
    if (value == null) {
      return null;
    }
    double v = value;
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return new Rejection(RejectReason.NOT_FINITE, field + " is " + v);
    }
    if (v < min || v > max) {
      return new Rejection(RejectReason.OUT_OF_RANGE, field + " " + v + " outside [" + min + ", " + max + "]");
    }
    return null;
  }
}
