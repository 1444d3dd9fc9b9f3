package org.litmeter.simulation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Region;
import org.litmeter.schema.RejectReason;
import org.litmeter.schema.Topics;
import org.litmeter.schema.UndecodableRecordException;

/**
 * A deterministic fleet of compute centers that emits what real ones would: the registry, the
 * inventory and lease records, and exporter telemetry with the mess of reality (missing,
 * duplicated, out-of-order, late and too-late samples, invalid records, a center nobody
 * registered). It records its {@link GroundTruth} as it goes.
 *
 * <p>Ground truth per device and five-minute window follows from construction: a device is racked
 * when it sent a sample that arrives in time and was in service at the window's end; lit when it
 * ran real work (values far from every threshold, never near them), which a spin-kernel device
 * never does however busy it looks; occupied when a lease covered the window or a sample carried a
 * tenant label. Emissions come in the order a producer sends them.
 */
public final class FleetSimulator {

  private static final long WINDOW = Duration.ofMinutes(5).toMillis();
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final String UNKNOWN_CENTER = "unregistered-01";
  /** What a device reports when it spins a kernel, works or idles: the labelled centers' ranges. */
  private static final DeviceBehaviour SPINNING = new DeviceBehaviour(true, DeviceBehaviour.SPIN, null);
  private static final DeviceBehaviour WORKING = new DeviceBehaviour(true, DeviceBehaviour.WORK, null);
  private static final DeviceBehaviour IDLING = new DeviceBehaviour(true, DeviceBehaviour.IDLE, null);
  /** Province as registries spell it, region, and the place a center's registered Chinese name starts with. */
  private static final String[][] PLACES = {
      {"Guizhou", "WEST", "贵安"}, {"Beijing", "EAST", "亦庄"}, {"Inner Mongolia", "WEST", "和林格尔"},
      {"Shanghai", "EAST", "临港"}, {"Gansu", "WEST", "庆阳"}, {"Guangdong", "EAST", "韶关"},
      {"Ningxia", "WEST", "中卫"}, {"Jiangsu", "EAST", "南京"}};
  /** A center's main model, and the domestic one every third host of it carries; model and vendor label. */
  private static final String[][] MODELS = {
      {"NVIDIA H100 80GB HBM3", "nvidia"}, {"NVIDIA A800-SXM4-80GB", "nvidia"}, {"Ascend910B", "huawei"},
      {"NVIDIA H20", "nvidia"}};
  private static final String[][] DOMESTIC_MODELS = {
      {"Ascend910B", "huawei"}, {"MLU370-X8", "cambricon"}, {"DCU Z100", "hygon"}, {"P800", "kunlunxin"},
      {"MTT S4000", "moorethreads"}};
  private static final int GPUS_PER_HOST = 8;
  /** NVIDIA's XID 43, "GPU stopped processing", and an Ascend-style error code (0x80E18402, beyond 32-bit signed), before a crash. */
  private static final long XID_STOPPED_PROCESSING = 43;
  private static final long DOMESTIC_CRASH_CODE = 0x80E18402L;
  /** How long a device's last window is compared with its next: a longer silence is an outage, not a dropout. */
  private static final long CONTINUITY = 24 * HOUR;

  private final SimulationConfig config;
  private final AvroCodec<GpuSample> samples = AvroCodec.of(GpuSample.class);
  private final long start;
  private final long end;
  /** Per device: its last window with samples that arrived in time, and with every sample. */
  private final Map<String, LastWindow> lastCounted = new HashMap<>();
  private final Map<String, LastWindow> lastSent = new HashMap<>();
  private long sequence;
  private int invalidKind;

  public FleetSimulator(SimulationConfig config) {
    this.config = config;
    this.start = config.start().toEpochMilli();
    this.end = start + config.duration().toMillis();
  }

  /** The registered centers' ids, c01, c02, ... */
  public List<String> centerIds() {
    List<String> ids = new ArrayList<>();
    for (int c = 0; c < config.centers(); c++) {
      ids.add(centerId(c));
    }
    return ids;
  }

  /** Emits everything in production order and returns the ground truth. */
  public GroundTruth run(Consumer<Emission> out) {
    GroundTruth truth = new GroundTruth();
    List<SimulatedDevice> devices = new ArrayList<>();
    Map<String, Double> busyLevel = new HashMap<>();
    AvroCodec<CenterRegistration> registry = AvroCodec.of(CenterRegistration.class);
    for (int c = 0; c < config.centers(); c++) {
      SplittableRandom rng = rng(1, c);
      int planned = (int) Math.ceil(config.gpusPerCenter() / (0.70 + 0.25 * rng.nextDouble()));
      CenterRegistration registration = registration(c, planned, rng);
      truth.plan(centerId(c), planned, registration.getProvince(),
          registration.getRegion().name().toLowerCase(Locale.ROOT));
      out.accept(new Emission(Topics.CENTERS, centerId(c), registry.encode(registration)));
      for (int d = 0; d < config.gpusPerCenter(); d++) {
        devices.add(device(c, d));
      }
      busyLevel.put(centerId(c), 0.35 + 0.5 * rng.nextDouble());
    }
    emitInventoryAndLeases(devices, out);
    emitTelemetry(devices, busyLevel, truth, out);
    return truth;
  }

  private CenterRegistration registration(int c, int planned, SplittableRandom rng) {
    String[] place = PLACES[c % PLACES.length];
    LocalDate acceptanceStart = LocalDate.ofInstant(config.start(), ZoneOffset.UTC).minusDays(rng.nextInt(30, 240));
    return CenterRegistration.newBuilder()
        .setCenterId(centerId(c))
        .setName(place[2] + "智算中心" + (c / PLACES.length + 1) + "号")
        .setProvince(place[0])
        .setRegion(Region.valueOf(place[1]))
        .setPlannedAccelerators(planned)
        .setAcceptanceStart(acceptanceStart)
        .setAcceptanceEnd(acceptanceStart.plusDays(182))
        .setUpdatedAt(Instant.ofEpochMilli(start - DAY))
        .build();
  }

  private SimulatedDevice device(int c, int d) {
    SplittableRandom rng = rng(2, c, d);
    int hostIndex = d / GPUS_PER_HOST;
    String[] model = hostIndex % 3 == 2 ? DOMESTIC_MODELS[c % DOMESTIC_MODELS.length] : MODELS[c % MODELS.length];
    // only NVIDIA's DCGM reports SM activity; the others' exporters report utilization and power
    boolean nvidia = model[1].equals("nvidia");
    SplittableRandom hostRng = rng(3, c, hostIndex);
    boolean profiling = nvidia && hostRng.nextDouble() < 0.6;
    boolean kubernetes = hostRng.nextDouble() < 0.3;
    long rackedAt = rng.nextDouble() < 0.75 ? start - rng.nextLong(DAY, 30 * DAY) : rng.nextLong(start, end);
    long outAt = SimulatedDevice.NEVER;
    long backAt = SimulatedDevice.NEVER;
    long staleUntil = 0;
    InventoryAction outAction = InventoryAction.REMOVED;
    InventoryAction backAction = InventoryAction.RACKED;
    if (rng.nextDouble() < 0.04) {
      outAt = rng.nextLong(Math.max(start, rackedAt + MINUTE), Math.max(start, rackedAt + MINUTE) + (end - start));
      if (rng.nextDouble() < 0.3) {
        outAction = InventoryAction.FAILED;
        backAction = InventoryAction.REPAIRED;
      }
      if (rng.nextDouble() < 0.5) {
        backAt = outAt + rng.nextLong(20 * MINUTE, 3 * HOUR);
      }
      if (rng.nextDouble() < 0.3) {
        staleUntil = outAt + rng.nextLong(MINUTE, 15 * MINUTE);
      }
    }
    List<String> tenants = List.of("tenant-" + centerId(c) + "-a", "tenant-" + centerId(c) + "-b",
        "tenant-" + centerId(c) + "-c", "tenant-shared-llm");
    String uuid = (nvidia ? "GPU-" : "NPU-") + hex(rng.nextLong()) + "-" + hex(rng.nextLong()).substring(0, 4);
    return new SimulatedDevice(centerId(c), uuid, "SN" + hex(rng.nextLong()).substring(0, 10).toUpperCase(Locale.ROOT),
        String.format(Locale.ROOT, "%s-node%03d", centerId(c), hostIndex), d % GPUS_PER_HOST, model[0], model[1],
        profiling, kubernetes, rng.nextDouble() < 0.03, rackedAt, outAt, outAction, backAt, backAction, staleUntil,
        SimulatedDevice.leases(rng, start, end, tenants),
        SimulatedDevice.crashes(rng(6, c, d), start, end, nvidia ? config.stability().importedCrashesPerDay()
            : config.stability().domesticCrashesPerDay(), nvidia ? XID_STOPPED_PROCESSING : DOMESTIC_CRASH_CODE));
  }

  private void emitInventoryAndLeases(List<SimulatedDevice> devices, Consumer<Emission> out) {
    AvroCodec<DeviceInventoryEvent> inventory = AvroCodec.of(DeviceInventoryEvent.class);
    AvroCodec<LeaseEvent> leases = AvroCodec.of(LeaseEvent.class);
    record Timed(long time, Emission emission) {}
    List<Timed> events = new ArrayList<>();
    for (SimulatedDevice d : devices) {
      events.add(new Timed(d.rackedAt - 7 * DAY, inventoryEmission(inventory, d, InventoryAction.DELIVERED, d.rackedAt - 7 * DAY)));
      events.add(new Timed(d.rackedAt, inventoryEmission(inventory, d, InventoryAction.RACKED, d.rackedAt)));
      if (d.outAt != SimulatedDevice.NEVER) {
        events.add(new Timed(d.outAt, inventoryEmission(inventory, d, d.outAction, d.outAt)));
      }
      if (d.backAt != SimulatedDevice.NEVER) {
        events.add(new Timed(d.backAt, inventoryEmission(inventory, d, d.backAction, d.backAt)));
      }
      for (SimulatedDevice.Lease lease : d.leases) {
        events.add(new Timed(lease.start(), leaseEmission(leases, d, lease.tenant(), LeaseAction.START, lease.start())));
        events.add(new Timed(lease.end(), leaseEmission(leases, d, lease.tenant(), LeaseAction.END, lease.end())));
      }
    }
    events.sort(Comparator.comparingLong(Timed::time));
    events.forEach(e -> out.accept(e.emission()));
  }

  private static Emission inventoryEmission(AvroCodec<DeviceInventoryEvent> codec, SimulatedDevice d,
      InventoryAction action, long time) {
    return new Emission(Topics.INVENTORY, d.uuid, codec.encode(DeviceInventoryEvent.newBuilder()
        .setCenter(d.center).setDeviceUuid(d.uuid).setSerial(d.serial).setAction(action)
        .setEventTime(Instant.ofEpochMilli(time)).build()));
  }

  private static Emission leaseEmission(AvroCodec<LeaseEvent> codec, SimulatedDevice d, String tenant,
      LeaseAction action, long time) {
    return new Emission(Topics.LEASES, d.uuid, codec.encode(LeaseEvent.newBuilder()
        .setCenter(d.center).setDeviceUuid(d.uuid).setTenant(tenant).setAction(action)
        .setEventTime(Instant.ofEpochMilli(time)).build()));
  }

  private record Queued(long release, long sequence, Emission emission) {}

  private void emitTelemetry(List<SimulatedDevice> devices, Map<String, Double> busyLevel, GroundTruth truth,
      Consumer<Emission> out) {
    PriorityQueue<Queued> queue = new PriorityQueue<>(
        Comparator.comparingLong(Queued::release).thenComparingLong(Queued::sequence));
    SimulationConfig.Faults faults = config.faults();
    long cadence = config.cadence().toMillis();
    SimulatedDevice stranger = new SimulatedDevice(UNKNOWN_CENTER, "GPU-unregistered-0001", "SN-UNREG", "unreg-node000",
        0, MODELS[0][0], MODELS[0][1], true, false, false, start - DAY, SimulatedDevice.NEVER, InventoryAction.REMOVED,
        SimulatedDevice.NEVER, InventoryAction.RACKED, 0, List.of(), List.of());
    for (long ws = start; ws < end; ws += WINDOW) {
      int windowIndex = (int) ((ws - start) / WINDOW);
      for (int i = 0; i < devices.size(); i++) {
        SimulatedDevice d = devices.get(i);
        deviceWindow(d, i, windowIndex, ws, cadence, busyProbability(busyLevel.get(d.center), ws), faults, truth, queue);
      }
      if (faults.unknownCenter()) {
        for (long t = ws; t < ws + WINDOW; t += cadence) {
          enqueue(queue, t, sample(stranger, t, true, false, null, rng(9, windowIndex, (int) (t - ws))));
        }
        truth.expectDeadLetter(RejectReason.UNKNOWN_CENTER.name());
      }
      while (!queue.isEmpty() && queue.peek().release() < ws + WINDOW) {
        out.accept(queue.poll().emission());
      }
    }
    while (!queue.isEmpty()) {
      out.accept(queue.poll().emission());
    }
  }

  private void deviceWindow(SimulatedDevice d, int deviceOrdinal, int windowIndex, long ws, long cadence,
      double busyProbability, SimulationConfig.Faults faults, GroundTruth truth, PriorityQueue<Queued> queue) {
    SplittableRandom r = rng(4, deviceOrdinal, windowIndex);
    long we = ws + WINDOW;
    boolean leased = d.leasedDuring(ws, we);
    boolean busy = r.nextDouble() < (leased ? busyProbability : 0.08);
    boolean unbilled = d.kubernetes && !leased && r.nextDouble() < 0.03;
    long counted = 0;
    String labelTenant = null;
    long sent = 0;
    String labelTenantSent = null;
    WindowStability countedStability = new WindowStability(lastCounted.computeIfAbsent(d.uuid, u -> new LastWindow()), ws);
    WindowStability sentStability = new WindowStability(lastSent.computeIfAbsent(d.uuid, u -> new LastWindow()), ws);
    for (long slot = ws; slot < we; slot += cadence) {
      long t = slot + r.nextLong(0, Math.max(1, cadence / 2));
      if (!d.reportsAt(t) || r.nextDouble() < faults.missing()) {
        continue;
      }
      String tenant = d.kubernetes ? (d.tenantAt(t) != null ? d.tenantAt(t) : unbilled ? "ns-unbilled" : null) : null;
      Emission e = sample(d, t, busy, d.spinner && busy, tenant, r);
      double fate = r.nextDouble();
      long delay;
      boolean inTime = true;
      if (fate < faults.tooLate() && t < end - 40 * MINUTE && keepsReporting(d, t)) {
        delay = faults.tooLateDelay().toMillis() + r.nextLong(0, MINUTE);
        inTime = false;
        truth.expectDeadLetter(RejectReason.LATE.name());
      } else if (fate < faults.tooLate() + faults.late()) {
        delay = r.nextLong(35_000, Math.max(35_001, faults.maxCountedDelay().toMillis()));
      } else if (fate < faults.tooLate() + faults.late() + faults.outOfOrder()) {
        delay = r.nextLong(1_000, 20_000);
      } else {
        delay = 0;
      }
      enqueue(queue, t + delay, e);
      truth.countValidSample();
      sent++;
      // samples of a window are taken in time order: the last label is the latest sample's
      labelTenantSent = tenant != null ? tenant : labelTenantSent;
      sentStability.sample(d.xidAt(t), d.energyAt(t));
      if (inTime) {
        counted++;
        labelTenant = tenant != null ? tenant : labelTenant;
        countedStability.sample(d.xidAt(t), d.energyAt(t));
        if (r.nextDouble() < faults.duplicate()) {
          enqueue(queue, t + delay + r.nextLong(1_000, 10_000), e);
          truth.countDuplicate();
        }
      }
      if (r.nextDouble() < faults.invalid()) {
        enqueue(queue, t + delay, invalid(d, t, e, truth));
      }
    }
    boolean racked = d.inServiceAt(we);
    boolean lit = racked && busy && !d.spinner;
    String leaseTenant = d.tenantDuring(ws, we);
    if (counted > 0) {
      truth.device(new GroundTruth.DeviceVerdict(d.center, d.vendor, d.model, ws, racked, lit,
          racked ? (leaseTenant != null ? leaseTenant : labelTenant) : null, counted,
          countedStability.close(d, racked)));
    }
    if (sent > 0) {
      truth.deviceWithEverySample(new GroundTruth.DeviceVerdict(d.center, d.vendor, d.model, ws, racked, lit,
          racked ? (leaseTenant != null ? leaseTenant : labelTenantSent) : null, sent, sentStability.close(d, racked)));
    }
  }

  /**
   * The class of a code the simulator emits: NVIDIA's XIDs by NVIDIA's catalogue (0 application,
   * 3 hardware); other vendors' codes are in no catalogue litmeter reads: 5, unlisted.
   */
  private static int errorClassOf(String vendor, long code) {
    if (!vendor.equals("nvidia")) {
      return 5;
    }
    return code == XID_STOPPED_PROCESSING ? 0 : code == SimulatedDevice.XID_FALLEN_OFF_THE_BUS ? 3 : 5;
  }

  /** A device's last window with samples, as the job remembers it for {@link #CONTINUITY}. */
  private static final class LastWindow {
    long start = Long.MIN_VALUE;
    boolean racked;
    boolean erroring;
    long energy = Long.MIN_VALUE;
  }

  /**
   * The stability of one device window, judged by litmeter's definitions against its last window:
   * an error reported, an error episode begun (none in the last window), a dropout (back after
   * silence in service: the last window racked, within a day, no inventory event since), resets
   * (the energy counter going backwards from one sample to the next).
   */
  private static final class WindowStability {
    private final LastWindow last;
    private final long windowStart;
    private final boolean previousCounts;
    private boolean erroring;
    private long latestErrorCode;
    private long energy;
    private long resets;

    WindowStability(LastWindow last, long windowStart) {
      this.last = last;
      this.windowStart = windowStart;
      this.previousCounts = last.start != Long.MIN_VALUE && windowStart - last.start <= CONTINUITY;
      this.energy = previousCounts ? last.energy : Long.MIN_VALUE;
    }

    void sample(long errorCode, long energyMj) {
      erroring |= errorCode != 0;
      latestErrorCode = errorCode != 0 ? errorCode : latestErrorCode;
      resets += energy != Long.MIN_VALUE && energyMj < energy ? 1 : 0;
      energy = energyMj;
    }

    GroundTruth.Stability close(SimulatedDevice d, boolean racked) {
      boolean dropout = racked && previousCounts && last.racked && windowStart - last.start > WINDOW
          && !d.inventoryChangedIn(last.start + WINDOW, windowStart + WINDOW);
      GroundTruth.Stability verdict = new GroundTruth.Stability(racked && erroring,
          errorClassOf(d.vendor, latestErrorCode),
          racked && erroring && !(previousCounts && last.erroring), dropout,
          dropout ? (windowStart - last.start) / WINDOW - 1 : 0, racked ? resets : 0);
      last.start = windowStart;
      last.racked = racked;
      last.erroring = erroring;
      last.energy = energy;
      return verdict;
    }
  }

  /** A too-late sample is only judged too late if later samples of its device arrive before it. */
  private static boolean keepsReporting(SimulatedDevice d, long t) {
    for (long later = t + 10 * MINUTE; later <= t + 25 * MINUTE; later += 5 * MINUTE) {
      if (!d.reportsAt(later)) {
        return false;
      }
    }
    return true;
  }

  private Emission sample(SimulatedDevice d, long t, boolean busy, boolean hollow, String tenant, SplittableRandom r) {
    SampleValues.Activity a = SampleValues.activity(hollow ? SPINNING : busy ? WORKING : IDLING, t, r);
    double util = a.util();
    double sm = a.sm();
    double power = a.power();
    GpuSample s = GpuSample.newBuilder()
        .setCenter(d.center)
        .setHost(d.host)
        .setDeviceUuid(d.uuid)
        .setDeviceIndex(d.index)
        .setVendor(d.vendor)
        .setModel(d.model)
        .setEventTime(Instant.ofEpochMilli(t))
        .setGpuUtil(util)
        .setSmActive(d.profiling ? sm : null)
        .setSmOccupancy(d.profiling ? sm * 0.6 : null)
        .setTensorActive(d.profiling ? (busy && !hollow ? sm * 0.5 : 0.0) : null)
        .setDramActive(d.profiling ? (busy && !hollow ? between(r, 0.2, 0.7) : between(r, 0, 0.01)) : null)
        .setGrEngineActive(d.profiling ? util / 100 : null)
        .setPowerW(power)
        .setFbUsedMib(busy ? between(r, 20_000, 70_000) : between(r, 0, 500))
        .setTemperatureC(busy ? between(r, 55, 80) : between(r, 30, 45))
        // NVIDIA's XIDs are xid_last; other vendors' codes (Ascend's reach 0xFFFFFFFF) are error_code
        .setXidLast(d.vendor.equals("nvidia") ? Integer.valueOf((int) d.xidAt(t)) : null)
        .setErrorCode(d.vendor.equals("nvidia") ? null : Long.valueOf(d.xidAt(t)))
        .setEnergyMj(d.energyAt(t))
        .setTenant(tenant)
        .setSerial(d.serial)
        .setSource("simulator")
        .build();
    return new Emission(Topics.TELEMETRY, d.uuid, samples.encode(s));
  }

  /** An extra invalid record next to a valid one, each kind in turn, with the reason the job must give. */
  private Emission invalid(SimulatedDevice d, long t, Emission valid, GroundTruth truth) {
    GpuSample s;
    try {
      s = samples.decode(valid.value());
    } catch (UndecodableRecordException e) {
      throw new IllegalStateException(e);
    }
    byte[] bytes;
    RejectReason reason;
    switch (invalidKind++ % 8) {
      case 0 -> { s.setGpuUtil(Double.NaN); bytes = samples.encode(s); reason = RejectReason.NOT_FINITE; }
      case 1 -> { s.setGpuUtil(150.0); bytes = samples.encode(s); reason = RejectReason.OUT_OF_RANGE; }
      case 2 -> { s.setPowerW(-5.0); bytes = samples.encode(s); reason = RejectReason.OUT_OF_RANGE; }
      case 3 -> { s.setCenter(""); bytes = samples.encode(s); reason = RejectReason.MISSING_FIELD; }
      case 4 -> {
        s.setEventTime(Instant.parse("2099-01-01T00:00:00Z"));
        bytes = samples.encode(s);
        reason = RejectReason.TIMESTAMP_OUT_OF_RANGE;
      }
      case 5 -> { bytes = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 42".getBytes(StandardCharsets.UTF_8); reason = RejectReason.UNPARSABLE; }
      case 6 -> {
        bytes = valid.value().clone();
        bytes[2] ^= (byte) 0x5A;
        reason = RejectReason.UNKNOWN_SCHEMA;
      }
      default -> {
        bytes = Arrays.copyOf(valid.value(), valid.value().length / 2);
        reason = RejectReason.UNPARSABLE;
      }
    }
    truth.expectDeadLetter(reason.name());
    return new Emission(Topics.TELEMETRY, d.uuid, bytes);
  }

  private void enqueue(PriorityQueue<Queued> queue, long release, Emission e) {
    queue.add(new Queued(release, sequence++, e));
  }

  /** Busier by day in China Standard Time, at the center's own level. */
  private static double busyProbability(double level, long time) {
    double hour = ((time + 8 * HOUR) % DAY) / (double) HOUR;
    return Math.min(0.97, Math.max(0.05, level + 0.25 * Math.sin(2 * Math.PI * (hour - 9) / 24)));
  }

  private static double between(SplittableRandom r, double low, double high) {
    return low + (high - low) * r.nextDouble();
  }

  private SplittableRandom rng(long... parts) {
    long h = config.seed() * 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = Long.rotateLeft(h ^ (p * 0xC2B2AE3D27D4EB4FL), 31) * 0x165667B19E3779F9L;
    }
    return new SplittableRandom(h);
  }

  private static String centerId(int c) {
    return String.format(Locale.ROOT, "c%02d", c + 1);
  }

  private static String hex(long v) {
    return String.format(Locale.ROOT, "%016x", v);
  }
}
