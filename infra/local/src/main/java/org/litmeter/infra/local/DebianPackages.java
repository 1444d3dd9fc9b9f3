package org.litmeter.infra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Installs Debian packages with apt-get for the real servers and tools litmeter runs (ClickHouse,
 * Chromium, Alertmanager, Prometheus), so that a fresh machine needs no manual step; only root may install.
 */
public final class DebianPackages {

  private DebianPackages() {}

  /** Whether this process may install packages. */
  public static boolean canInstall() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * {@code binary}, installing {@code packages} with apt first when it is missing and we may;
   * otherwise an error that ends with {@code hint}.
   */
  public static Path ensureBinary(Path binary, String hint, String... packages) throws IOException {
    if (Files.isExecutable(binary)) {
      return binary;
    }
    if (!canInstall()) {
      throw new IOException("no " + binary + " found; " + hint);
    }
    LoggerFactory.getLogger(DebianPackages.class).warn("{} is not installed; installing {} with apt-get", binary,
        String.join(" ", packages));
    install(hint, packages);
    if (!Files.isExecutable(binary)) {
      throw new IOException("apt-get installed " + String.join(" ", packages) + " but " + binary
          + " is missing; " + hint);
    }
    return binary;
  }

  /**
   * {@code apt-get update}, then {@code apt-get install -y} the packages, non-interactively, with
   * apt's output on ours; {@code hint} (what to do by hand) ends the error when either fails.
   */
  public static void install(String hint, String... packages) throws IOException {
    run(List.of("apt-get", "update", "-qq"), hint);
    List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
    install.addAll(List.of(packages));
    run(install, hint);
  }

  private static void run(List<String> command, String hint) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = builder.start();
    p.getOutputStream().close();
    try {
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 15 minutes; " + hint);
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "); " + hint);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }
}
