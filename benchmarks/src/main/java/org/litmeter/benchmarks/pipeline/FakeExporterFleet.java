package org.litmeter.benchmarks.pipeline;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * A fleet of fake dcgm-exporter endpoints, {@code /node<i>/metrics}, each answering like an 8-GPU
 * host with dcgm-exporter's default counters; run as its own process so that it does not count in
 * the scraper's CPU. Usage: {@code FakeExporterFleet <port> <nodes>}.
 */
public final class FakeExporterFleet {

  /** dcgm-exporter's default counters (its default-counters.csv, enabled ones) and a plausible value. */
  static final List<String[]> FIELDS = List.of(
      new String[] {"DCGM_FI_DEV_SM_CLOCK", "1980"}, new String[] {"DCGM_FI_DEV_MEM_CLOCK", "2619"},
      new String[] {"DCGM_FI_DEV_MEMORY_TEMP", "9223372036854775794"}, new String[] {"DCGM_FI_DEV_GPU_TEMP", "61"},
      new String[] {"DCGM_FI_DEV_POWER_USAGE", "512.345000"},
      new String[] {"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "8123456789012"},
      new String[] {"DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "0"}, new String[] {"DCGM_FI_DEV_GPU_UTIL", "97"},
      new String[] {"DCGM_FI_DEV_MEM_COPY_UTIL", "41"}, new String[] {"DCGM_FI_DEV_ENC_UTIL", "0"},
      new String[] {"DCGM_FI_DEV_DEC_UTIL", "0"}, new String[] {"DCGM_FI_DEV_XID_ERRORS", "0"},
      new String[] {"DCGM_FI_DEV_FB_FREE", "1024"}, new String[] {"DCGM_FI_DEV_FB_USED", "80000"},
      new String[] {"DCGM_FI_DEV_FB_RESERVED", "536"}, new String[] {"DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "0"},
      new String[] {"DCGM_FI_DEV_VGPU_LICENSE_STATUS", "0"},
      new String[] {"DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "0"},
      new String[] {"DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "0"}, new String[] {"DCGM_FI_DEV_ROW_REMAP_FAILURE", "0"},
      new String[] {"DCGM_FI_PROF_GR_ENGINE_ACTIVE", "0.981234"},
      new String[] {"DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "0.512345"},
      new String[] {"DCGM_FI_PROF_DRAM_ACTIVE", "0.634512"}, new String[] {"DCGM_FI_PROF_PCIE_TX_BYTES", "123456789"},
      new String[] {"DCGM_FI_PROF_PCIE_RX_BYTES", "234567890"});

  private FakeExporterFleet() {}

  /** What one 8-GPU host's dcgm-exporter answers. */
  static String exposition(int node) {
    StringBuilder out = new StringBuilder(64 * 1024);
    for (String[] field : FIELDS) {
      out.append("# HELP ").append(field[0]).append(" help text.\n# TYPE ").append(field[0]).append(" gauge\n");
      for (int gpu = 0; gpu < 8; gpu++) {
        out.append(field[0]).append(String.format(Locale.ROOT,
            "{gpu=\"%d\",UUID=\"GPU-%04d-%d\",pci_bus_id=\"00000000:%02X:00.0\",device=\"nvidia%d\","
                + "modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"node%04d\",DCGM_FI_DRIVER_VERSION=\"535.129.03\","
                + "container=\"\",namespace=\"\",pod=\"\"} ", gpu, node, gpu, 0x1A + gpu, gpu, node))
            .append(field[1]).append('\n');
      }
    }
    return out.toString();
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int nodes = Integer.parseInt(args[1]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    server.setExecutor(Executors.newFixedThreadPool(4));
    for (int n = 0; n < nodes; n++) {
      byte[] body = exposition(n).getBytes(StandardCharsets.UTF_8);
      server.createContext("/node" + n + "/metrics", exchange -> {
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
    }
    server.start();
    System.out.println("ready");
  }
}
