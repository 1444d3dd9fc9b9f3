package org.litmeter.ingest.scenarios;

import java.util.Set;

/**
 * One labelled center of the detection suite: what it does, whether it is honest, and which
 * detectors must fire for it (none for an honest center) from when.
 *
 * @param expected detector kinds that must fire; empty for an honest center
 * @param patternStart event time the dishonest pattern starts, for the detection delay
 */
public record Scenario(String center, String name, String description, boolean honest, Set<String> expected,
    long patternStart) {}
