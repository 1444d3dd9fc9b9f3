package org.litmeter.simulation.scenarios;

import java.util.Map;
import java.util.Set;

/**
 * One labelled center of a detection suite or population: what it does, whether it is honest, and
 * which detectors must fire for it (none for an honest center).
 *
 * @param expected detector kind that must fire to the event time from which its pattern can be
 *     seen (the start of a hollow load, the drop of a cliff, the day an aligned tenant leaves),
 *     from which the detection delay is measured; empty for an honest center
 * @param alsoTrue kinds that would be true findings here if they fire, without being required (a
 *     cliff where an affiliate that held a third of the cards leaves); never on an honest center
 * @param parameters what was drawn for it (family, withdrawal delay, churn...), for sweeps
 */
public record Scenario(String center, String name, String description, boolean honest, Map<String, Long> expected,
    Set<String> alsoTrue, Map<String, Double> parameters) {

  public Scenario(String center, String name, String description, boolean honest, Map<String, Long> expected) {
    this(center, name, description, honest, expected, Set.of(), Map.of());
  }
}
