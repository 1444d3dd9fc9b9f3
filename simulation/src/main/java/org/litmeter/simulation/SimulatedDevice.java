package org.litmeter.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.litmeter.schema.InventoryAction;

/**
 * One simulated accelerator's fixed life: when it was racked, whether and when it leaves service
 * (removed or failed) and comes back, whether its exporter keeps sending stale samples after it
 * left, its leases, and its kind (profiling fields on or off, Kubernetes labels, a spin-kernel sham).
 */
final class SimulatedDevice {

  /** A lease [start, end) to a tenant. */
  record Lease(long start, long end, String tenant) {}

  /**
   * A crash at {@code at}: the device reports {@code errorCode} from {@code errorFrom}, is silent
   * from {@code at} until {@code restart}, and comes back with its energy counter restarted.
   */
  record Crash(long errorFrom, long at, long restart, long errorCode) {}

  /** The energy counter before the first restart: the driver has been loaded for a long time. */
  private static final long ENERGY_AT_RACKING_MJ = 1_000_000_000_000L;
  /** The counter's rate: 300 W, in millijoules per millisecond. */
  private static final long MJ_PER_MS = 300;

  static final long NEVER = Long.MAX_VALUE;

  final String center;
  final String uuid;
  final String serial;
  final String host;
  final int index;
  final String model;
  final String vendor;
  final boolean profiling;
  final boolean kubernetes;
  final boolean spinner;
  final long rackedAt;
  final long outAt;
  final InventoryAction outAction;
  final long backAt;
  final InventoryAction backAction;
  final long staleUntil;
  final List<Lease> leases;
  final List<Crash> crashes;

  SimulatedDevice(String center, String uuid, String serial, String host, int index, String model, String vendor,
      boolean profiling, boolean kubernetes, boolean spinner, long rackedAt, long outAt, InventoryAction outAction,
      long backAt, InventoryAction backAction, long staleUntil, List<Lease> leases, List<Crash> crashes) {
    this.center = center;
    this.uuid = uuid;
    this.serial = serial;
    this.host = host;
    this.index = index;
    this.model = model;
    this.vendor = vendor;
    this.profiling = profiling;
    this.kubernetes = kubernetes;
    this.spinner = spinner;
    this.rackedAt = rackedAt;
    this.outAt = outAt;
    this.outAction = outAction;
    this.backAt = backAt;
    this.backAction = backAction;
    this.staleUntil = staleUntil;
    this.leases = leases;
    this.crashes = crashes;
  }

  /** NVIDIA's "GPU has fallen off the bus", what a card about to fail typically reports. */
  static final int XID_FALLEN_OFF_THE_BUS = 79;

  /** The error code its samples carry at {@code time}: a failing card's XID, a crash's code, else 0. */
  long xidAt(long time) {
    return fallingOffTheBusAt(time) ? XID_FALLEN_OFF_THE_BUS : errorCodeAt(time);
  }

  /** The error code the device reports at {@code time}: a crash's shortly before it, else 0. */
  long errorCodeAt(long time) {
    for (Crash crash : crashes) {
      if (crash.errorFrom() <= time && time < crash.at()) {
        return crash.errorCode();
      }
    }
    return 0;
  }

  /** The energy counter at {@code time}: counting since racking, or since the latest restart. */
  long energyAt(long time) {
    long restart = Long.MIN_VALUE;
    for (Crash crash : crashes) {
      if (crash.restart() <= time) {
        restart = crash.restart();
      }
    }
    return restart == Long.MIN_VALUE ? ENERGY_AT_RACKING_MJ + (time - rackedAt) * MJ_PER_MS
        : (time - restart) * MJ_PER_MS;
  }

  /**
   * Crashes at {@code perDay} per device-day (a Poisson process), at least two hours apart: errors
   * for 5 to 20 minutes, then silence for 10 to 90 minutes.
   */
  static List<Crash> crashes(SplittableRandom rng, long from, long to, double perDay, long errorCode) {
    List<Crash> crashes = new ArrayList<>();
    if (perDay <= 0) {
      return crashes;
    }
    long minute = 60_000L;
    long t = from;
    while (true) {
      t += Math.max(120 * minute, (long) (-Math.log(1 - rng.nextDouble()) / perDay * 1440 * minute));
      if (t >= to) {
        return crashes;
      }
      crashes.add(new Crash(t - rng.nextLong(5, 21) * minute, t, t + rng.nextLong(10, 91) * minute, errorCode));
    }
  }

  /** Whether a device about to fail reports its XID error at {@code time}: in the hour before it fails. */
  boolean fallingOffTheBusAt(long time) {
    return outAction == InventoryAction.FAILED && outAt != NEVER && time >= outAt - 3_600_000L && time < outAt;
  }

  /** Whether its exporter sends a sample at {@code time}. */
  boolean reportsAt(long time) {
    if (time < rackedAt) {
      return false;
    }
    for (Crash crash : crashes) {
      if (crash.at() <= time && time < crash.restart()) {
        return false;
      }
    }
    return time < outAt || time < staleUntil || time >= backAt;
  }

  /** Whether an inventory event that changes service (racked, out, back) lies in [from, to). */
  boolean inventoryChangedIn(long from, long to) {
    return (rackedAt >= from && rackedAt < to) || (outAt != NEVER && outAt >= from && outAt < to)
        || (backAt != NEVER && backAt >= from && backAt < to);
  }

  /** In service at {@code time}: the last inventory event strictly before it does not take it out. */
  boolean inServiceAt(long time) {
    return !(outAt < time && time <= backAt);
  }

  /** The tenant leasing it at {@code time}, or null. */
  String tenantAt(long time) {
    for (Lease lease : leases) {
      if (lease.start() <= time && time < lease.end()) {
        return lease.tenant();
      }
    }
    return null;
  }

  boolean leasedDuring(long start, long end) {
    return tenantDuring(start, end) != null;
  }

  /** The tenant of the latest lease covering part of [start, end), or null. */
  String tenantDuring(long start, long end) {
    String tenant = null;
    for (Lease lease : leases) {
      if (lease.start() < end && lease.end() > start) {
        tenant = lease.tenant();
      }
    }
    return tenant;
  }

  /** Leases back to back with at least a minute between them, from shortly before the start to the end. */
  static List<Lease> leases(SplittableRandom rng, long from, long to, List<String> tenants) {
    List<Lease> leases = new ArrayList<>();
    long minute = 60_000L;
    long t = from - rng.nextLong(0, 6 * 60 * minute);
    while (t < to) {
      long gap = rng.nextLong(1, 4 * 60) * minute;
      long length = rng.nextLong(30, 8 * 60) * minute;
      long start = t + gap;
      if (rng.nextDouble() < 0.7) {
        leases.add(new Lease(start, start + length, tenants.get(rng.nextInt(tenants.size()))));
      }
      t = start + length;
    }
    return leases;
  }
}
