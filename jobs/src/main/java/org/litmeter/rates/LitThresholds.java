package org.litmeter.rates;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a racked device counts as lit: its real-work signal over the window passes a threshold.
 *
 * <ul>
 *   <li>With SM activity (DCGM profiling): mean SM activity at least {@code smActiveMin}. Default
 *       0.05: a spin kernel that keeps GPU utilization at 100% occupies one SM of 108 (A100) or
 *       132 (H100), about 0.01; real training and inference keep many SMs busy.
 *   <li>Without it: mean GPU utilization at least {@code gpuUtilMin} percent (default 10) and mean
 *       power at least the model's idle threshold (default 100 W, above the 50-90 W an idle A100,
 *       H100, H800 or Ascend 910B draws; overrides by a word of the model name: 30 W for the 70 W L4 and T4). A device
 *       that reports neither SM activity nor power is not counted lit: utilization alone is too
 *       easy to fake.
 * </ul>
 */
public final class LitThresholds implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_SM_ACTIVE_MIN = 0.05;
  public static final double DEFAULT_GPU_UTIL_MIN = 10.0;
  public static final double DEFAULT_POWER_MIN_WATTS = 100.0;

  private final double smActiveMin;
  private final double gpuUtilMin;
  private final double powerMinWatts;
  private final boolean powerRequired;
  /** Lower-case model-name word (e.g. "l4" in "NVIDIA L4") to the minimum power of that model. */
  private final TreeMap<String, Double> powerMinByModel;

  /**
   * @param powerRequired without SM activity, whether power must be reported too; false only for
   *     fleets whose exporters report utilization alone (a weaker signal, e.g. replayed traces)
   */
  public LitThresholds(double smActiveMin, double gpuUtilMin, double powerMinWatts,
      Map<String, Double> powerMinByModel, boolean powerRequired) {
    this.smActiveMin = smActiveMin;
    this.gpuUtilMin = gpuUtilMin;
    this.powerMinWatts = powerMinWatts;
    this.powerRequired = powerRequired;
    this.powerMinByModel = new TreeMap<>();
    powerMinByModel.forEach((model, watts) -> this.powerMinByModel.put(model.toLowerCase(Locale.ROOT), watts));
  }

  public static LitThresholds defaults() {
    return new LitThresholds(DEFAULT_SM_ACTIVE_MIN, DEFAULT_GPU_UTIL_MIN, DEFAULT_POWER_MIN_WATTS,
        Map.of("L4", 30.0, "T4", 30.0), true);
  }

  /** The same thresholds, counting devices that report utilization but no power. */
  public LitThresholds withoutPowerRequired() {
    return new LitThresholds(smActiveMin, gpuUtilMin, powerMinWatts, powerMinByModel, false);
  }

  public double smActiveMin() {
    return smActiveMin;
  }

  public double gpuUtilMin() {
    return gpuUtilMin;
  }

  /** The power a device of this model must draw on average to count as working. */
  public double powerMinWatts(String model) {
    if (model != null && !powerMinByModel.isEmpty()) {
      for (String word : model.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        Double watts = powerMinByModel.get(word);
        if (watts != null) {
          return watts;
        }
      }
    }
    return powerMinWatts;
  }

  /**
   * The lit rule on a device's window means; NaN means the device did not report that signal.
   * {@code powerMinWatts} is {@link #powerMinWatts(String)} of the device's model.
   */
  public boolean isLit(double meanSmActive, double meanGpuUtil, double meanPowerW, double powerMinWatts) {
    if (!Double.isNaN(meanSmActive)) {
      return meanSmActive >= smActiveMin;
    }
    if (Double.isNaN(meanGpuUtil) || meanGpuUtil < gpuUtilMin) {
      return false;
    }
    return Double.isNaN(meanPowerW) ? !powerRequired : meanPowerW >= powerMinWatts;
  }

  @Override
  public String toString() {
    return "sm_active >= " + smActiveMin + ", else gpu_util >= " + gpuUtilMin + " and power >= "
        + powerMinWatts + " W (by model: " + powerMinByModel + ")" + (powerRequired ? "" : ", power optional");
  }
}
