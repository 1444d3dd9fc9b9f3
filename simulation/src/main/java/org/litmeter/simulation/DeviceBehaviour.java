package org.litmeter.simulation;

/**
 * What one device does in one five-minute window, in a simulated fleet or a labelled center.
 *
 * @param reports whether its exporter sends samples
 * @param work 0 idle, 1 real work, 2 spin kernel (utilization pegged, SMs and power idle), 3 flat synthetic load,
 *     4 scripted load: the same utilization curve on every device at once, 5 a large training job
 * @param lease the tenant leasing it, or null
 * @param level the utilization a flat load holds, or the middle of a scripted curve
 * @param jitter how far a flat load wanders above its level (points)
 */
public record DeviceBehaviour(boolean reports, int work, String lease, double level, double jitter) {

  public static final int IDLE = 0;
  public static final int WORK = 1;
  public static final int SPIN = 2;
  public static final int FLAT = 3;
  public static final int SCRIPTED = 4;
  public static final int TRAINING = 5;

  public DeviceBehaviour(boolean reports, int work, String lease) {
    this(reports, work, lease, work == SCRIPTED ? 60 : 75, 0);
  }

  public static DeviceBehaviour silent() {
    return new DeviceBehaviour(false, IDLE, null);
  }
}
