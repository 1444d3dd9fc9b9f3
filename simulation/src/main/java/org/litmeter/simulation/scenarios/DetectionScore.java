package org.litmeter.simulation.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores the alerts a run raised against the labels of a scenario suite, per detector kind. The unit
 * is a (center, kind) pair: a true positive is an expected kind that fired at least once for its
 * center, a false negative one that never did, and a false positive a kind that fired for a center
 * where it was neither expected nor a true finding of the center's pattern ({@link
 * Scenario#alsoTrue}), however many alerts it raised there. The delay of a true positive is its
 * first detection time minus the time its pattern became visible.
 */
public final class DetectionScore {

  /** The figures of one detector kind, or of all of them. */
  public record KindScore(String kind, int truePositives, int falsePositives, int falseNegatives,
      List<Long> delaysMillis) {

    public double precision() {
      int fired = truePositives + falsePositives;
      return fired == 0 ? Double.NaN : (double) truePositives / fired;
    }

    public double recall() {
      int expected = truePositives + falseNegatives;
      return expected == 0 ? Double.NaN : (double) truePositives / expected;
    }

    public double meanDelayHours() {
      return delaysMillis.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 3_600_000.0;
    }

    public double medianDelayHours() {
      if (delaysMillis.isEmpty()) {
        return Double.NaN;
      }
      List<Long> sorted = delaysMillis.stream().sorted().toList();
      int n = sorted.size();
      double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
      return median / 3_600_000.0;
    }

    public double maxDelayHours() {
      return delaysMillis.stream().mapToLong(Long::longValue).max().stream()
          .mapToDouble(max -> max / 3_600_000.0).findFirst().orElse(Double.NaN);
    }
  }

  private final Map<String, KindScore> byKind;
  private final KindScore overall;
  private final List<String> honestFalseAlarms;
  private final List<String> misses;
  private final Set<Scenario> missed;
  private final Set<Scenario> honestAlerted;
  private final long honestCenters;

  private DetectionScore(Map<String, KindScore> byKind, KindScore overall, List<String> honestFalseAlarms,
      List<String> misses, Set<Scenario> missed, Set<Scenario> honestAlerted, long honestCenters) {
    this.byKind = byKind;
    this.overall = overall;
    this.honestFalseAlarms = honestFalseAlarms;
    this.misses = misses;
    this.missed = missed;
    this.honestAlerted = honestAlerted;
    this.honestCenters = honestCenters;
  }

  public static DetectionScore of(List<Scenario> scenarios, List<FiredAlert> alerts) {
    Map<String, Scenario> byCenter = new TreeMap<>();
    scenarios.forEach(s -> byCenter.put(s.center(), s));
    // first detection per (center, kind), for the scenarios' centers only
    Map<String, Map<String, Long>> first = new TreeMap<>();
    for (FiredAlert a : alerts) {
      if (byCenter.containsKey(a.center())) {
        first.computeIfAbsent(a.center(), c -> new TreeMap<>()).merge(a.kind(), a.detectedAt(), Math::min);
      }
    }
    Set<String> kinds = new TreeSet<>();
    scenarios.forEach(s -> kinds.addAll(s.expected().keySet()));
    first.values().forEach(m -> kinds.addAll(m.keySet()));

    Map<String, KindScore> byKind = new TreeMap<>();
    List<String> honestFalseAlarms = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    Set<Scenario> missed = new LinkedHashSet<>();
    Set<Scenario> honestAlerted = new LinkedHashSet<>();
    for (String kind : kinds) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      List<Long> delays = new ArrayList<>();
      for (Scenario s : byCenter.values()) {
        Long detected = first.getOrDefault(s.center(), Map.of()).get(kind);
        Long visibleFrom = s.expected().get(kind);
        if (visibleFrom != null && detected != null) {
          tp++;
          delays.add(Math.max(0, detected - visibleFrom));
        } else if (visibleFrom != null) {
          fn++;
          misses.add(s.center() + " (" + s.name() + "): " + kind);
          missed.add(s);
        } else if (detected != null && !s.alsoTrue().contains(kind)) {
          fp++;
          if (s.honest()) {
            honestFalseAlarms.add(s.center() + " (" + s.name() + "): " + kind);
            honestAlerted.add(s);
          }
        }
      }
      byKind.put(kind, new KindScore(kind, tp, fp, fn, delays));
    }
    KindScore overall = new KindScore("all",
        byKind.values().stream().mapToInt(KindScore::truePositives).sum(),
        byKind.values().stream().mapToInt(KindScore::falsePositives).sum(),
        byKind.values().stream().mapToInt(KindScore::falseNegatives).sum(),
        byKind.values().stream().flatMap(k -> k.delaysMillis().stream()).toList());
    return new DetectionScore(byKind, overall, honestFalseAlarms, misses, missed, honestAlerted,
        scenarios.stream().filter(Scenario::honest).count());
  }

  public List<KindScore> byKind() {
    return List.copyOf(byKind.values());
  }

  public KindScore overall() {
    return overall;
  }

  /** "scenario: kind" for every kind that fired on an honest center. */
  public List<String> honestFalseAlarms() {
    return honestFalseAlarms;
  }

  /** "scenario: kind" for every expected kind that never fired. */
  public List<String> misses() {
    return misses;
  }

  /** The dishonest centers where an expected kind never fired, in the order of {@link #misses()}. */
  public List<Scenario> missed() {
    return List.copyOf(missed);
  }

  /** The honest centers with at least one alert, in the order of {@link #honestFalseAlarms()}. */
  public List<Scenario> honestAlerted() {
    return List.copyOf(honestAlerted);
  }

  /** Share of the honest centers with at least one alert. */
  public double honestCentersAlerted() {
    return honestCenters == 0 ? 0 : (double) honestAlerted.size() / honestCenters;
  }

  /**
   * The aim of the detection work: recall at least {@code minRecall} for every detector kind, and
   * at most {@code maxHonestAlerted} of the honest centers with any alert.
   */
  public boolean meetsAim(double minRecall, double maxHonestAlerted) {
    boolean recall = byKind.values().stream().allMatch(k -> Double.isNaN(k.recall()) || k.recall() >= minRecall);
    return recall && honestCentersAlerted() <= maxHonestAlerted;
  }
}
