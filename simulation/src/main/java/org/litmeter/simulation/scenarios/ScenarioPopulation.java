package org.litmeter.simulation.scenarios;

import org.litmeter.simulation.DeviceBehaviour;
import org.litmeter.simulation.SampleValues;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Region;

/**
 * A randomized population of labelled centers, half honest and half not, drawn from the ranges in
 * {@code docs/detection.md} for a seed: nothing about a center is fixed but its family.
 *
 * <p>Honest centers have customers whose leases churn (tenure, gaps, returning tenants and new
 * ones), demand that follows the time of day, and the messiness of reality drawn per center: a slow
 * ramp-up, a holiday lull (often right after acceptance), a slow decline of demand, a power cut,
 * maintenance on record, a card transferred to another center on record, late, out-of-order and
 * duplicated samples, profiling fields or not, large training jobs near 100% utilization.
 *
 * <p>Dishonest centers add one pattern to that: a sham load on a share of the cards withdrawn at any
 * time from a week before to twelve weeks after acceptance, at once or over days; an affiliate
 * tenant that holds cards for exactly the period; spin kernels; flat or lockstep synthetic load;
 * work nobody leases; cards that vanish, alone or by the rack; cards resold to another center weeks
 * or months later, under a new serial or not; gaming cards whose memory was doubled.
 *
 * <p>Centers about the acceptance period report one sample per device and window from five days
 * before it to 120 days after it; the others a sample every 30-100 s for three to six days.
 */
public final class ScenarioPopulation {

  /** Where a population's records go, in event-time order (late samples aside). */
  public interface Sink {
    void registration(CenterRegistration r);

    void inventory(DeviceInventoryEvent e);

    void lease(LeaseEvent e);

    void sample(GpuSample s);
  }

  static final long DAY = 86_400_000L;
  static final long HOUR = 3_600_000L;
  static final long WINDOW = SampleValues.WINDOW;
  static final ZoneOffset CST = ZoneOffset.ofHours(8);
  /** The earliest acceptance start of the population. */
  static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);
  static final long T0 = DAY0.atStartOfDay().toInstant(CST).toEpochMilli();
  static final int DAYS_AFTER_PERIOD = 120;

  static final String CLIFF = "acceptance_cliff";
  static final String ALIGNED = "acceptance_aligned_tenant";
  static final String HOLLOW = "hollow_load";
  static final String SYNTHETIC = "synthetic_load";
  static final String LIT_UNOCCUPIED = "lit_unoccupied";
  static final String VANISHED = "vanished_device";
  static final String MASS = "mass_disappearance";
  static final String RESOLD = "device_in_two_centers";
  static final String SERIAL = "device_serial_changed";
  static final String MODIFIED = "modified_card_memory";
  static final String H800 = "NVIDIA H800";
  static final double H800_MIB = 81559;

  /** Dishonest families and how often each is drawn. */
  private static final String[] FAMILIES = {"cliff", "aligned-affiliate", "hollow", "synthetic-flat",
      "synthetic-lockstep", "lit-unoccupied", "vanished", "mass-vanish", "resold", "modified-card"};
  private static final double[] WEIGHTS = {0.22, 0.13, 0.11, 0.07, 0.06, 0.08, 0.08, 0.06, 0.14, 0.05};

  private final long seed;
  private final List<Center> centers = new ArrayList<>();

  /**
   * @param count centers in all; half are honest (a resold card's two centers count as two)
   */
  public ScenarioPopulation(int count, long seed) {
    if (count < 2) {
      throw new IllegalArgumentException("a population needs at least 2 centers, got " + count);
    }
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    int honest = count / 2;
    for (int i = 0; i < honest; i++) {
      boolean transfer = i % 10 == 9 && i + 1 < honest;
      if (transfer) {
        transferPair(i, r.split());
        i++;
      } else {
        honestCenter(i, r.split());
      }
    }
    for (int i = honest; i < count; i++) {
      String family = draw(r);
      if (family.equals("resold") && i + 1 < count) {
        resoldPair(i, r.split());
        i++;
      } else {
        dishonestCenter(i, family.equals("resold") ? "vanished" : family, r.split());
      }
    }
  }

  public List<Scenario> scenarios() {
    return centers.stream().map(c -> c.scenario).toList();
  }

  /** Emits every center's registration, then their records window by window; returns the samples sent. */
  public long run(Sink out) {
    for (Center c : centers) {
      out.registration(CenterRegistration.newBuilder().setCenterId(c.id).setName(c.scenario.description())
          .setProvince("Population").setRegion(Region.WEST).setPlannedAccelerators(c.devices + 2)
          .setAcceptanceStart(c.periodStart).setAcceptanceEnd(c.periodEnd)
          .setUpdatedAt(Instant.ofEpochMilli(T0 - 400 * DAY)).build());
    }
    long from = centers.stream().mapToLong(c -> c.from).min().orElse(T0);
    long to = centers.stream().mapToLong(c -> c.to).max().orElse(T0);
    centers.forEach(c -> c.inventory.sort(Comparator.comparing(DeviceInventoryEvent::getEventTime)));
    List<Center> byStart = new ArrayList<>(centers);
    byStart.sort(Comparator.comparingLong(c -> c.from));
    List<Center> active = new ArrayList<>();
    int next = 0;
    long samples = 0;
    for (long ws = from; ws < to; ws += WINDOW) {
      while (next < byStart.size() && byStart.get(next).from <= ws) {
        active.add(byStart.get(next++));
      }
      for (Center c : active) {
        samples += c.window(ws, out);
      }
      final long now = ws;
      active.removeIf(c -> {
        if (c.to <= now + WINDOW) {
          c.end(out);
          return true;
        }
        return false;
      });
    }
    return samples;
  }

  // ---- honest centers

  private void honestCenter(int i, SplittableRandom r) {
    boolean longHorizon = r.nextDouble() < 0.6;
    Center c = longHorizon ? longCenter("pop-" + i, r, 4 + r.nextInt(7))
        : shortCenter("pop-" + i, r, 4 + r.nextInt(13));
    Customers customers = c.customers(r);
    c.model = customers;
    maybeMaintenance(c, r);
    c.label(true, longHorizon ? "honest-acceptance" : "honest", customers.describe(), Map.of(), Set.of());
    centers.add(c);
  }

  /** Two honest centers: a card removed from one on record and racked in the other days or weeks later. */
  private void transferPair(int i, SplittableRandom r) {
    Center origin = shortCenter("pop-" + i, r, 4 + r.nextInt(5));
    Center destination = shortCenter("pop-" + (i + 1), r, 4 + r.nextInt(5));
    long leaves = origin.from + DAY + r.nextLong(DAY);
    long gap = DAY + r.nextLong(30 * DAY);
    placeAfter(destination, leaves + gap - DAY, origin.to - origin.from + 2 * DAY);
    origin.to = Math.max(origin.to, leaves + 2 * DAY);
    String card = "GPU-" + origin.id + "-moved";
    origin.uuids[0] = card;
    destination.uuids[0] = card;
    destination.serials[0] = origin.serials[0];
    Customers atOrigin = origin.customers(r);
    Customers atDestination = destination.customers(r);
    origin.model = (d, t, x) -> d == 0 && t >= leaves ? DeviceBehaviour.silent() : atOrigin.at(d, t, x);
    destination.model = (d, t, x) -> d == 0 && t < leaves + gap ? DeviceBehaviour.silent() : atDestination.at(d, t, x);
    origin.record(0, InventoryAction.REMOVED, leaves - 1);
    destination.record(0, InventoryAction.RACKED, leaves + gap - 1);
    origin.parameters.put("transfer_gap_days", gap / (double) DAY);
    origin.label(true, "honest-transfer-origin", "a card removed on record, racked elsewhere "
        + gap / DAY + " days later", Map.of(), Set.of());
    destination.label(true, "honest-transfer-destination", "a card transferred here on record", Map.of(), Set.of());
    centers.add(origin);
    centers.add(destination);
  }

  // ---- dishonest centers

  private void dishonestCenter(int i, String family, SplittableRandom r) {
    String id = "pop-" + i;
    switch (family) {
      case "cliff" -> cliff(id, r);
      case "aligned-affiliate" -> aligned(id, r);
      case "hollow", "synthetic-flat", "synthetic-lockstep", "lit-unoccupied" -> windowPattern(id, family, r);
      case "vanished", "mass-vanish" -> vanished(id, family, r);
      case "modified-card" -> modifiedCards(id, r);
      default -> throw new IllegalStateException(family);
    }
  }

  /** A sham load on a share of the cards through the acceptance period, withdrawn at once or over days. */
  private void cliff(String id, SplittableRandom r) {
    Center c = longCenter(id, r, 4 + r.nextInt(7));
    Customers customers = c.customers(r);
    int sham = Math.max(2, (int) Math.round(c.devices * (0.5 + 0.4 * r.nextDouble())));
    int wait = -5 + r.nextInt(91);
    int spread = r.nextInt(6);
    long periodEndDay = c.dayStart(c.periodEnd);
    long drop = periodEndDay + (long) wait * DAY;
    long[] leaves = new long[sham];
    for (int d = 0; d < sham; d++) {
      leaves[d] = drop + (spread == 0 ? 0 : r.nextLong(spread * DAY + 1));
    }
    leaves[0] = drop;
    long arrives = c.dayStart(c.periodStart) + r.nextLong(3 * DAY);
    double busy = 0.8 + 0.18 * r.nextDouble();
    String tenant = "affiliate-" + id;
    c.model = (d, t, x) -> d < sham
        ? (t >= arrives && t < leaves[d] ? work(x, busy, tenant) : idle(null)) : customers.at(d, t, x);
    long lastDayStart = dayOf(Arrays.stream(leaves).max().orElse(drop) - 1);
    boolean alignedEnd = Math.abs(lastDayStart - periodEndDay) <= 7 * DAY;
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(CLIFF, drop);
    if (alignedEnd) {
      expected.put(ALIGNED, lastDayStart + DAY);
    }
    c.parameters.put("withdrawal_wait_days", (double) wait);
    c.parameters.put("sham_share", sham / (double) c.devices);
    c.label(false, "cliff", String.format(Locale.ROOT, "a sham load on %d of %d cards withdrawn %d days"
        + " after acceptance, over %d days", sham, c.devices, wait, spread), expected,
        alignedEnd ? Set.of() : Set.of(ALIGNED));
    centers.add(c);
  }

  /** An affiliate tenant on a minority of the cards for exactly the acceptance period. */
  private void aligned(String id, SplittableRandom r) {
    Center c = longCenter(id, r, 5 + r.nextInt(6));
    Customers customers = c.customers(r);
    int cards = Math.max(1, (int) Math.round(c.devices * (0.15 + 0.2 * r.nextDouble())));
    long arrives = c.dayStart(c.periodStart) + r.nextLong(3 * DAY);
    long leaves = c.dayStart(c.periodEnd) + DAY - 3 * DAY + r.nextLong(6 * DAY);
    double busy = customers.busy;
    String tenant = "affiliate-" + id;
    c.model = (d, t, x) -> d < cards
        ? (t >= arrives && t < leaves ? work(x, busy, tenant) : idle(null)) : customers.at(d, t, x);
    long lastDay = dayOf(leaves - 1);
    c.label(false, "aligned-affiliate", "an affiliate on " + cards + " of " + c.devices
        + " cards for the acceptance period only", Map.of(ALIGNED, lastDay + DAY), Set.of(CLIFF));
    centers.add(c);
  }

  /** Spin kernels, flat or lockstep synthetic load, or work nobody leases, a few hours a day. */
  private void windowPattern(String id, String family, SplittableRandom r) {
    boolean lockstep = family.equals("synthetic-lockstep");
    Center c = shortCenter(id, r, lockstep ? 8 + r.nextInt(7) : 4 + r.nextInt(13));
    if (family.equals("synthetic-flat") || family.equals("synthetic-lockstep")) {
      c.cadence = 30_000L + 10_000L * r.nextInt(8);
    }
    Customers customers = c.customers(r);
    int affected = switch (family) {
      case "synthetic-lockstep" -> Math.max(5, (int) Math.ceil(c.devices * (0.6 + 0.4 * r.nextDouble())));
      case "lit-unoccupied" -> Math.max(2, (int) Math.ceil(c.devices * (0.2 + 0.3 * r.nextDouble())));
      default -> 1 + r.nextInt(3);
    };
    int hours = switch (family) {
      case "hollow" -> 1 + r.nextInt(12);
      case "lit-unoccupied" -> 2 + r.nextInt(22);
      default -> 3 + r.nextInt(10);
    };
    long onset = c.from + 6 * HOUR + r.nextLong(30 * HOUR);
    double level = family.equals("synthetic-flat") ? 50 + 45 * r.nextDouble() : 55 + 10 * r.nextDouble();
    double jitter = 0.3 * r.nextDouble();
    if (family.equals("hollow")) {
      c.profiling = r.nextBoolean();
    }
    c.model = (d, t, x) -> {
      boolean on = d < affected && t >= onset && Math.floorMod(t - onset, DAY) < hours * HOUR;
      if (!on) {
        return customers.at(d, t, x);
      }
      return switch (family) {
        case "hollow" -> new DeviceBehaviour(true, DeviceBehaviour.SPIN, "vendor-" + id);
        case "synthetic-flat" -> new DeviceBehaviour(true, DeviceBehaviour.FLAT, "vendor-" + id, level, jitter);
        case "synthetic-lockstep" -> new DeviceBehaviour(true, DeviceBehaviour.SCRIPTED, "vendor-" + id, level, 0);
        default -> new DeviceBehaviour(true, DeviceBehaviour.WORK, null);
      };
    };
    String kind = family.equals("hollow") ? HOLLOW : family.equals("lit-unoccupied") ? LIT_UNOCCUPIED : SYNTHETIC;
    c.label(false, family, String.format(Locale.ROOT, "%s on %d of %d cards %d hours a day%s", family,
        affected, c.devices, hours, family.equals("hollow") && !c.profiling ? ", no profiling fields" : ""),
        Map.of(kind, onset), Set.of());
    centers.add(c);
  }

  /** Gaming cards with their memory doubled (the seed's 48 GB "RTX 4090") among ordinary ones. */
  private void modifiedCards(String id, SplittableRandom r) {
    Center c = shortCenter(id, r, 4 + r.nextInt(13));
    c.model = c.customers(r);
    c.cardModel = "NVIDIA GeForce RTX 4090";
    int modified = 1 + r.nextInt(Math.max(1, c.devices / 2));
    for (int d = 0; d < c.devices; d++) {
      c.memoryMib[d] = d < modified ? 49140.0 : 24564.0;
    }
    c.label(false, "modified-card", modified + " of " + c.devices + " RTX 4090 cards report 48 GB of memory",
        Map.of(MODIFIED, c.from), Set.of());
    centers.add(c);
  }

  /** Cards that stop reporting with no removal on record: one to three, or most of a rack at once. */
  private void vanished(String id, String family, SplittableRandom r) {
    boolean mass = family.equals("mass-vanish");
    Center c = shortCenter(id, r, mass ? 12 + r.nextInt(9) : 4 + r.nextInt(13));
    Customers customers = c.customers(r);
    int gone = mass ? Math.max(10, (int) Math.ceil(c.devices * (0.5 + 0.4 * r.nextDouble()))) : 1 + r.nextInt(3);
    long at = c.from + 6 * HOUR + r.nextLong(24 * HOUR);
    c.to = Math.max(c.to, at + 2 * DAY);
    c.model = (d, t, x) -> d < gone && t >= at ? DeviceBehaviour.silent() : customers.at(d, t, x);
    c.label(false, family, gone + " of " + c.devices + " cards stop reporting, no removal on record",
        mass ? Map.of(VANISHED, at, MASS, at) : Map.of(VANISHED, at), Set.of());
    centers.add(c);
  }

  /**
   * A card pulled from one center without a record and sold to another weeks or months later, with a
   * new serial in the second center's inventory or the old one.
   */
  private void resoldPair(int i, SplittableRandom r) {
    Center origin = shortCenter("pop-" + i, r, 4 + r.nextInt(5));
    Center destination = shortCenter("pop-" + (i + 1), r, 4 + r.nextInt(5));
    long pulled = origin.from + 6 * HOUR + r.nextLong(DAY);
    long gap = 2 * DAY + r.nextLong(120 * DAY);
    origin.to = Math.max(origin.to, pulled + 2 * DAY);
    placeAfter(destination, pulled + gap - DAY, 3 * DAY + r.nextLong(2 * DAY));
    String card = "GPU-" + origin.id + "-resold";
    origin.uuids[0] = card;
    destination.uuids[0] = card;
    boolean newSerial = r.nextBoolean();
    if (!newSerial) {
      destination.serials[0] = origin.serials[0];
    }
    Customers atOrigin = origin.customers(r);
    Customers atDestination = destination.customers(r);
    long arrives = pulled + gap;
    origin.model = (d, t, x) -> d == 0 && t >= pulled ? DeviceBehaviour.silent() : atOrigin.at(d, t, x);
    destination.model = (d, t, x) -> d == 0 && t < arrives ? DeviceBehaviour.silent() : atDestination.at(d, t, x);
    origin.record(0, InventoryAction.RACKED, origin.from - 1);
    destination.record(0, InventoryAction.RACKED, arrives - 1);
    origin.label(false, "resold-origin", "a card pulled out without a record", Map.of(VANISHED, pulled), Set.of());
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(RESOLD, arrives);
    if (newSerial) {
      expected.put(SERIAL, arrives - 1);
    }
    destination.parameters.put("resale_gap_days", gap / (double) DAY);
    destination.label(false, "resold", "the same card " + gap / DAY + " days later"
        + (newSerial ? " under a new serial" : ""), expected, Set.of());
    centers.add(origin);
    centers.add(destination);
  }

  // ---- shared drawing

  private static String draw(SplittableRandom r) {
    double x = r.nextDouble();
    for (int f = 0; f < FAMILIES.length; f++) {
      x -= WEIGHTS[f];
      if (x < 0) {
        return FAMILIES[f];
      }
    }
    return FAMILIES[FAMILIES.length - 1];
  }

  /** A center about its acceptance period: 90 to 183 days from within two months of day 0, one sample per window. */
  private Center longCenter(String id, SplittableRandom r, int devices) {
    LocalDate start = DAY0.plusDays(r.nextInt(60));
    LocalDate end = start.plusDays(89 + r.nextInt(94));
    Center c = new Center(id, devices, start, end, r);
    c.from = c.dayStart(start) - 5 * DAY;
    c.to = c.dayStart(end) + DAYS_AFTER_PERIOD * DAY;
    c.cadence = WINDOW;
    c.aboutAcceptance = true;
    return c;
  }

  /** A center long past its acceptance period, watched for three to six days at 30-100 s per sample. */
  private Center shortCenter(String id, SplittableRandom r, int devices) {
    long from = T0 + r.nextLong(300) * DAY + r.nextLong(DAY / WINDOW) * WINDOW;
    LocalDate pastStart = Instant.ofEpochMilli(from).atOffset(CST).toLocalDate().minusDays(400);
    Center c = new Center(id, devices, pastStart, pastStart.plusDays(180), r);
    c.from = from;
    c.to = from + (3 + r.nextInt(4)) * DAY;
    c.cadence = 30_000L + 10_000L * r.nextInt(8);
    return c;
  }

  private static void placeAfter(Center c, long from, long length) {
    long start = Math.floorDiv(from, WINDOW) * WINDOW;
    c.to = start + Math.max(length, 2 * DAY);
    c.from = start;
  }

  private static void maybeMaintenance(Center c, SplittableRandom r) {
    if (r.nextDouble() < 0.3) {
      int cards = 1 + r.nextInt(Math.min(3, c.devices));
      long out = c.from + HOUR + r.nextLong(Math.max(HOUR, c.to - c.from - 80 * HOUR));
      long back = out + 6 * HOUR + r.nextLong(66 * HOUR);
      for (int d = 0; d < cards; d++) {
        c.record(d, InventoryAction.REMOVED, out - 1);
        c.record(d, InventoryAction.RACKED, back - 1);
      }
      Model inner = c.model;
      c.model = (d, t, x) -> d < cards && t >= out && t < back ? DeviceBehaviour.silent() : inner.at(d, t, x);
      c.maintenance = "maintenance on record: " + cards + " cards for " + (back - out) / HOUR + " h";
    }
  }

  /** The start of the day (China Standard Time) that {@code time} falls in. */
  private static long dayOf(long time) {
    return Instant.ofEpochMilli(time).atOffset(CST).toLocalDate().atStartOfDay().toInstant(CST).toEpochMilli();
  }

  private static DeviceBehaviour work(SplittableRandom r, double busy, String lease) {
    return new DeviceBehaviour(true, r.nextDouble() < busy ? DeviceBehaviour.WORK : DeviceBehaviour.IDLE, lease);
  }

  private static DeviceBehaviour idle(String lease) {
    return new DeviceBehaviour(true, DeviceBehaviour.IDLE, lease);
  }

  /** A center's devices over time: behaviour of device {@code d} in the window starting at {@code t}. */
  private interface Model {
    DeviceBehaviour at(int d, long t, SplittableRandom r);
  }

  /**
   * Honest customers of one center: each card racked on its day (a ramp-up or all at once), leased
   * for tenures drawn around the center's churn with gaps between leases (the same tenant often
   * returns), busy with a probability that follows the time of day, lower in a holiday lull and in a
   * slow decline of demand after acceptance; a power cut silences every card for hours.
   */
  private static final class Customers implements Model {
    final double busy;
    final double meanTenureDays;
    final double meanGapDays;
    final long[] racked;
    final long[][] leaseStarts;
    final long[][] leaseEnds;
    final String[][] leaseTenants;
    final boolean[] training;
    final long holidayFrom;
    final long holidayTo;
    final double holidayBusy;
    final long declineFrom;
    final double declinePerDay;
    final long outageFrom;
    final long outageTo;
    final int rampDays;

    Customers(Center c, SplittableRandom r) {
      busy = 0.3 + 0.55 * r.nextDouble();
      meanTenureDays = 15 + 225 * r.nextDouble();
      meanGapDays = 0.5 + 20 * r.nextDouble();
      int pool = 1 + r.nextInt(8);
      boolean aboutAcceptance = c.aboutAcceptance;
      rampDays = aboutAcceptance && r.nextBoolean() ? 10 + r.nextInt(51) : 0;
      racked = new long[c.devices];
      leaseStarts = new long[c.devices][];
      leaseEnds = new long[c.devices][];
      leaseTenants = new String[c.devices][];
      training = new boolean[c.devices];
      int fresh = 0;
      for (int d = 0; d < c.devices; d++) {
        racked[d] = c.from + (rampDays == 0 ? 0 : r.nextLong(rampDays * DAY));
        training[d] = r.nextDouble() < 0.3;
        List<long[]> spans = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        long t = racked[d];
        String tenant = c.id + "-customer-" + r.nextInt(pool);
        while (t < c.to) {
          long tenure = (long) (-Math.log(1 - r.nextDouble()) * meanTenureDays * DAY);
          spans.add(new long[] {t, t + Math.max(HOUR, tenure)});
          tenants.add(tenant);
          t += Math.max(HOUR, tenure) + (long) (-Math.log(1 - r.nextDouble()) * meanGapDays * DAY);
          double next = r.nextDouble();
          tenant = next < 0.5 ? tenant : next < 0.8 ? c.id + "-customer-" + r.nextInt(pool)
              : c.id + "-newcomer-" + fresh++;
        }
        leaseStarts[d] = spans.stream().mapToLong(s -> Math.floorDiv(s[0], WINDOW) * WINDOW).toArray();
        leaseEnds[d] = spans.stream().mapToLong(s -> Math.floorDiv(s[1], WINDOW) * WINDOW).toArray();
        leaseTenants[d] = tenants.toArray(String[]::new);
      }
      long periodEnd = c.dayStart(c.periodEnd) + DAY;
      if (r.nextDouble() < 0.6) {
        long start = aboutAcceptance && r.nextBoolean() ? periodEnd + r.nextLong(10 * DAY)
            : c.from + r.nextLong(Math.max(DAY, c.to - c.from));
        holidayFrom = start;
        holidayTo = start + (5 + r.nextInt(10)) * DAY;
        holidayBusy = 0.1 + 0.3 * r.nextDouble();
      } else {
        holidayFrom = Long.MAX_VALUE;
        holidayTo = Long.MAX_VALUE;
        holidayBusy = 1;
      }
      if (aboutAcceptance && r.nextDouble() < 0.3) {
        declineFrom = periodEnd + r.nextLong(30 * DAY);
        declinePerDay = 0.005 + 0.015 * r.nextDouble();
      } else {
        declineFrom = Long.MAX_VALUE;
        declinePerDay = 0;
      }
      if (r.nextDouble() < 0.3) {
        outageFrom = c.from + r.nextLong(Math.max(HOUR, c.to - c.from - DAY));
        outageTo = outageFrom + HOUR + r.nextLong(19 * HOUR);
      } else {
        outageFrom = Long.MAX_VALUE;
        outageTo = Long.MAX_VALUE;
      }
    }

    @Override
    public DeviceBehaviour at(int d, long t, SplittableRandom r) {
      if (t < racked[d] || (t >= outageFrom && t < outageTo)) {
        return DeviceBehaviour.silent();
      }
      String tenant = tenantAt(d, t);
      if (tenant == null) {
        return idle(null);
      }
      double p = busy + 0.15 * Math.sin(2 * Math.PI * ((Math.floorMod(t, DAY) / (double) HOUR + 8) - 9) / 24.0);
      if (t >= holidayFrom && t < holidayTo) {
        p *= holidayBusy;
      }
      if (t >= declineFrom) {
        p *= Math.pow(1 - declinePerDay, (t - declineFrom) / (double) DAY);
      }
      if (r.nextDouble() >= Math.max(0, Math.min(1, p))) {
        return idle(tenant);
      }
      return new DeviceBehaviour(true, training[d] ? DeviceBehaviour.TRAINING : DeviceBehaviour.WORK, tenant);
    }

    private String tenantAt(int d, long t) {
      long[] starts = leaseStarts[d];
      int i = Arrays.binarySearch(starts, t);
      int at = i >= 0 ? i : -i - 2;
      return at >= 0 && t < leaseEnds[d][at] ? leaseTenants[d][at] : null;
    }

    String describe() {
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
          "customers busy %.0f%%, leases of %.0f days on average with %.1f-day gaps", 100 * busy, meanTenureDays,
          meanGapDays));
      if (rampDays > 0) {
        s.append(", racked over ").append(rampDays).append(" days");
      }
      if (holidayFrom != Long.MAX_VALUE) {
        s.append(", a ").append((holidayTo - holidayFrom) / DAY).append("-day holiday lull");
      }
      if (declinePerDay > 0) {
        s.append(String.format(Locale.ROOT, ", demand falling %.1f%% a day after acceptance",
            100 * declinePerDay));
      }
      if (outageFrom != Long.MAX_VALUE) {
        s.append(", a ").append((outageTo - outageFrom) / HOUR).append("-hour power cut");
      }
      return s.toString();
    }
  }

  /** One center of the population: what it is, how it behaves, and its emission state. */
  private final class Center {
    private record Delayed(long release, long seq, GpuSample sample) {}

    final String id;
    final int devices;
    final LocalDate periodStart;
    final LocalDate periodEnd;
    final String[] uuids;
    final String[] serials;
    /** What each card reports as its memory in all (null: its exporter does not say). */
    final Double[] memoryMib;
    String cardModel = H800;
    final double lateShare;
    final double duplicateShare;
    boolean profiling;
    long from;
    long to;
    long cadence;
    /** Watched through its acceptance period (else for days, long after it). */
    boolean aboutAcceptance;
    Model model;
    /** Its honest customers, once drawn. */
    Customers customers;
    /** What was drawn for it besides its customers, for sweeps. */
    final Map<String, Double> parameters = new LinkedHashMap<>();
    String maintenance;
    Scenario scenario;
    private final List<DeviceInventoryEvent> inventory = new ArrayList<>();
    private int nextInventory;
    private final Map<Integer, String> leases = new HashMap<>();
    private final Set<Integer> reportedLast = new HashSet<>();
    private final PriorityQueue<Delayed> delayed =
        new PriorityQueue<>(Comparator.comparingLong(Delayed::release).thenComparingLong(Delayed::seq));
    private long seq;

    Center(String id, int devices, LocalDate periodStart, LocalDate periodEnd, SplittableRandom r) {
      this.id = id;
      this.devices = devices;
      this.periodStart = periodStart;
      this.periodEnd = periodEnd;
      uuids = new String[devices];
      serials = new String[devices];
      memoryMib = new Double[devices];
      boolean reportsMemory = r.nextDouble() < 0.7;
      for (int d = 0; d < devices; d++) {
        uuids[d] = "GPU-" + id + "-" + d;
        serials[d] = "SN-" + id + "-" + d;
        memoryMib[d] = reportsMemory ? H800_MIB : null;
      }
      lateShare = r.nextDouble() < 0.3 ? 0.02 + 0.28 * r.nextDouble() : 0;
      duplicateShare = r.nextDouble() < 0.3 ? 0.01 + 0.04 * r.nextDouble() : 0;
      profiling = r.nextDouble() < 0.7;
    }

    /** Draws the center's honest customers. */
    Customers customers(SplittableRandom r) {
      customers = new Customers(this, r);
      return customers;
    }

    long dayStart(LocalDate day) {
      return day.atStartOfDay().toInstant(CST).toEpochMilli();
    }

    void record(int d, InventoryAction action, long time) {
      inventory.add(DeviceInventoryEvent.newBuilder().setCenter(id).setDeviceUuid(uuids[d]).setSerial(serials[d])
          .setAction(action).setEventTime(Instant.ofEpochMilli(time)).build());
    }

    void label(boolean honest, String family, String description, Map<String, Long> expected, Set<String> alsoTrue) {
      String text = maintenance == null ? description : description + "; " + maintenance;
      Map<String, Double> drawn = new LinkedHashMap<>();
      drawn.put("devices", (double) devices);
      if (customers != null) {
        drawn.put("mean_tenure_days", customers.meanTenureDays);
        drawn.put("mean_gap_days", customers.meanGapDays);
      }
      drawn.putAll(parameters);
      scenario = new Scenario(id, family, text, honest, expected, alsoTrue, drawn);
    }

    /**
     * This center's records of the window starting at {@code ws} (each window from its first to its
     * last, as {@link #run} calls it); returns the samples made.
     */
    long window(long ws, Sink out) {
      while (nextInventory < inventory.size()
          && inventory.get(nextInventory).getEventTime().toEpochMilli() < ws + WINDOW) {
        out.inventory(inventory.get(nextInventory++));
      }
      long made = 0;
      reportedLast.clear();
      for (int d = 0; d < devices; d++) {
        SplittableRandom r = new SplittableRandom(seed * 31 + id.hashCode() * 1_000_003L + d * 7919L + ws);
        DeviceBehaviour b = model.at(d, ws, r);
        if (!b.reports()) {
          continue;
        }
        reportedLast.add(d);
        if (!Objects.equals(leases.get(d), b.lease())) {
          if (leases.get(d) != null) {
            out.lease(lease(d, leases.get(d), LeaseAction.END, ws));
          }
          if (b.lease() != null) {
            out.lease(lease(d, b.lease(), LeaseAction.START, ws));
          }
          leases.put(d, b.lease());
        }
        long offset = (10_000 + d * 7_000L) % cadence;
        for (long t = ws + offset; t < ws + WINDOW; t += cadence) {
          GpuSample s = SampleValues.sample(id, uuids[d], d, t, b, profiling, r, cardModel, memoryMib[d]);
          long release = lateShare > 0 && r.nextDouble() < lateShare ? t + 1_000 + r.nextLong(119_000) : t;
          delayed.add(new Delayed(release, seq++, s));
          if (duplicateShare > 0 && r.nextDouble() < duplicateShare) {
            delayed.add(new Delayed(release + 1, seq++, s));
          }
          made++;
        }
      }
      flush(ws + WINDOW, out);
      return made;
    }

    /**
     * The end of this center's records: the cards still reporting are recorded as removed, so that
     * the end of the observation is not read as silence while other centers go on.
     */
    void end(Sink out) {
      flush(Long.MAX_VALUE, out);
      for (int d : new TreeSet<>(reportedLast)) {
        out.inventory(DeviceInventoryEvent.newBuilder().setCenter(id).setDeviceUuid(uuids[d]).setSerial(serials[d])
            .setAction(InventoryAction.REMOVED).setEventTime(Instant.ofEpochMilli(to - 1)).build());
      }
    }

    void flush(long until, Sink out) {
      while (!delayed.isEmpty() && delayed.peek().release() < until) {
        out.sample(delayed.poll().sample());
      }
    }

    private LeaseEvent lease(int d, String tenant, LeaseAction action, long time) {
      return LeaseEvent.newBuilder().setCenter(id).setDeviceUuid(uuids[d]).setTenant(tenant).setAction(action)
          .setEventTime(Instant.ofEpochMilli(time)).build();
    }
  }
}
