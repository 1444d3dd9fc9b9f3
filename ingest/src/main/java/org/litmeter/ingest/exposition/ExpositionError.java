package org.litmeter.ingest.exposition;

/** A line the parser could not read, with why; the document's other lines are still read. */
public record ExpositionError(int line, String raw, String reason) {}
