package org.litmeter.simulation.scenarios;

import org.litmeter.simulation.DeviceBehaviour;
import org.litmeter.simulation.SampleValues;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
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
import org.litmeter.schema.Topics;

/**
 * Labelled centers for judging the detectors: honest ones with the messiness of reality (a Spring
 * Festival lull, maintenance, slow ramp-up, a power cut, late and out-of-order data, a gradual
 * decline) and dishonest ones (each pattern alone, with different sizes and timings, and combined).
 * Every center has a 45-day acceptance period starting on day 0. Centers about the acceptance
 * period run from day -5 to day 110.5 with one sample per device and window; the others for the
 * last three and a half days with a sample every 100 s. Deterministic for a seed.
 */
public final class ScenarioSuite {

  static final long DAY = 86_400_000L;
  static final long WINDOW = 300_000L;
  static final long HOUR = 3_600_000L;
  /** Day 0: the acceptance period starts (midnight, China Standard Time). */
  static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);
  /** Day 0 as epoch milliseconds. */
  public static final long T0 = DAY0.atStartOfDay().toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
  /** Centers about the acceptance period start reporting before it, on day -5. */
  static final int LONG_FROM_DAY = -5;
  /** Midnight of day 107 (CST): the short-horizon centers report from here to the end. */
  public static final long SHORT_FROM = T0 + 107 * DAY;

  /** A scenario's devices over time: behaviour of device {@code d} in the window starting at {@code t}. */
  private interface Model {
    DeviceBehaviour at(int d, long t, SplittableRandom r);
  }

  /**
   * How a scenario's exporters and records behave, beside what its devices do: whether the cards
   * report SM activity, whether a fifth of the samples arrive late (up to 150 s), whether cards out
   * for maintenance have their removal and racking on record, whether device 0 is the card that
   * two centers share.
   */
  private record Reporting(boolean profiling, boolean lateSamples, boolean maintenanceOnRecord,
      boolean sharesResoldCard) {
    static final Reporting PLAIN = new Reporting(true, false, false, false);
    static final Reporting LATE_SAMPLES = new Reporting(true, true, false, false);
    static final Reporting MAINTENANCE_ON_RECORD = new Reporting(true, false, true, false);
    static final Reporting NO_PROFILING = new Reporting(false, false, false, false);
    static final Reporting RESOLD_CARD = new Reporting(true, false, false, true);
  }

  private record Spec(Scenario scenario, int devices, boolean longHorizon, Reporting reporting, String uuidPrefix,
      Model model) {}

  private static final String CLIFF = "acceptance_cliff";
  private static final String ALIGNED = "acceptance_aligned_tenant";
  private static final String RESOLD_UUID = "GPU-resold-shared";

  private final long seed;
  private final int acceptanceDays;
  /** Every center reports until the end: a center that stopped early would rightly have vanished devices. */
  private final long end;
  private final List<Spec> specs = new ArrayList<>();
  private final AvroCodec<GpuSample> sampleCodec = AvroCodec.of(GpuSample.class);

  private ScenarioSuite(long seed, int acceptanceDays, long end) {
    this.seed = seed;
    this.acceptanceDays = acceptanceDays;
    this.end = end;
  }

  /**
   * One big center replayed over a long horizon for the end-to-end benchmark: {@code devices} cards
   * with one sample per window for {@code days} days from day -5; a 180-day acceptance period in
   * which a vendor's load holds 80% of the cards, withdrawn two days after it ends.
   */
  public static ScenarioSuite acceptanceCliffAtScale(long seed, int devices, int days) {
    ScenarioSuite suite = new ScenarioSuite(seed, 180, T0 + (days + LONG_FROM_DAY) * DAY);
    int sham = devices * 4 / 5;
    suite.dishonest("cliff-at-scale", "a vendor's load on 80% of " + devices + " cards through a 180-day acceptance",
        devices, true, Map.of(CLIFF, T0 + 182 * DAY, ALIGNED, T0 + 182 * DAY),
        (d, t, r) -> d < sham ? sham(t, r, 181) : customer(d, t, r, 0.5));
    return suite;
  }

  /** The labelled suite of {@code docs/detection.md}: 45-day acceptance periods, 115.5 days in all. */
  public ScenarioSuite(long seed) {
    this(seed, 45, T0 + 110 * DAY + 12 * HOUR);
    // honest, acceptance-period horizon
    honest("steady", "steady customers, busy by day", 6, true, (d, t, r) -> customer(d, t, r, 0.7));
    honest("spring-festival", "a nine-day holiday lull right after acceptance", 6, true,
        (d, t, r) -> customer(d, t, r, day(t) >= 50 && day(t) <= 58 ? 0.15 : 0.7));
    honest("ramp-up", "cards racked one by one over the first month", 6, true,
        (d, t, r) -> day(t) < d * 5 ? DeviceBehaviour.silent() : customer(d, t, r, 0.7));
    honest("gradual-decline", "demand declining 1.5% a day after acceptance", 6, true,
        (d, t, r) -> customer(d, t, r, Math.max(0.05, 0.7 - 0.015 * Math.max(0, day(t) - 44))));
    // dishonest, acceptance-period horizon
    dishonest("cliff", "a vendor's load on 5 of 6 cards, withdrawn two days after acceptance", 6, true,
        Map.of(CLIFF, T0 + 47 * DAY, ALIGNED, T0 + 47 * DAY),
        (d, t, r) -> d < 5 ? sham(t, r, 46) : customer(d, t, r, 0.5));
    dishonest("cliff-late", "the same load withdrawn ten days after acceptance", 6, true,
        Map.of(CLIFF, T0 + 55 * DAY), (d, t, r) -> d < 5 ? sham(t, r, 54) : customer(d, t, r, 0.5));
    dishonest("cliff-60", "a smaller sham: half the cards, withdrawn at the end (about a 60% drop)", 6, true,
        Map.of(CLIFF, T0 + 46 * DAY, ALIGNED, T0 + 46 * DAY),
        (d, t, r) -> d < 3 ? sham(t, r, 45) : customer(d, t, r, 0.5));
    dishonest("aligned-affiliate", "an affiliate tenant on one card for exactly the acceptance period", 6, true,
        Map.of(ALIGNED, T0 + 44 * DAY), (d, t, r) -> d == 5
            ? (day(t) >= 1 && day(t) <= 43 ? work(r, 0.9, "affiliate") : idle(null)) : customer(d, t, r, 0.7));
    dishonest("cliff-and-hollow", "a sham load that spins during acceptance and is withdrawn after it", 6, true,
        Map.of(CLIFF, T0 + 47 * DAY, ALIGNED, T0 + 47 * DAY, "hollow_load", T0 + 20 * HOUR),
        (d, t, r) -> d < 4 ? (day(t) <= 46 ? new DeviceBehaviour(true, hour(t) % 24 < 20 ? DeviceBehaviour.WORK
            : DeviceBehaviour.SPIN, "vendor") : idle(null)) : customer(d, t, r, 0.5));
    // honest, short horizon
    honest("power-cut", "a six-hour regional power cut", 6, false,
        (d, t, r) -> t >= SHORT_FROM + DAY + 2 * HOUR && t < SHORT_FROM + DAY + 8 * HOUR ? DeviceBehaviour.silent()
            : customer(d, t, r, 0.7));
    honest("maintenance", "cards out for maintenance with removal and racking on record", 6, false,
        Reporting.MAINTENANCE_ON_RECORD, (d, t, r) -> d < 3 && t >= SHORT_FROM + DAY + 8 * HOUR && t < SHORT_FROM + 2 * DAY + 14 * HOUR
            ? DeviceBehaviour.silent() : customer(d, t, r, 0.7));
    honest("late-data", "a fifth of the samples delayed by up to 150 s: out of order, some too late", 6, false,
        Reporting.LATE_SAMPLES, (d, t, r) -> customer(d, t, r, 0.7));
    // dishonest, short horizon
    dishonest("hollow", "two cards spin a kernel for eight hours a day", 6, false,
        Map.of("hollow_load", SHORT_FROM + 10 * HOUR), (d, t, r) -> d < 2 && hour(t) % 24 >= 10
            && hour(t) % 24 < 18 ? new DeviceBehaviour(true, DeviceBehaviour.SPIN, "vendor") : customer(d, t, r, 0.7));
    dishonest("hollow-no-profiling", "spin kernels on cards without profiling: pegged utilization at idle power", 6,
        false, Reporting.NO_PROFILING, Map.of("hollow_load", SHORT_FROM + 10 * HOUR), (d, t, r) -> d < 2 && hour(t) % 24 >= 10
            && hour(t) % 24 < 18 ? new DeviceBehaviour(true, DeviceBehaviour.SPIN, "vendor") : customer(d, t, r, 0.7));
    dishonest("synthetic-flat", "two cards hold exactly 75% for eight hours a day", 6, false,
        Map.of("synthetic_load", SHORT_FROM + 8 * HOUR), (d, t, r) -> d < 2 && hour(t) % 24 >= 8
            && hour(t) % 24 < 16 ? new DeviceBehaviour(true, DeviceBehaviour.FLAT, "vendor") : customer(d, t, r, 0.7));
    dishonest("synthetic-identical", "six of eight cards replay one scripted utilization curve in lockstep", 8,
        false, Map.of("synthetic_load", SHORT_FROM), (d, t, r) -> d < 6
            ? new DeviceBehaviour(true, DeviceBehaviour.SCRIPTED, "vendor") : customer(d, t, r, 0.7));
    dishonest("lit-unoccupied", "three cards busy with no lease and no tenant", 6, false,
        Map.of("lit_unoccupied", SHORT_FROM), (d, t, r) -> d < 3 ? work(r, 1.0, null) : customer(d, t, r, 0.7));
    dishonest("vanished", "two cards stop reporting with no removal on record", 6, false,
        Map.of("vanished_device", SHORT_FROM + 12 * HOUR), (d, t, r) -> d < 2 && t >= SHORT_FROM + 12 * HOUR
            ? DeviceBehaviour.silent() : customer(d, t, r, 0.7));
    dishonest("mass-vanish", "twelve of fifteen cards pulled at once", 15, false,
        Map.of("vanished_device", SHORT_FROM + DAY, "mass_disappearance", SHORT_FROM + DAY),
        (d, t, r) -> d < 12 && t >= SHORT_FROM + DAY ? DeviceBehaviour.silent() : customer(d, t, r, 0.7));
    specs.add(new Spec(new Scenario("sc-resold-a", "resold-origin", "a card that leaves for another center"
        + " without a removal record", false, Map.of("vanished_device", SHORT_FROM + DAY + 12 * HOUR)), 4, false,
        Reporting.RESOLD_CARD, "GPU-sc-resold-a-",
        (d, t, r) -> d == 0 && t >= SHORT_FROM + DAY + 12 * HOUR ? DeviceBehaviour.silent() : customer(d, t, r, 0.7)));
    specs.add(new Spec(new Scenario("sc-resold-b", "resold", "the same card UUID appears here within days", false,
        Map.of("device_in_two_centers", SHORT_FROM + 2 * DAY)), 4, false, Reporting.RESOLD_CARD, "GPU-sc-resold-b-",
        (d, t, r) -> d == 0 && t < SHORT_FROM + 2 * DAY ? DeviceBehaviour.silent() : customer(d, t, r, 0.7)));
  }

  private void honest(String name, String description, int devices, boolean longHorizon, Model model) {
    honest(name, description, devices, longHorizon, Reporting.PLAIN, model);
  }

  private void honest(String name, String description, int devices, boolean longHorizon, Reporting reporting,
      Model model) {
    String center = "sc-" + name;
    specs.add(new Spec(new Scenario(center, name, description, true, Map.of()), devices, longHorizon,
        reporting, "GPU-" + center + "-", model));
  }

  private void dishonest(String name, String description, int devices, boolean longHorizon,
      Map<String, Long> expected, Model model) {
    dishonest(name, description, devices, longHorizon, Reporting.PLAIN, expected, model);
  }

  private void dishonest(String name, String description, int devices, boolean longHorizon, Reporting reporting,
      Map<String, Long> expected, Model model) {
    String center = "sc-" + name;
    specs.add(new Spec(new Scenario(center, name, description, false, expected), devices, longHorizon,
        reporting, "GPU-" + center + "-", model));
  }

  /** The same suite (seed, period) with only the named scenarios, for tests that need a few centers. */
  public ScenarioSuite only(Set<String> names) {
    ScenarioSuite some = new ScenarioSuite(seed, acceptanceDays, end);
    specs.stream().filter(s -> names.contains(s.scenario().name())).forEach(some.specs::add);
    if (some.specs.size() != names.size()) {
      throw new IllegalArgumentException("no scenario named " + names + " in " + scenarios());
    }
    return some;
  }

  public List<Scenario> scenarios() {
    return specs.stream().map(Spec::scenario).toList();
  }

  /**
   * Emits the registry, then the inventory, leases and telemetry of every scenario interleaved in
   * event-time order (as exporters would send them); returns the samples produced.
   */
  public long run(Consumer<Emission> out) {
    AvroCodec<CenterRegistration> registry = AvroCodec.of(CenterRegistration.class);
    for (Spec spec : specs) {
      out.accept(new Emission(Topics.CENTERS, spec.scenario().center(), registry.encode(CenterRegistration.newBuilder()
          .setCenterId(spec.scenario().center()).setName(spec.scenario().description()).setProvince("Scenario")
          .setRegion(Region.WEST).setPlannedAccelerators(spec.devices() + 2).setAcceptanceStart(DAY0)
          .setAcceptanceEnd(DAY0.plusDays(acceptanceDays - 1)).setUpdatedAt(Instant.ofEpochMilli(T0 - 30 * DAY))
          .build())));
    }
    List<CenterEmitter> emitters = specs.stream().map(CenterEmitter::new).toList();
    for (long ws = T0 + LONG_FROM_DAY * DAY; ws < end; ws += WINDOW) {
      for (CenterEmitter emitter : emitters) {
        emitter.window(ws, out);
      }
    }
    emitters.forEach(e -> e.flush(Long.MAX_VALUE, out));
    return emitters.stream().mapToLong(e -> e.samples).sum();
  }

  /** One scenario's emission state: current leases, silent devices and samples held back to arrive late. */
  private final class CenterEmitter {
    private record Delayed(long release, long seq, String key, byte[] value) {}

    private final Spec spec;
    private final long from;
    private final long cadence;
    private final Map<Integer, String> leases = new HashMap<>();
    private final Map<Integer, Boolean> silent = new HashMap<>();
    private final AvroCodec<LeaseEvent> leaseCodec = AvroCodec.of(LeaseEvent.class);
    private final AvroCodec<DeviceInventoryEvent> inventoryCodec = AvroCodec.of(DeviceInventoryEvent.class);
    private final PriorityQueue<Delayed> delayed =
        new PriorityQueue<>(Comparator.comparingLong(Delayed::release).thenComparingLong(Delayed::seq));
    private long samples;

    CenterEmitter(Spec spec) {
      this.spec = spec;
      this.from = spec.longHorizon() ? T0 + LONG_FROM_DAY * DAY : SHORT_FROM;
      this.cadence = spec.longHorizon() ? WINDOW : 100_000L;
    }

    void window(long ws, Consumer<Emission> out) {
      if (ws < from) {
        return;
      }
      String center = spec.scenario().center();
      for (int d = 0; d < spec.devices(); d++) {
        String uuid = spec.reporting().sharesResoldCard() && d == 0 ? RESOLD_UUID : spec.uuidPrefix() + d;
        SplittableRandom r = new SplittableRandom(seed * 31 + (center.hashCode() * 1_000_003L) + d * 7919L + ws);
        DeviceBehaviour b = spec.model().at(d, ws, r);
        if (!Objects.equals(leases.get(d), b.lease())) {
          if (leases.get(d) != null) {
            out.accept(lease(leaseCodec, center, uuid, leases.get(d), LeaseAction.END, ws));
          }
          if (b.lease() != null) {
            out.accept(lease(leaseCodec, center, uuid, b.lease(), LeaseAction.START, ws));
          }
          leases.put(d, b.lease());
        }
        boolean wasSilent = silent.getOrDefault(d, false);
        if (spec.reporting().maintenanceOnRecord() && wasSilent != !b.reports()) {
          InventoryAction action = b.reports() ? InventoryAction.RACKED : InventoryAction.REMOVED;
          out.accept(new Emission(Topics.INVENTORY, uuid, inventoryCodec.encode(DeviceInventoryEvent.newBuilder()
              .setCenter(center).setDeviceUuid(uuid).setSerial("SN-" + uuid).setAction(action)
              .setEventTime(Instant.ofEpochMilli(ws - 1)).build())));
        }
        silent.put(d, !b.reports());
        if (!b.reports()) {
          continue;
        }
        for (long t = ws + 10_000 + d * 7_000L % cadence; t < ws + WINDOW; t += cadence) {
          long release = spec.reporting().lateSamples() && r.nextDouble() < 0.2 ? t + r.nextLong(1_000, 150_000) : t;
          delayed.add(new Delayed(release, samples++, uuid, sampleCodec.encode(
              SampleValues.sample(center, uuid, d, t, b, spec.reporting().profiling(), r))));
        }
      }
      flush(ws + WINDOW, out);
    }

    /** Sends the samples due before {@code until}. */
    void flush(long until, Consumer<Emission> out) {
      while (!delayed.isEmpty() && delayed.peek().release() < until) {
        Delayed next = delayed.poll();
        out.accept(new Emission(Topics.TELEMETRY, next.key(), next.value()));
      }
    }
  }

  private static Emission lease(AvroCodec<LeaseEvent> codec, String center, String uuid, String tenant,
      LeaseAction action, long time) {
    return new Emission(Topics.LEASES, uuid, codec.encode(LeaseEvent.newBuilder().setCenter(center)
        .setDeviceUuid(uuid).setTenant(tenant).setAction(action).setEventTime(Instant.ofEpochMilli(time)).build()));
  }

  /** A customer's card: leased, busy with probability {@code busy} (higher by day). */
  private static DeviceBehaviour customer(int d, long t, SplittableRandom r, double busy) {
    double daytime = 0.15 * Math.sin(2 * Math.PI * ((hour(t) % 24) - 9) / 24.0);
    return work(r, Math.max(0, Math.min(1, busy + daytime)), "customer-" + (d % 3));
  }

  /** A sham tenant's card: very busy until {@code lastDay}, then idle and unleased. */
  private static DeviceBehaviour sham(long t, SplittableRandom r, int lastDay) {
    return day(t) <= lastDay ? work(r, 0.9, "vendor") : idle(null);
  }

  private static DeviceBehaviour work(SplittableRandom r, double busy, String lease) {
    return new DeviceBehaviour(true, r.nextDouble() < busy ? DeviceBehaviour.WORK : DeviceBehaviour.IDLE, lease);
  }

  private static DeviceBehaviour idle(String lease) {
    return new DeviceBehaviour(true, DeviceBehaviour.IDLE, lease);
  }

  private static int day(long t) {
    return (int) Math.floorDiv(t - T0, DAY);
  }

  private static long hour(long t) {
    return Math.floorDiv(t - T0, HOUR);
  }
}
