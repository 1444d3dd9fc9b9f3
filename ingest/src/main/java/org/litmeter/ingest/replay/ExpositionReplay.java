package org.litmeter.ingest.replay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.ingest.exposition.ExpositionSample;
import org.litmeter.ingest.ship.TelemetryShipper;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RejectReason;

/**
 * Replays recorded exposition files (plain or gzip) with their original event times: each sample
 * line carries its millisecond timestamp, as the exposition format allows; a line without one is a
 * dead letter. The center comes from a {@code center} label or the instance's center. As fast as
 * possible, or paced: {@code speedup} 60 replays an hour of history in a minute.
 *
 * <p>Files are streamed: a device's sample is complete once the file has moved ten minutes past
 * its instant, so memory holds ten minutes of devices, not the file.
 */
public final class ExpositionReplay {

  private static final long COMPLETE_AFTER_MILLIS = 10 * 60_000L;

  /** How a replay went. */
  public record Summary(long lines, long samplesProduced, long deadLetters) {}

  private final ExpositionMapper mapper;
  private final TelemetryShipper shipper;
  private final double speedup;
  private long firstEventTime = Long.MIN_VALUE;
  private long startedAt;

  /** @param speedup 0 for as fast as possible */
  public ExpositionReplay(ExpositionMapper mapper, TelemetryShipper shipper, double speedup) {
    this.mapper = mapper;
    this.shipper = shipper;
    this.speedup = speedup;
  }

  public Summary replay(Path file, ExpositionParser.Format format) throws IOException, InterruptedException {
    long[] counts = new long[3];
    String origin = file.toString();
    long[] newest = {Long.MIN_VALUE};
    try (Reader reader = open(file)) {
      new ExpositionParser(format).parse(reader, line -> {
        counts[0]++;
        if (line.timestampMillis() == null) {
          deadLetter(DeadLetters.of(DeadLetters.REPLAY, origin + "#" + line.line(), RejectReason.MISSING_FIELD,
              "a replayed line needs its timestamp (milliseconds after the value)", null, null, null, line.raw()),
              counts);
          return;
        }
        pace(line);
        mapper.accept(line, new ExpositionMapper.Source(DeadLetters.REPLAY, origin, "unknown-host", 0),
            d -> deadLetter(d, counts));
        if (line.timestampMillis() > newest[0] + COMPLETE_AFTER_MILLIS / 10) {
          newest[0] = line.timestampMillis();
          mapper.flushOlderThan(newest[0] - COMPLETE_AFTER_MILLIS, s -> sample(s, counts), d -> deadLetter(d, counts));
        }
      }, error -> deadLetter(mapper.parseError(error,
          new ExpositionMapper.Source(DeadLetters.REPLAY, origin, "unknown-host", 0)), counts));
    }
    mapper.flushOlderThan(Long.MAX_VALUE, s -> sample(s, counts), d -> deadLetter(d, counts));
    shipper.flush();
    return new Summary(counts[0], counts[1], counts[2]);
  }

  private void sample(GpuSample s, long[] counts) {
    shipper.sample(s);
    counts[1]++;
  }

  private void deadLetter(DeadLetter d, long[] counts) {
    shipper.deadLetter(d);
    counts[2]++;
  }

  /** Waits until the line's event time is due at the chosen speed-up. */
  private void pace(ExpositionSample line) {
    if (speedup <= 0) {
      return;
    }
    long eventTime = line.timestampMillis();
    if (firstEventTime == Long.MIN_VALUE) {
      firstEventTime = eventTime;
      startedAt = System.nanoTime();
    }
    long dueNanos = startedAt + (long) ((eventTime - firstEventTime) * 1_000_000 / speedup);
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("replay interrupted", e);
      }
    }
  }

  /** Opens a file as text, gunzipping it when it starts with the gzip magic bytes. */
  static Reader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
