package org.litmeter.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.litmeter.detect.AcceptancePeriods;
import org.litmeter.detect.CardMemory;
import org.litmeter.detect.CenterDetectors;
import org.litmeter.detect.DeviceIdentityDetector;
import org.litmeter.rates.DeviceHistory;
import org.litmeter.rates.DeviceKeys;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.DeviceWindowAccumulator;
import org.litmeter.rates.RateRules;
import org.litmeter.rates.Reading;
import org.litmeter.rates.Resolution;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseEvent;

/**
 * The rates job's detection path in one thread, for judging the detectors on populations of
 * hundreds of centers in minutes: the same device verdicts ({@link RateRules#closeDeviceWindow}),
 * the same per-center detectors driven as {@code DetectionFunction} drives them ({@link
 * CenterDetectors}), and the same identity checks per device ({@link DeviceIdentityDetector}), under
 * the job's watermark (the highest event time seen less the out-of-orderness) and window clock.
 * Samples for a window that has closed are left out, as the live job leaves them to restatement.
 * What it skips is plumbing: Kafka, validation of malformed records, rollups and sinks. {@code
 * ./litmeter evaluate --pipeline} runs the real job instead.
 */
public final class DetectorReplay {

  private final RatesJobConfig config;
  private final WindowClock clock;
  private final Consumer<Alert> alerts;
  private final Map<String, long[]> periods = new HashMap<>();
  /** Open windows: start to device key to its accumulator. */
  private final TreeMap<Long, Map<String, DeviceWindowAccumulator>> open = new TreeMap<>();
  private final Map<String, DeviceHistory> histories = new HashMap<>();
  /** Inventory changes, applied when their window closes: window start to center to changes. */
  private final TreeMap<Long, Map<String, List<DeviceInventoryEvent>>> inventory = new TreeMap<>();
  private final Map<String, CenterDetectors> centers = new HashMap<>();
  /** Each center's quiet timer, and the timers by time. */
  private final Map<String, Long> quietAt = new HashMap<>();
  private final TreeMap<Long, List<String>> quietTimers = new TreeMap<>();
  private final Map<String, DeviceIdentityDetector> identities = new HashMap<>();
  private final Map<String, Double> powerMinByModel = new HashMap<>();
  private final CardMemory cardMemory = CardMemory.catalogue();
  private long maxEventTime = Long.MIN_VALUE;
  private long watermark = Long.MIN_VALUE;
  private long samples;
  private long tooLate;

  public DetectorReplay(RatesJobConfig config, Consumer<Alert> alerts) {
    this.config = config;
    this.clock = new WindowClock(config.allowedLateness().toMillis());
    this.alerts = alerts;
    // alerts are copied with Avro's builders, which instantiate only trusted classes
    AvroCodec.trustLitmeterClasses();
  }

  public void registration(CenterRegistration r) {
    periods.put(r.getCenterId(), AcceptancePeriods.of(r, config.dayOffset()));
  }

  public void inventory(DeviceInventoryEvent e) {
    long time = e.getEventTime().toEpochMilli();
    history(e.getCenter(), e.getDeviceUuid()).addInventory(e.getAction(), time);
    inventory.computeIfAbsent(windowStart(time), w -> new HashMap<>())
        .computeIfAbsent(e.getCenter(), c -> new ArrayList<>()).add(e);
    identity(e.getDeviceUuid()).onInventory(e.getDeviceUuid(), e.getCenter(), e.getAction(), e.getSerial(), time)
        .forEach(alerts);
    advance(time);
  }

  public void lease(LeaseEvent e) {
    long time = e.getEventTime().toEpochMilli();
    history(e.getCenter(), e.getDeviceUuid()).addLease(e.getAction(), time, e.getTenant());
    advance(time);
  }

  public void sample(GpuSample s) {
    long time = s.getEventTime().toEpochMilli();
    long windowStart = windowStart(time);
    if (cardMemory.exceeds(s.getModel(), s.getFbTotalMib())) {
      identity(s.getDeviceUuid()).onOversizedMemory(s.getDeviceUuid(), s.getCenter(), s.getModel(),
          s.getFbTotalMib(), cardMemory.nominalMib(s.getModel()), time).forEach(alerts);
    }
    if (clock.closeTime(windowStart + Resolution.BASE_MILLIS) <= watermark) {
      tooLate++;
      return;
    }
    samples++;
    Reading r = Reading.of(s, powerMinByModel.computeIfAbsent(s.getModel(), config.thresholds()::powerMinWatts));
    open.computeIfAbsent(windowStart, w -> new HashMap<>())
        .computeIfAbsent(r.deviceKey, k -> new DeviceWindowAccumulator()).add(r);
    advance(time);
  }

  /** Closes every window still open: the end of a bounded input, which says nothing about silence. */
  public void finish() {
    watermark = Long.MAX_VALUE;
    while (!open.isEmpty() || !inventory.isEmpty()) {
      closeWindow(nextWindow());
    }
  }

  /** Samples taken into windows, and samples left out because their window had closed. */
  public long samples() {
    return samples;
  }

  public long tooLate() {
    return tooLate;
  }

  private void advance(long eventTime) {
    if (eventTime <= maxEventTime) {
      return;
    }
    maxEventTime = eventTime;
    watermark = eventTime - config.outOfOrderness().toMillis() - 1;
    while (true) {
      long next = nextWindow();
      long quiet = quietTimers.isEmpty() ? Long.MAX_VALUE : quietTimers.firstKey();
      if (quiet < Long.MAX_VALUE && quiet <= watermark && (next == Long.MAX_VALUE
          || quiet < clock.closeTime(next + Resolution.BASE_MILLIS))) {
        fireQuietTimers(quiet);
      } else if (next != Long.MAX_VALUE && clock.closeTime(next + Resolution.BASE_MILLIS) <= watermark) {
        closeWindow(next);
      } else {
        return;
      }
    }
  }

  private long nextWindow() {
    return Math.min(open.isEmpty() ? Long.MAX_VALUE : open.firstKey(),
        inventory.isEmpty() ? Long.MAX_VALUE : inventory.firstKey());
  }

  /** The quiet timers due at {@code time}: centers silent for a grace period after their last window. */
  private void fireQuietTimers(long time) {
    for (String center : new TreeSet<>(quietTimers.remove(time))) {
      quietAt.remove(center);
      center(center).onQuiet(center, time, config.detectors()).forEach(alerts);
    }
  }

  private void closeWindow(long windowStart) {
    long windowEnd = windowStart + Resolution.BASE_MILLIS;
    Map<String, List<DeviceWindow>> byCenter = new LinkedHashMap<>();
    Map<String, DeviceWindowAccumulator> devices = open.remove(windowStart);
    if (devices != null) {
      for (Map.Entry<String, DeviceWindowAccumulator> e : new TreeMap<>(devices).entrySet()) {
        String center = DeviceKeys.center(e.getKey());
        String device = DeviceKeys.device(e.getKey());
        DeviceHistory h = histories.computeIfAbsent(e.getKey(), k -> new DeviceHistory());
        DeviceWindow w = RateRules.closeDeviceWindow(center, device, windowStart, e.getValue(), h,
            config.thresholds());
        h.forgetBefore(windowEnd);
        byCenter.computeIfAbsent(center, c -> new ArrayList<>()).add(w);
        if (w.racked) {
          identity(device).onWindow(device, center, windowStart, windowEnd).forEach(alerts);
        }
      }
    }
    Map<String, List<DeviceInventoryEvent>> changes = inventory.remove(windowStart);
    SortedSet<String> touched = new TreeSet<>(byCenter.keySet());
    if (changes != null) {
      touched.addAll(changes.keySet());
    }
    for (String center : touched) {
      CenterDetectors d = center(center);
      List<DeviceInventoryEvent> due = changes == null ? null : changes.get(center);
      if (due != null) {
        due.sort(Comparator.comparing(DeviceInventoryEvent::getEventTime));
        for (DeviceInventoryEvent c : due) {
          d.onInventory(c.getDeviceUuid(), c.getAction(), c.getEventTime().toEpochMilli()).forEach(alerts);
        }
      }
      List<DeviceWindow> windows = byCenter.get(center);
      if (windows == null) {
        continue;
      }
      d.onWindow(center, windowStart, Resolution.DAY.windowStart(windowStart, config.dayOffset()), windows,
          periods.get(center), config.detectors()).forEach(alerts);
      Long previous = quietAt.remove(center);
      if (previous != null) {
        List<String> sameTime = quietTimers.get(previous);
        sameTime.remove(center);
        if (sameTime.isEmpty()) {
          quietTimers.remove(previous);
        }
      }
      if (watermark != Long.MAX_VALUE) {
        long quiet = windowEnd + config.detectors().vanishGrace().toMillis();
        quietAt.put(center, quiet);
        quietTimers.computeIfAbsent(quiet, t -> new ArrayList<>()).add(center);
      }
    }
  }

  private CenterDetectors center(String center) {
    return centers.computeIfAbsent(center, c -> new CenterDetectors());
  }

  private DeviceIdentityDetector identity(String device) {
    return identities.computeIfAbsent(device, d -> new DeviceIdentityDetector());
  }

  private DeviceHistory history(String center, String device) {
    return histories.computeIfAbsent(DeviceKeys.of(center, device), k -> new DeviceHistory());
  }

  private static long windowStart(long time) {
    return Math.floorDiv(time, Resolution.BASE_MILLIS) * Resolution.BASE_MILLIS;
  }
}
