package org.litmeter.rates;

import java.util.Arrays;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;

/**
 * The long-lived facts about one device that decide whether its windows count: its inventory
 * changes (in or out of service) and its leases. Events are kept in
 * event-time order; {@link #forgetBefore(long)} drops what no open window can need, keeping the
 * state as of that time, so the history stays a few entries long. It also remembers the device's
 * last closed window for {@link #CONTINUITY}, so that the next one can tell a dropout, the start of
 * an error episode and a reset of the energy counter ({@link RateRules#closeDeviceWindow}).
 */
public class DeviceHistory {

  /** How long a device's last window is remembered: a longer silence is an outage, not a dropout. */
  public static final long CONTINUITY = 24 * 3_600_000L;
  public static final long NONE = Long.MIN_VALUE;

  public long[] inventoryTimes = new long[0];
  /** Per inventory event: does it put the device out of service (removed, failed)? */
  public boolean[] outOfService = new boolean[0];
  public long[] leaseTimes = new long[0];
  /** Per lease event: does a lease start (true) or end (false)? */
  public boolean[] leaseStarts = new boolean[0];
  /** Per lease event: the tenant. */
  public String[] leaseTenants = new String[0];
  /** Start of the device's last closed window, or {@link #NONE}. */
  public long lastWindowStart = NONE;
  public boolean lastWindowRacked;
  /** Whether a sample of the last closed window reported an error. */
  public boolean lastWindowErroring;
  /** The energy counter of the device's latest sample that reported one, or {@link Reading#NO_ENERGY}. */
  public long lastEnergyMj = Reading.NO_ENERGY;
  /** When the timer that looks whether the last window can be forgotten fires; 0 when none is set. */
  public long continuityTimer;

  public DeviceHistory() {}

  /** The start of the last closed window if a window starting at {@code windowStart} still compares with it, else {@link #NONE}. */
  public long previousWindowWithin(long windowStart) {
    return lastWindowStart != NONE && windowStart - lastWindowStart <= CONTINUITY ? lastWindowStart : NONE;
  }

  /** Records the window just closed, for the next one. */
  public void rememberWindow(long windowStart, boolean racked, boolean erroring, long lastEnergyMj) {
    this.lastWindowStart = windowStart;
    this.lastWindowRacked = racked;
    this.lastWindowErroring = erroring;
    this.lastEnergyMj = lastEnergyMj;
  }

  /** Forgets the last closed window, once no window that could compare with it is still open. */
  public void forgetLastWindow() {
    rememberWindow(NONE, false, false, Reading.NO_ENERGY);
  }

  /** Whether an inventory event that changes service (kept since the last {@link #forgetBefore}) lies in [from, to). */
  public boolean inventoryChangedIn(long from, long to) {
    for (long t : inventoryTimes) {
      if (t >= from && t < to) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records an inventory event. Removed and failed take the device out of service; racked, powered
   * on and repaired put it back; delivered changes nothing (a delivered card that reports is racked).
   */
  public void addInventory(InventoryAction action, long time) {
    switch (action) {
      case REMOVED, FAILED -> insertInventory(time, true);
      case RACKED, POWERED_ON, REPAIRED -> insertInventory(time, false);
      default -> {
        // DELIVERED and UNKNOWN do not change whether the device is in service
      }
    }
  }

  public void addLease(LeaseAction action, long time, String tenant) {
    switch (action) {
      case START -> insertLease(time, true, tenant);
      case END -> insertLease(time, false, tenant);
      default -> {
        // an UNKNOWN action from a newer writer is ignored
      }
    }
  }

  /** Out of service at {@code time}: the last inventory event strictly before it was removed or failed. */
  public boolean outOfServiceAt(long time) {
    int i = lastIndexBefore(inventoryTimes, time, false);
    return i >= 0 && outOfService[i];
  }

  /** A lease covered some part of [start, end): active at {@code start}, or one started inside. */
  public boolean leasedDuring(long start, long end) {
    return tenantDuring(start, end) != null;
  }

  /** The tenant of the latest lease covering part of [start, end), or null when none did. */
  public String tenantDuring(long start, long end) {
    int atStart = lastIndexBefore(leaseTimes, start, true);
    String tenant = atStart >= 0 && leaseStarts[atStart] ? leaseTenants[atStart] : null;
    for (int i = atStart + 1; i < leaseTimes.length && leaseTimes[i] < end; i++) {
      if (leaseStarts[i]) {
        tenant = leaseTenants[i];
      }
    }
    return tenant;
  }

  /**
   * Drops events that no window starting at or after {@code time} needs, keeping the state as of
   * {@code time}; an in-service device or an ended lease is the same as no event at all.
   */
  public void forgetBefore(long time) {
    int keepInventory = lastIndexBefore(inventoryTimes, time, false);
    if (keepInventory >= 0 && !outOfService[keepInventory]) {
      keepInventory++;
    }
    keepInventory = Math.max(0, keepInventory);
    inventoryTimes = Arrays.copyOfRange(inventoryTimes, keepInventory, inventoryTimes.length);
    outOfService = Arrays.copyOfRange(outOfService, keepInventory, outOfService.length);
    int keepLease = lastIndexBefore(leaseTimes, time, false);
    if (keepLease >= 0 && !leaseStarts[keepLease]) {
      keepLease++;
    }
    keepLease = Math.max(0, keepLease);
    leaseTimes = Arrays.copyOfRange(leaseTimes, keepLease, leaseTimes.length);
    leaseStarts = Arrays.copyOfRange(leaseStarts, keepLease, leaseStarts.length);
    leaseTenants = Arrays.copyOfRange(leaseTenants, keepLease, leaseTenants.length);
  }

  public int eventCount() {
    return inventoryTimes.length + leaseTimes.length;
  }

  /** Index of the last time {@code < bound} (or {@code <= bound} when inclusive), -1 if none. */
  private static int lastIndexBefore(long[] times, long bound, boolean inclusive) {
    int i = times.length - 1;
    while (i >= 0 && (inclusive ? times[i] > bound : times[i] >= bound)) {
      i--;
    }
    return i;
  }

  private void insertInventory(long time, boolean out) {
    int at = lastIndexBefore(inventoryTimes, time, true) + 1;
    inventoryTimes = insert(inventoryTimes, at, time);
    outOfService = insert(outOfService, at, out);
  }

  /** At equal times an end goes before a start: a lease ending as another begins leaves the device leased. */
  private void insertLease(long time, boolean start, String tenant) {
    int at = lastIndexBefore(leaseTimes, time, start) + 1;
    leaseTimes = insert(leaseTimes, at, time);
    leaseStarts = insert(leaseStarts, at, start);
    String[] tenants = new String[leaseTenants.length + 1];
    System.arraycopy(leaseTenants, 0, tenants, 0, at);
    tenants[at] = tenant;
    System.arraycopy(leaseTenants, at, tenants, at + 1, leaseTenants.length - at);
    leaseTenants = tenants;
  }

  private static long[] insert(long[] a, int at, long v) {
    long[] b = new long[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
  }

  private static boolean[] insert(boolean[] a, int at, boolean v) {
    boolean[] b = new boolean[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
  }
}
