package org.litmeter.ingest.kafka;

import org.litmeter.schema.Topics;

/** One record to produce: its topic, its key and its value in litmeter's wire format. */
public record Emission(Topics.Spec topic, String key, byte[] value) {}
