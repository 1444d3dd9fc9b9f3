package org.litmeter.infra.local;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A private Prometheus from Debian's {@code prometheus} package (installed with apt when missing
 * and we are root), on its own configuration, rule files, TSDB directory and free port.
 */
public final class LocalPrometheus extends ReadyCheckedServer {

  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  public static final String INSTALL_HINT = "install Prometheus: sudo apt-get install -y prometheus";

  private LocalPrometheus(Path dir) throws IOException {
    super("prometheus", dir);
  }

  /**
   * Writes {@code config} (prometheus.yml) and {@code ruleFiles} (name to content, which the
   * configuration names relative to {@code dir}) into {@code dir}, and starts Prometheus on them.
   */
  public static LocalPrometheus start(Path dir, String config, Map<String, String> ruleFiles) throws IOException {
    LocalPrometheus prometheus = new LocalPrometheus(dir);
    Files.writeString(dir.resolve("prometheus.yml"), config, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> rules : ruleFiles.entrySet()) {
      Files.writeString(dir.resolve(rules.getKey()), rules.getValue(), StandardCharsets.UTF_8);
    }
    prometheus.start();
    return prometheus;
  }

  public static boolean isInstalled() {
    return Files.isExecutable(BINARY) || DebianPackages.canInstall();
  }

  /** promtool, installing Debian's package when it is missing and we may. */
  public static Path promtool() throws IOException {
    return DebianPackages.ensureBinary(PROMTOOL, INSTALL_HINT, "prometheus");
  }

  @Override
  List<String> command(Path dir, String listen) throws IOException {
    return List.of(DebianPackages.ensureBinary(BINARY, INSTALL_HINT, "prometheus").toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=" + listen, "--log.level=warn");
  }

  /** An instant query; the API's JSON answer. */
  public String query(String promql) throws IOException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
  }
}
