package org.litmeter.ingest.sim;

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

  SimulatedDevice(String center, String uuid, String serial, String host, int index, String model, String vendor,
      boolean profiling, boolean kubernetes, boolean spinner, long rackedAt, long outAt, InventoryAction outAction,
      long backAt, InventoryAction backAction, long staleUntil, List<Lease> leases) {
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
    return time < outAt || time < staleUntil || time >= backAt;
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
