package org.litmeter.simulation;

import java.time.Instant;
import java.util.SplittableRandom;
import org.litmeter.schema.GpuSample;

/**
 * The telemetry a device reports for what it does ({@link DeviceBehaviour}): one set of value
 * ranges for the simulated fleet and every labelled center, honest or not. Real work moves SMs and
 * power with utilization; a spin kernel pegs utilization at idle SMs and power; synthetic load is
 * flat, or the same curve on every device at once.
 */
public final class SampleValues {

  public static final long HOUR = 3_600_000L;
  public static final long WINDOW = 300_000L;

  /** Utilization (%), SM activity (0-1) and power (W) of one sample. */
  public record Activity(double util, double sm, double power) {}

  private SampleValues() {}

  public static GpuSample sample(String center, String uuid, int d, long t, DeviceBehaviour b, boolean profiling,
      SplittableRandom r) {
    return sample(center, uuid, d, t, b, profiling, r, "NVIDIA H800", null);
  }

  /**
   * @param memoryMib the framebuffer the card reports in all, or null when its exporter does not say
   */
  public static GpuSample sample(String center, String uuid, int d, long t, DeviceBehaviour b, boolean profiling,
      SplittableRandom r, String model, Double memoryMib) {
    Activity a = activity(b, t, r);
    return GpuSample.newBuilder().setCenter(center).setHost(center + "-node" + d / 8).setDeviceUuid(uuid)
        .setDeviceIndex(d % 8).setVendor("nvidia").setModel(model).setEventTime(Instant.ofEpochMilli(t))
        .setGpuUtil(a.util()).setSmActive(profiling ? a.sm() : null).setPowerW(a.power()).setFbTotalMib(memoryMib)
        .setSource("scenario").build();
  }

  /** What a device doing {@code b} at {@code t} reports, drawing from {@code r} what the behaviour needs. */
  public static Activity activity(DeviceBehaviour b, long t, SplittableRandom r) {
    double util;
    double sm;
    double power;
    switch (b.work()) {
      case DeviceBehaviour.WORK -> {
        util = 55 + 45 * r.nextDouble();
        sm = 0.3 + 0.6 * r.nextDouble();
        power = 250 + 350 * r.nextDouble();
      }
      case DeviceBehaviour.TRAINING -> {
        // a large training job: utilization near 100% with the dips of data loading and all-reduce
        util = 90 + 10 * r.nextDouble();
        sm = 0.45 + 0.45 * r.nextDouble();
        power = 450 + 200 * r.nextDouble();
      }
      case DeviceBehaviour.SPIN -> {
        util = 99 + r.nextDouble();
        sm = 0.005 + 0.007 * r.nextDouble();
        power = 80 + 15 * r.nextDouble();
      }
      case DeviceBehaviour.FLAT -> {
        util = b.level() + b.jitter() * r.nextDouble();
        sm = 0.5;
        power = 300;
      }
      case DeviceBehaviour.SCRIPTED -> {
        long windowStart = Math.floorDiv(t, WINDOW) * WINDOW;
        util = b.level() + 25 * Math.sin(2 * Math.PI * windowStart / (2.0 * HOUR));
        sm = util / 150;
        power = 150 + 3 * util;
      }
      default -> {
        util = 3 * r.nextDouble();
        sm = 0.02 * r.nextDouble();
        power = 55 + 25 * r.nextDouble();
      }
    }
    return new Activity(util, sm, power);
  }
}
