package org.litmeter.infra.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private Alertmanager from Debian's {@code prometheus-alertmanager} (installed with apt when
 * missing and we are root), on its own configuration, storage and free port, with clustering off.
 */
public final class LocalAlertmanager extends ReadyCheckedServer {

  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  public static final String INSTALL_HINT = "install Alertmanager: sudo apt-get install -y prometheus-alertmanager";

  private LocalAlertmanager(Path dir) throws IOException {
    super("alertmanager", dir);
  }

  /** Writes {@code config} (alertmanager.yml) into {@code dir} and starts Alertmanager on it. */
  public static LocalAlertmanager start(Path dir, String config) throws IOException {
    LocalAlertmanager alertmanager = new LocalAlertmanager(dir);
    Files.writeString(dir.resolve("alertmanager.yml"), config, StandardCharsets.UTF_8);
    alertmanager.start();
    return alertmanager;
  }

  public static boolean isInstalled() {
    return Files.isExecutable(BINARY) || DebianPackages.canInstall();
  }

  @Override
  List<String> command(Path dir, String listen) throws IOException {
    return List.of(DebianPackages.ensureBinary(BINARY, INSTALL_HINT, "prometheus-alertmanager").toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=" + listen, "--cluster.listen-address=", "--log.level=warn");
  }

  /** The alerts Alertmanager holds now, as its API v2 lists them (JSON). */
  public String alerts() throws IOException {
    return get("/api/v2/alerts").body();
  }
}
