package org.litmeter.ingest.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Region;
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
 *       pods that overlap it. Only a slice of the trace is replayed.
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

  /** One row of the duty-cycle trace. */
  public record DutyCycle(long timeMillis, String pod, double percent) {}

  /** One pod of the allocation trace that holds GPUs, with times in epoch milliseconds. */
  public record Pod(String name, int gpus, long scheduled, long deleted) {}

  private final Path data;
  private final AvroCodec<GpuSample> samples = AvroCodec.of(GpuSample.class);
  private final AvroCodec<CenterRegistration> registry = AvroCodec.of(CenterRegistration.class);
  private final AvroCodec<LeaseEvent> leases = AvroCodec.of(LeaseEvent.class);

  /** @param data the {@code alibaba-clusterdata} directory */
  public AlibabaTraces(Path data) {
    this.data = data;
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
    List<String[]> nodes = csv(data.resolve(OPENB_NODES));
    List<String> gpus = new ArrayList<>();
    List<String> models = new ArrayList<>();
    for (String[] node : nodes.subList(1, nodes.size())) {
      for (int i = 0; i < Integer.parseInt(node[3]); i++) {
        gpus.add(node[0] + "/gpu" + i);
        models.add(node[4]);
      }
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
            .setVendor("unknown").setModel(models.get(g)).setEventTime(Instant.ofEpochMilli(ws + 60_000))
            .setGpuUtil(0.0).setSource("replay:alibaba-v2023").build())));
        count++;
      }
    }
    return count;
  }

  /** The GPU-holding pods that overlap [start, end), in scheduling order. */
  public static List<Pod> podsOverlapping(Path podList, long start, long end) throws IOException {
    List<String[]> rows = csv(podList);
    List<String> header = List.of(rows.get(0));
    int name = header.indexOf("name");
    int gpus = header.indexOf("num_gpu");
    int scheduled = header.indexOf("scheduled_time");
    int deleted = header.indexOf("deletion_time");
    List<Pod> pods = new ArrayList<>();
    for (String[] r : rows.subList(1, rows.size())) {
      if (r[scheduled].isEmpty() || r[deleted].isEmpty() || Integer.parseInt(r[gpus]) == 0) {
        continue;
      }
      long s = OPENB_EPOCH.toEpochMilli() + Long.parseLong(r[scheduled]) * 1000;
      long d = OPENB_EPOCH.toEpochMilli() + Long.parseLong(r[deleted]) * 1000;
      if (d > s && s < end && d > start) {
        pods.add(new Pod(r[name], Integer.parseInt(r[gpus]), s, d));
      }
    }
    pods.sort(Comparator.comparingLong(Pod::scheduled).thenComparing(Pod::name));
    return pods;
  }

  /** The rows of the duty-cycle trace, in file order. */
  public static List<DutyCycle> dutyCycles(Path tarGz) throws IOException {
    List<DutyCycle> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(firstTarEntry(tarGz), StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (header == null || !header.startsWith("value,timestamp_anon,container_ip")) {
        throw new IOException(tarGz + " is not the duty-cycle trace (header " + header + ")");
      }
      for (String line; (line = reader.readLine()) != null; ) {
        String[] f = line.split(",");
        if (f.length == 3 && !f[2].isBlank() && !f[2].equals("None")) {
          rows.add(new DutyCycle(Math.round(Double.parseDouble(f[1]) * 1000), f[2], Double.parseDouble(f[0])));
        }
      }
    }
    return rows;
  }

  /** The content of the first file in a .tar.gz: a tar header is 512 bytes, the size octal at offset 124. */
  private static InputStream firstTarEntry(Path tarGz) throws IOException {
    InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16);
    byte[] header = in.readNBytes(512);
    long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
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

  private static List<String[]> csv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(line.split(",", -1));
      }
    }
    return rows;
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
