package org.litmeter.simulation.scenarios;

/** An alert the pipeline raised, as far as scoring needs it (event times in epoch millis). */
public record FiredAlert(String center, String kind, long startedAt, long detectedAt) {}
