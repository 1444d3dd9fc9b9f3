package org.litmeter.ingest.scenarios;

import java.util.Map;

/**
 * One labelled center of the detection suite: what it does, whether it is honest, and which
 * detectors must fire for it (none for an honest center).
 *
 * @param expected detector kind that must fire to the event time from which its pattern can be
 *     seen (the start of a hollow load, the drop of a cliff, the day an aligned tenant leaves),
 *     from which the detection delay is measured; empty for an honest center
 */
public record Scenario(String center, String name, String description, boolean honest, Map<String, Long> expected) {}
