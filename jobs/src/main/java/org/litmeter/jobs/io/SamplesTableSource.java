package org.litmeter.jobs.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.jobs.clickhouse.SamplesTable;
import org.litmeter.schema.GpuSample;

/**
 * The stored samples of a time range ({@code litmeter.samples}), read back in event-time order: the
 * telemetry of a restatement or backfill. Every sample of the range is in time for its window,
 * whenever it reached Kafka, so a run over it counts what a live run would have counted had every
 * sample arrived in time.
 *
 * <p>The range is cut into slices (a day each) that one reader takes in order, so the stream is
 * ordered and the watermark never passes a sample still to come: run it with parallelism 1. Each
 * slice is one query, {@code FINAL} so that a sample stored twice is read once; the reader's
 * checkpointed position is the last sample it emitted (time, center, device), from which a
 * restored reader asks again.
 */
public final class SamplesTableSource
    implements Source<Decoded<GpuSample>, SamplesTableSource.Slice, List<SamplesTableSource.Slice>> {

  private static final long serialVersionUID = 1L;
  /** Where a restated sample came from, in place of a Kafka topic. */
  public static final String ORIGIN = "litmeter.samples";

  private final ClickHouseEndpoint clickhouse;
  private final long fromMillis;
  private final long toMillis;
  private final long sliceMillis;

  /** Samples with {@code fromMillis <= event time < toMillis}, in slices of {@code sliceMillis}. */
  public SamplesTableSource(ClickHouseEndpoint clickhouse, long fromMillis, long toMillis, long sliceMillis) {
    if (toMillis <= fromMillis || sliceMillis <= 0) {
      throw new IllegalArgumentException("empty range or slice: [" + fromMillis + ", " + toMillis + ")");
    }
    this.clickhouse = clickhouse;
    this.fromMillis = fromMillis;
    this.toMillis = toMillis;
    this.sliceMillis = sliceMillis;
  }

  /**
   * A part of the range, and how far into it the reader got: the last sample emitted, or none
   * ({@code lastTime = Long.MIN_VALUE}).
   */
  public record Slice(long from, long to, long lastTime, String lastCenter, String lastDevice) implements SourceSplit {
    static Slice of(long from, long to) {
      return new Slice(from, to, Long.MIN_VALUE, "", "");
    }

    @Override
    public String splitId() {
      return from + "-" + to;
    }

    Slice after(GpuSample s) {
      return new Slice(from, to, s.getEventTime().toEpochMilli(), s.getCenter(), s.getDeviceUuid());
    }

    /** The slice's query, ordered by time, then center and device, from after the last sample emitted. */
    String query(SamplesTable table) {
      StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", table.columns()))
          .append(" FROM ").append(table.table()).append(" FINAL WHERE event_time >= toDateTime(")
          .append(Math.floorDiv(from, 1000)).append(") AND event_time <= toDateTime(").append(Math.floorDiv(to, 1000))
          .append(") AND event_time_ms >= ").append(from).append(" AND event_time_ms < ").append(to);
      if (lastTime != Long.MIN_VALUE) {
        String c = ClickHouseSql.quote(lastCenter);
        String d = ClickHouseSql.quote(lastDevice);
        sql.append(" AND (event_time_ms > ").append(lastTime).append(" OR (event_time_ms = ").append(lastTime)
            .append(" AND (center > ").append(c).append(" OR (center = ").append(c).append(" AND device_uuid > ")
            .append(d).append("))))");
      }
      return sql.append(" ORDER BY event_time_ms, center, device_uuid").toString();
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<Slice, List<Slice>> createEnumerator(SplitEnumeratorContext<Slice> context) {
    return new InOrder(context, slicesOf(fromMillis, toMillis, sliceMillis));
  }

  @Override
  public SplitEnumerator<Slice, List<Slice>> restoreEnumerator(SplitEnumeratorContext<Slice> context,
      List<Slice> remaining) {
    return new InOrder(context, remaining);
  }

  @Override
  public SourceReader<Decoded<GpuSample>, Slice> createReader(SourceReaderContext context) {
    return new Reader(context, clickhouse);
  }

  @Override
  public SimpleVersionedSerializer<Slice> getSplitSerializer() {
    return new SliceSerializer();
  }

  @Override
  public SimpleVersionedSerializer<List<Slice>> getEnumeratorCheckpointSerializer() {
    return new SlicesSerializer();
  }

  /** Hands out the slices in time order, one at a time, to whichever reader asks. */
  static final class InOrder implements SplitEnumerator<Slice, List<Slice>> {
    private final SplitEnumeratorContext<Slice> context;
    private final ArrayDeque<Slice> remaining;

    InOrder(SplitEnumeratorContext<Slice> context, List<Slice> remaining) {
      this.context = context;
      this.remaining = new ArrayDeque<>(remaining);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
      Slice next = remaining.pollFirst();
      if (next == null) {
        context.signalNoMoreSplits(subtaskId);
      } else {
        context.assignSplit(next, subtaskId);
      }
    }

    @Override
    public void addSplitsBack(List<Slice> splits, int subtaskId) {
      for (int i = splits.size() - 1; i >= 0; i--) {
        remaining.addFirst(splits.get(i));
      }
    }

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public List<Slice> snapshotState(long checkpointId) {
      return new ArrayList<>(remaining);
    }

    @Override
    public void close() {}
  }

  /** Reads one slice at a time from ClickHouse, row by row, and asks for the next when done. */
  static final class Reader implements SourceReader<Decoded<GpuSample>, Slice> {
    private final SourceReaderContext context;
    private final ClickHouseEndpoint endpoint;
    private final SamplesTable table = new SamplesTable();
    private final ArrayDeque<Slice> assigned = new ArrayDeque<>();
    private ClickHouseSql sql;
    private ClickHouseSql.Cursor cursor;
    private Slice current;
    private long rowIndex;
    private boolean noMoreSlices;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    Reader(SourceReaderContext context, ClickHouseEndpoint endpoint) {
      this.context = context;
      this.endpoint = endpoint;
    }

    @Override
    public void start() {
      sql = new ClickHouseSql(endpoint);
      context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Decoded<GpuSample>> output) {
      if (current == null) {
        current = assigned.pollFirst();
        if (current == null) {
          return noMoreSlices ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        cursor = sql.cursor(current.query(table));
      }
      List<String> cells = cursor.next();
      if (cells == null) {
        cursor.close();
        cursor = null;
        current = null;
        if (assigned.isEmpty() && !noMoreSlices) {
          available = new CompletableFuture<>();
          context.sendSplitRequest();
        }
        return InputStatus.MORE_AVAILABLE;
      }
      GpuSample sample = table.decode(cells);
      current = current.after(sample);
      output.collect(Decoded.of(sample, ORIGIN, 0, rowIndex++), sample.getEventTime().toEpochMilli());
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<Slice> snapshotState(long checkpointId) {
      List<Slice> state = new ArrayList<>();
      if (current != null) {
        state.add(current);
      }
      state.addAll(assigned);
      return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return current != null || !assigned.isEmpty() || noMoreSlices
          ? CompletableFuture.completedFuture(null) : available;
    }

    @Override
    public void addSplits(List<Slice> splits) {
      assigned.addAll(splits);
      available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSlices = true;
      available.complete(null);
    }

    @Override
    public void close() {
      if (cursor != null) {
        cursor.close();
      }
      if (sql != null) {
        sql.close();
      }
    }
  }

  static final class SliceSerializer implements SimpleVersionedSerializer<Slice> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Slice slice) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        write(slice, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public Slice deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return read(in);
      }
    }

    static void write(Slice s, DataOutputStream out) throws IOException {
      out.writeLong(s.from());
      out.writeLong(s.to());
      out.writeLong(s.lastTime());
      out.writeUTF(s.lastCenter());
      out.writeUTF(s.lastDevice());
    }

    static Slice read(DataInputStream in) throws IOException {
      return new Slice(in.readLong(), in.readLong(), in.readLong(), in.readUTF(), in.readUTF());
    }
  }

  static final class SlicesSerializer implements SimpleVersionedSerializer<List<Slice>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<Slice> slices) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(slices.size());
        for (Slice s : slices) {
          SliceSerializer.write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<Slice> deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<Slice> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          slices.add(SliceSerializer.read(in));
        }
        return slices;
      }
    }
  }

  /** The slices of a range, in time order. */
  static List<Slice> slicesOf(long from, long to, long slice) {
    List<Slice> out = new ArrayList<>();
    for (long start = from; start < to; start += slice) {
      out.add(Slice.of(start, Math.min(start + slice, to)));
    }
    return out;
  }
}
