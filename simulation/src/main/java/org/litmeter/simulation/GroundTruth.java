package org.litmeter.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the simulator decided, to compare the pipeline's output with: per center and
 * five-minute window the planned, racked, lit and occupied devices, and how many inputs of each
 * kind the job must set aside as dead letters.
 */
public final class GroundTruth {

  private final Map<String, TreeMap<Long, long[]>> windows = new HashMap<>();
  /** The same with every valid sample counted, in time or not: what a restatement must give. */
  private final Map<String, TreeMap<Long, long[]>> windowsWithEverySample = new HashMap<>();
  /** By slice of a center (its key: center, NUL, slice label): the same, for each model and tenant. */
  private final Map<String, TreeMap<Long, long[]>> sliceWindows = new HashMap<>();
  private final Map<String, TreeMap<Long, long[]>> sliceWindowsWithEverySample = new HashMap<>();
  private final Map<String, Integer> planned = new HashMap<>();
  private final Map<String, String[]> places = new HashMap<>();
  private final Map<String, Long> expectedDeadLetters = new TreeMap<>();
  private long validSamples;
  private long duplicates;

  private static final int RACKED = 0;
  private static final int LIT = 1;
  private static final int OCCUPIED = 2;
  private static final int SAMPLES = 3;
  private static final int UNRACKED = 4;
  private static final int ERRORING = 5;
  private static final int ERROR_ONSETS = 6;
  private static final int DROPOUTS = 7;
  private static final int SILENT = 8;
  private static final int RESETS = 9;
  /** Slots 10 to 15: erroring device-windows by class (application, memory, interconnect, hardware, firmware, unlisted). */
  private static final int BY_CLASS = 10;
  static final int CLASSES = 6;
  private static final int COUNTS = BY_CLASS + CLASSES;

  /**
   * One device's stability in one window: it reported an error, an error episode began, it came
   * back from a dropout after {@code silentWindows} silent windows, its energy counter went back
   * {@code resets} times. All false or zero unless the device was racked.
   */
  record Stability(boolean erroring, int errorClass, boolean errorOnset, boolean dropout, long silentWindows,
      long resets) {}

  /**
   * The simulator's verdict on one device window: racked, lit, whose tenant it was (null when not
   * occupied), how many samples counted, and its stability.
   */
  record DeviceVerdict(String center, String vendor, String model, long windowStart, boolean racked, boolean lit,
      String tenant, long samples, Stability stability) {}

  void plan(String center, int plannedAccelerators, String province, String region) {
    planned.put(center, plannedAccelerators);
    places.put(center, new String[] {province, region});
  }

  /** Records one device's verdict in one window, counting the samples that arrived in time. */
  void device(DeviceVerdict v) {
    add(windows, sliceWindows, v);
  }

  /** Records one device's verdict in one window counting every valid sample it sent, in time or not. */
  void deviceWithEverySample(DeviceVerdict v) {
    add(windowsWithEverySample, sliceWindowsWithEverySample, v);
  }

  private static void add(Map<String, TreeMap<Long, long[]>> windows, Map<String, TreeMap<Long, long[]>> slices,
      DeviceVerdict v) {
    add(windows, v.center(), v);
    add(slices, v.center() + '\u0000' + "model " + v.vendor() + "/" + v.model(), v);
    if (v.racked() && v.tenant() != null) {
      add(slices, v.center() + '\u0000' + "tenant " + v.tenant(), v);
    }
  }

  private static void add(Map<String, TreeMap<Long, long[]>> windows, String key, DeviceVerdict v) {
    long[] w = windows.computeIfAbsent(key, c -> new TreeMap<>()).computeIfAbsent(v.windowStart(), s -> new long[COUNTS]);
    if (v.racked()) {
      Stability st = v.stability();
      w[RACKED]++;
      w[LIT] += v.lit() ? 1 : 0;
      w[OCCUPIED] += v.tenant() != null ? 1 : 0;
      w[SAMPLES] += v.samples();
      w[ERRORING] += st.erroring() ? 1 : 0;
      if (st.erroring()) {
        w[BY_CLASS + st.errorClass()]++;
      }
      w[ERROR_ONSETS] += st.errorOnset() ? 1 : 0;
      w[DROPOUTS] += st.dropout() ? 1 : 0;
      w[SILENT] += st.silentWindows();
      w[RESETS] += st.resets();
    } else {
      w[UNRACKED] += v.samples();
    }
  }

  void expectDeadLetter(String reason) {
    expectedDeadLetters.merge(reason, 1L, Long::sum);
  }

  void countValidSample() {
    validSamples++;
  }

  void countDuplicate() {
    duplicates++;
  }

  /** Every window in which a registered center sent counted samples, by center and time. */
  public List<WindowTruth> windows() {
    return windowsOf(windows);
  }

  /** The same per slice of a center ({@link WindowTruth#slice}): each model and each tenant. */
  public List<WindowTruth> sliceWindows() {
    return windowsOf(sliceWindows);
  }

  private List<WindowTruth> windowsOf(Map<String, TreeMap<Long, long[]>> windows) {
    List<WindowTruth> out = new ArrayList<>();
    windows.forEach((key, byStart) -> byStart.forEach((start, w) -> {
      String center = key.contains("\u0000") ? key.substring(0, key.indexOf('\u0000')) : key;
      out.add(new WindowTruth(center, start, planned.get(center), (int) w[RACKED], (int) w[LIT], (int) w[OCCUPIED],
          w[SAMPLES], w[UNRACKED], key.contains("\u0000") ? key.substring(key.indexOf('\u0000') + 1) : null,
          new WindowTruth.Stability(w[ERRORING], w[ERROR_ONSETS], w[DROPOUTS], w[SILENT], w[RESETS],
              java.util.Arrays.copyOfRange(w, BY_CLASS, COUNTS))));
    }));
    out.sort(Comparator.comparing(WindowTruth::center).thenComparingLong(WindowTruth::windowStart));
    return out;
  }

  public int planned(String center) {
    return planned.get(center);
  }

  public Map<String, Integer> plannedByCenter() {
    return Map.copyOf(planned);
  }

  public String province(String center) {
    return places.get(center)[0];
  }

  /** east or west. */
  public String region(String center) {
    return places.get(center)[1];
  }

  /**
   * Every rates row the pipeline must produce, computed here independently of the job: center
   * rows at 5 minutes, 1 hour and 1 day, and province, region and nation rows at all three. Days
   * start at midnight China Standard Time.
   */
  public Map<String, ExpectedRow> expectedRows() {
    return expectedRowsOf(windows());
  }

  /**
   * The rows a restatement must produce once every valid sample is stored: as {@link #expectedRows}
   * with the samples that reached the live job too late counted too.
   */
  public Map<String, ExpectedRow> expectedRowsWithEverySample() {
    return expectedRowsOf(windowsOf(windowsWithEverySample));
  }

  /**
   * Every row of the model and tenant slices the pipeline must produce ({@code litmeter.model_rates},
   * {@code litmeter.tenant_usage}), keyed as {@link #expectedRows} with the slice's label after a
   * space: {@code model <vendor>/<model>} or {@code tenant <tenant>}.
   */
  public Map<String, ExpectedRow> expectedSliceRows() {
    return expectedRowsOf(windowsOf(sliceWindows));
  }

  /** As {@link #expectedSliceRows}, with every valid sample counted, as a restatement must give them. */
  public Map<String, ExpectedRow> expectedSliceRowsWithEverySample() {
    return expectedRowsOf(windowsOf(sliceWindowsWithEverySample));
  }

  private Map<String, ExpectedRow> expectedRowsOf(List<WindowTruth> windows) {
    record Acc(java.util.Set<String> centers, java.util.Set<Long> windows, long[] sums) {}
    Map<String, Acc> accs = new TreeMap<>();
    Map<String, String[]> identity = new HashMap<>();
    for (WindowTruth w : windows) {
      String[][] scopes = {{"center", w.center()}, {"province", province(w.center())},
          {"region", region(w.center())}, {"nation", "national"}};
      for (String[] scope : scopes) {
        for (String resolution : new String[] {"5m", "1h", "1d"}) {
          long bucket = bucketStart(resolution, w.windowStart());
          String key = scope[0] + "/" + scope[1] + "/" + resolution + "/" + bucket
              + (w.slice() == null ? "" : " " + w.slice());
          identity.put(key, new String[] {scope[0], scope[1], resolution, Long.toString(bucket), w.slice()});
          Acc acc = accs.computeIfAbsent(key, k -> new Acc(new java.util.TreeSet<>(), new java.util.TreeSet<>(), new long[10 + CLASSES]));
          acc.centers().add(w.center());
          acc.windows().add(w.windowStart());
          acc.sums()[0] += w.racked();
          acc.sums()[1] += w.lit();
          acc.sums()[2] += w.occupied();
          acc.sums()[3] += w.samples();
          acc.sums()[4] += w.unrackedSamples();
          acc.sums()[5] += w.stability().erroring();
          acc.sums()[6] += w.stability().errorOnsets();
          acc.sums()[7] += w.stability().dropouts();
          acc.sums()[8] += w.stability().silentWindows();
          acc.sums()[9] += w.stability().resets();
          for (int c = 0; c < CLASSES; c++) {
            acc.sums()[10 + c] += w.stability().erroringByClass()[c];
          }
        }
      }
    }
    Map<String, ExpectedRow> rows = new TreeMap<>();
    accs.forEach((key, acc) -> {
      String[] id = identity.get(key);
      long plannedSum = 0;
      int centers = 0;
      for (String center : planned.keySet()) {
        boolean member = switch (id[0]) {
          case "center" -> center.equals(id[1]);
          case "province" -> province(center).equals(id[1]);
          case "region" -> region(center).equals(id[1]);
          default -> true;
        };
        if (member) {
          plannedSum += planned.get(center);
          centers++;
        }
      }
      rows.put(key, new ExpectedRow(id[0], id[1], id[2], Long.parseLong(id[3]), plannedSum, centers,
          acc.centers().size(), acc.windows().size(), acc.sums()[0], acc.sums()[1], acc.sums()[2], acc.sums()[3],
          acc.sums()[4], id[4], new WindowTruth.Stability(acc.sums()[5], acc.sums()[6], acc.sums()[7], acc.sums()[8],
          acc.sums()[9], java.util.Arrays.copyOfRange(acc.sums(), 10, 10 + CLASSES))));
    });
    return rows;
  }

  private static long bucketStart(String resolution, long time) {
    long size = ExpectedRow.lengthOf(resolution);
    long shift = resolution.equals("1d") ? 8 * 3_600_000L : 0;
    return Math.floorDiv(time + shift, size) * size - shift;
  }

  /** Dead letters the job must produce, by reason code. */
  public Map<String, Long> expectedDeadLetters() {
    return Map.copyOf(expectedDeadLetters);
  }

  /** Valid samples produced (in time or not), duplicates excluded. */
  public long validSamples() {
    return validSamples;
  }

  /** Extra copies of samples produced. */
  public long duplicates() {
    return duplicates;
  }
}
