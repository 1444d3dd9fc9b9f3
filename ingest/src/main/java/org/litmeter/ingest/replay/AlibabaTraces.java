package org.litmeter.ingest.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Region;
import org.litmeter.schema.RejectReason;
import org.litmeter.schema.Topics;

/**
 * Alibaba's public production traces replayed as two compute centers (the data stays in
 * {@code ../shared/data/alibaba-clusterdata}; nothing is copied). The mapping, and what it invents:
 *
 * <ul>
 *   <li><b>{@value #GENAI_CENTER}</b>, from {@code v2026-GenAI/pod_gpu_duty_cycle_anon.tar.gz}: each
 *       Kubernetes pod is one device ({@code genai-<container_ip>}), each row one sample at its
 *       (anonymized) timestamp with the duty cycle as GPU utilization and the tenant
 *       {@value #GENAI_TENANT} (the pods serve that workload, so they are occupied). Planned
 *       accelerators: the number of pods. The trace has no power and no SM activity: lit needs
 *       the job's utilization-only rule ({@code LitThresholds#withoutPowerRequired}).
 *   <li><b>{@value #OPENB_CENTER}</b>, from {@code v2023/}: the GPU node list is the floor (every GPU
 *       of every node, {@code <node>/gpu<i>}, planned and racked); each GPU sends one idle sample per
 *       five minutes (invented: the trace has no telemetry); each pod with GPUs becomes leases of its
 *       {@code num_gpu} GPUs from its scheduled time to its deletion time, trace seconds counted from
 *       {@link #OPENB_EPOCH}. Pods get fresh GPUs in scheduling order and never share one (GPU
 *       sharing by milli-GPU is not modelled), so the occupied GPUs of a window are the GPUs of the
 *       pods that overlap it. Only a slice of the trace is replayed. GPUs of NVIDIA's named models
 *       (T4, P100, V100, A10) carry vendor {@code nvidia}; the anonymized types G1 to G3 carry
 *       {@code unknown}, which the job reports as a vendor outside its catalogue.
 * </ul>
 */
public final class AlibabaTraces {

  public static final String GENAI_CENTER = "alibaba-genai";
  public static final String GENAI_TENANT = "genai-serving";
  public static final String OPENB_CENTER = "alibaba-openb";
  public static final Instant OPENB_EPOCH = Instant.parse("2023-01-01T00:00:00Z");
  public static final String GENAI_DUTY_CYCLE = "v2026-GenAI/pod_gpu_duty_cycle_anon.tar.gz";
  public static final String OPENB_NODES = "v2023/openb_node_list_gpu_node.csv";
  public static final String OPENB_PODS = "v2023/openb_pod_list_default.csv";
  private static final long WINDOW = 300_000L;
  private static final java.util.Set<String> NVIDIA_MODELS = java.util.Set.of("A10", "P100", "T4", "V100M16", "V100M32");

  /** One row of the duty-cycle trace. */
  public record DutyCycle(long timeMillis, String pod, double percent) {}

  /** One pod of the allocation trace that holds GPUs, with times in epoch milliseconds. */
  public record Pod(String name, int gpus, long scheduled, long deleted) {}

  private final Path data;
  private final Consumer<DeadLetter> deadLetters;
  private final List<String> brokenFiles = new ArrayList<>();
  private long rejectedRows;
  private final AvroCodec<GpuSample> samples = AvroCodec.of(GpuSample.class);
  private final AvroCodec<CenterRegistration> registry = AvroCodec.of(CenterRegistration.class);
  private final AvroCodec<LeaseEvent> leases = AvroCodec.of(LeaseEvent.class);

  /**
   * @param data the {@code alibaba-clusterdata} directory
   * @param deadLetters where a row that cannot be read goes, with its file and line and why
   */
  public AlibabaTraces(Path data, Consumer<DeadLetter> deadLetters) {
    this.data = data;
    this.deadLetters = deadLetters;
  }

  /** Rows set aside as dead letters so far. */
  public long rejectedRows() {
    return rejectedRows;
  }

  /** Files that ended early (truncated or corrupt), each with the line where it broke. */
  public List<String> brokenFiles() {
    return List.copyOf(brokenFiles);
  }

  /** Replays the GenAI duty-cycle trace; returns the number of samples. */
  public long replayGenai(Consumer<Emission> out) throws IOException {
    List<DutyCycle> rows = new ArrayList<>(dutyCycles(data.resolve(GENAI_DUTY_CYCLE)));
    // produced in time order, as a live exporter would have sent them
    rows.sort(Comparator.comparingLong(DutyCycle::timeMillis));
    int pods = (int) rows.stream().map(DutyCycle::pod).distinct().count();
    long first = rows.stream().mapToLong(DutyCycle::timeMillis).min().orElse(0);
    out.accept(registration(GENAI_CENTER, "Alibaba GenAI serving trace (v2026)", pods, first));
    for (DutyCycle r : rows) {
      String device = "genai-" + r.pod();
      out.accept(new Emission(Topics.TELEMETRY, device, samples.encode(GpuSample.newBuilder()
          .setCenter(GENAI_CENTER).setHost("genai-" + r.pod().substring(0, Math.min(8, r.pod().length())))
          .setDeviceUuid(device).setDeviceIndex(0).setVendor("unknown").setModel("unknown (trace)")
          .setEventTime(Instant.ofEpochMilli(r.timeMillis())).setGpuUtil(r.percent()).setTenant(GENAI_TENANT)
          .setSource("replay:alibaba-v2026").build())));
    }
    return rows.size();
  }

  /** Replays [from, to) of the allocation trace; returns the number of samples. */
  public long replayOpenb(Instant from, Instant to, Consumer<Emission> out) throws IOException {
    List<String> gpus = new ArrayList<>();
    List<String> models = new ArrayList<>();
    Path nodeList = data.resolve(OPENB_NODES);
    try (InputStream in = Files.newInputStream(nodeList)) {
      forEachRow(nodeList, in, List.of("sn", "gpu", "model"), row -> {
        int count = count(row, "gpu");
        for (int i = 0; i < count; i++) {
          gpus.add(row.get("sn") + "/gpu" + i);
          models.add(row.get("model"));
        }
      });
    }
    long start = from.toEpochMilli();
    long end = to.toEpochMilli();
    out.accept(registration(OPENB_CENTER, "Alibaba GPU cluster allocation trace (v2023)", gpus.size(), start));
    List<Pod> pods = podsOverlapping(data.resolve(OPENB_PODS), start, end);
    int next = 0;
    for (Pod pod : pods) {
      if (next + pod.gpus() > gpus.size()) {
        throw new IllegalStateException("the slice needs more GPUs than the cluster has; replay a shorter one");
      }
      for (int g = 0; g < pod.gpus(); g++) {
        String device = gpus.get(next++);
        out.accept(lease(device, pod.name(), LeaseAction.START, pod.scheduled()));
        out.accept(lease(device, pod.name(), LeaseAction.END, pod.deleted()));
      }
    }
    long count = 0;
    for (long ws = Math.floorDiv(start, WINDOW) * WINDOW; ws < end; ws += WINDOW) {
      for (int g = 0; g < gpus.size(); g++) {
        String device = gpus.get(g);
        out.accept(new Emission(Topics.TELEMETRY, device, samples.encode(GpuSample.newBuilder()
            .setCenter(OPENB_CENTER).setHost(device.substring(0, device.indexOf('/'))).setDeviceUuid(device)
            .setDeviceIndex(Integer.parseInt(device.substring(device.lastIndexOf("gpu") + 3)))
            .setVendor(vendorOf(models.get(g))).setModel(models.get(g)).setEventTime(Instant.ofEpochMilli(ws + 60_000))
            .setGpuUtil(0.0).setSource("replay:alibaba-v2023").build())));
        count++;
      }
    }
    return count;
  }

  /**
   * The vendor of a GPU model of the allocation trace: NVIDIA's product names (A10, P100, T4,
   * V100M16, V100M32) are NVIDIA's; the trace's anonymized types (G1, G2, G3) stay unknown.
   */
  static String vendorOf(String model) {
    return NVIDIA_MODELS.contains(model) ? "nvidia" : "unknown";
  }

  /** The GPU-holding pods that overlap [start, end), in scheduling order; never-scheduled pods are left out. */
  public List<Pod> podsOverlapping(Path podList, long start, long end) throws IOException {
    List<Pod> pods = new ArrayList<>();
    try (InputStream in = Files.newInputStream(podList)) {
      forEachRow(podList, in, List.of("name", "num_gpu", "scheduled_time", "deletion_time"), row -> {
        int gpus = count(row, "num_gpu");
        if (gpus == 0 || row.get("scheduled_time").isEmpty() || row.get("deletion_time").isEmpty()) {
          return;
        }
        long s = OPENB_EPOCH.toEpochMilli() + seconds(row, "scheduled_time") * 1000;
        long d = OPENB_EPOCH.toEpochMilli() + seconds(row, "deletion_time") * 1000;
        if (d > s && s < end && d > start) {
          pods.add(new Pod(row.get("name"), gpus, s, d));
        }
      });
    }
    pods.sort(Comparator.comparingLong(Pod::scheduled).thenComparing(Pod::name));
    return pods;
  }

  /** The rows of the duty-cycle trace that name their pod, in file order. */
  public List<DutyCycle> dutyCycles(Path tarGz) throws IOException {
    List<DutyCycle> rows = new ArrayList<>();
    try (InputStream in = firstTarEntry(tarGz)) {
      forEachRow(tarGz, in, List.of("value", "timestamp_anon", "container_ip"), row -> {
        String pod = row.get("container_ip");
        // the trace has rows of no pod ("None"): nothing to attribute them to
        if (!pod.isBlank() && !pod.equals("None")) {
          rows.add(new DutyCycle(Math.round(number(row, "timestamp_anon") * 1000), pod, number(row, "value")));
        }
      });
    }
    return rows;
  }

  private interface RowHandler {
    void accept(CSVRecord row);
  }

  /**
   * Each row of a CSV trace with a header naming {@code columns}. A row that cannot be read is a
   * dead letter with its line; a file that ends early (a truncated archive) is a broken file,
   * and the rows read before the break are kept.
   */
  private void forEachRow(Path file, InputStream in, List<String> columns, RowHandler handler) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .build();
    try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
      if (!parser.getHeaderNames().containsAll(columns)) {
        throw new IOException(file + " is not the expected trace: its header " + parser.getHeaderNames()
            + " lacks one of " + columns);
      }
      Iterator<CSVRecord> rows = parser.iterator();
      while (true) {
        CSVRecord row;
        try {
          if (!rows.hasNext()) {
            return;
          }
          row = rows.next();
        } catch (UncheckedIOException e) {
          String at = file + "#" + (parser.getCurrentLineNumber() + 1);
          brokenFiles.add(at + ": " + describe(e.getCause()));
          reject(at, RejectReason.UNPARSABLE, "the file ends early (" + describe(e.getCause())
              + "): the rows before this line were replayed, the rest is lost", "");
          return;
        }
        try {
          if (!row.isConsistent()) {
            throw new IllegalArgumentException("expected " + parser.getHeaderNames().size() + " fields, found "
                + row.size());
          }
          handler.accept(row);
        } catch (IllegalArgumentException e) {
          reject(file + "#" + (row.getRecordNumber() + 1), RejectReason.WRONG_TYPE,
              "line " + (row.getRecordNumber() + 1) + ": " + e.getMessage(), String.join(",", row.toList()));
        }
      }
    }
  }

  private static String describe(Throwable e) {
    return e instanceof java.io.EOFException ? "truncated" : "corrupt: " + e.getMessage();
  }

  private void reject(String origin, RejectReason reason, String detail, String raw) {
    rejectedRows++;
    deadLetters.accept(DeadLetters.of(DeadLetters.REPLAY, origin, reason, detail, null, null, null, raw));
  }

  private static double number(CSVRecord row, String column) {
    try {
      double v = Double.parseDouble(row.get(column));
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " is not a number: '" + row.get(column) + "'");
    }
  }

  private static long seconds(CSVRecord row, String column) {
    try {
      return Long.parseLong(row.get(column));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " is not whole seconds: '" + row.get(column) + "'");
    }
  }

  private static int count(CSVRecord row, String column) {
    try {
      int n = Integer.parseInt(row.get(column));
      if (n < 0 || n > 1024) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " is not a count of GPUs (0 to 1024): '" + row.get(column) + "'");
    }
  }

  /** The content of the first file in a .tar.gz: a tar header is 512 bytes, the size octal at offset 124. */
  private static InputStream firstTarEntry(Path tarGz) throws IOException {
    InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16);
    byte[] header = in.readNBytes(512);
    long size;
    try {
      size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      in.close();
      throw new IOException(tarGz + " is not a .tar.gz (its first header is " + header.length + " bytes of no tar)");
    }
    return new InputStream() {
      long left = size;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        left--;
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  private Emission registration(String id, String name, int planned, long at) {
    return new Emission(Topics.CENTERS, id, registry.encode(CenterRegistration.newBuilder().setCenterId(id)
        .setName(name).setProvince("trace-replay").setRegion(Region.EAST).setPlannedAccelerators(planned)
        .setUpdatedAt(Instant.ofEpochMilli(at)).build()));
  }

  private Emission lease(String device, String tenant, LeaseAction action, long time) {
    return new Emission(Topics.LEASES, device, leases.encode(LeaseEvent.newBuilder().setCenter(OPENB_CENTER)
        .setDeviceUuid(device).setTenant(tenant).setAction(action).setEventTime(Instant.ofEpochMilli(time)).build()));
  }
}
