package org.litmeter.ingest.replay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.GZIPInputStream;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exposition.ExpositionError;
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
 * <p>Several files are merged by event time, each read by a thread of its own into a small queue,
 * so that a fleet's recordings (one file per node, each in time order) arrive as they happened
 * instead of one node's whole history after another's, which the job would find late.
 *
 * <p>Files are streamed: a device's sample is complete once the replay has moved ten minutes past
 * its instant, so memory holds ten minutes of devices, not the files.
 */
public final class ExpositionReplay {

  private static final long COMPLETE_AFTER_MILLIS = 10 * 60_000L;
  private static final int QUEUED_LINES_PER_FILE = 4_096;

  /**
   * How a replay went.
   *
   * @param brokenFiles files that ended in an error (a truncated or corrupt gzip, an unreadable
   *     file), each with where and why: their lines before the break were replayed
   */
  public record Summary(long lines, long samplesProduced, long deadLetters, List<String> brokenFiles) {}

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
    return replay(List.of(file), format);
  }

  /** Replays the files merged by event time; lines that cannot be placed in time go first. */
  public Summary replay(List<Path> files, ExpositionParser.Format format) throws IOException, InterruptedException {
    long[] counts = new long[3];
    long[] newest = {Long.MIN_VALUE};
    List<FileLines> open = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    try {
      for (Path file : files) {
        open.add(new FileLines(file, format));
      }
      PriorityQueue<FileLines> byTime = new PriorityQueue<>(Comparator.comparingLong(FileLines::headTime));
      for (FileLines f : open) {
        if (advance(f, counts, broken)) {
          byTime.add(f);
        }
      }
      while (!byTime.isEmpty()) {
        FileLines f = byTime.poll();
        process(f, counts, newest);
        if (advance(f, counts, broken)) {
          byTime.add(f);
        }
      }
    } finally {
      open.forEach(FileLines::close);
    }
    mapper.flushOlderThan(Long.MAX_VALUE, s -> sample(s, counts), d -> deadLetter(d, counts));
    shipper.flush();
    return new Summary(counts[0], counts[1], counts[2], List.copyOf(broken));
  }

  /**
   * Moves a file to its next line; false at its end. A file that breaks (a truncated gzip, a read
   * error) ends there: a dead letter says where and why, and the other files go on.
   */
  private boolean advance(FileLines f, long[] counts, List<String> broken) throws InterruptedException {
    if (f.advance()) {
      return true;
    }
    if (f.failure != null) {
      String where = f.origin + " after line " + f.lastLine;
      String why = f.failure.getMessage() == null ? f.failure.toString() : f.failure.getMessage();
      broken.add(where + ": " + why);
      deadLetter(DeadLetters.of(DeadLetters.REPLAY, f.origin + "#" + (f.lastLine + 1), RejectReason.UNPARSABLE,
          "the file breaks after line " + f.lastLine + " (" + why + "); the lines before it were replayed, the rest"
              + " of the file is lost", null, null, null, new byte[0]), counts);
    }
    return false;
  }

  private void process(FileLines f, long[] counts, long[] newest) {
    ExpositionMapper.Source source = new ExpositionMapper.Source(DeadLetters.REPLAY, f.origin, "unknown-host", 0);
    if (f.head.error() != null) {
      deadLetter(mapper.parseError(f.head.error(), source), counts);
      return;
    }
    ExpositionSample line = f.head.sample();
    counts[0]++;
    if (line.timestampMillis() == null) {
      deadLetter(DeadLetters.of(DeadLetters.REPLAY, f.origin + "#" + line.line(), RejectReason.MISSING_FIELD,
          "a replayed line needs its timestamp (milliseconds after the value)", null, null, null, line.raw()), counts);
      return;
    }
    pace(line);
    mapper.accept(line, source, d -> deadLetter(d, counts));
    if (line.timestampMillis() > newest[0] + COMPLETE_AFTER_MILLIS / 10) {
      newest[0] = line.timestampMillis();
      mapper.flushOlderThan(newest[0] - COMPLETE_AFTER_MILLIS, s -> sample(s, counts), d -> deadLetter(d, counts));
    }
  }

  /** A parsed sample line, or a line that did not parse. */
  private record Line(ExpositionSample sample, ExpositionError error) {}

  /** One file parsed on a thread of its own into a bounded queue; its head is the next line in it. */
  private static final class FileLines {
    private static final Line END = new Line(null, null);

    final String origin;
    final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUED_LINES_PER_FILE);
    final Thread parser;
    volatile IOException failure;
    /** The last line read whole, for saying where a broken file ends. */
    volatile long lastLine;
    Line head;

    FileLines(Path file, ExpositionParser.Format format) {
      this.origin = file.toString();
      this.parser = new Thread(() -> {
        try (Reader reader = open(file)) {
          new ExpositionParser(format).parse(reader, line -> {
            lastLine = line.line();
            put(new Line(line, null));
          }, e -> {
            lastLine = e.line();
            put(new Line(null, e));
          });
        } catch (IOException e) {
          failure = e;
        } catch (RuntimeException e) {
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
          failure = new IOException(e.getMessage(), e);
        }
        try {
          put(END);
        } catch (IllegalStateException stopped) {
          // the replay was stopped: nobody waits for the end
        }
      }, "replay " + file.getFileName());
      parser.setDaemon(true);
      parser.start();
    }

    private void put(Line line) {
      try {
        queue.put(line);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("replay stopped", e);
      }
    }

    /** Takes the next line as the head; false at the end of the file, or where it broke ({@link #failure}). */
    boolean advance() throws InterruptedException {
      head = queue.take();
      return head != END;
    }

    /** Lines without a time (unparsable, or without a timestamp) go out as soon as they are read. */
    long headTime() {
      return head.sample() == null || head.sample().timestampMillis() == null ? Long.MIN_VALUE
          : head.sample().timestampMillis();
    }

    void close() {
      parser.interrupt();
    }
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
