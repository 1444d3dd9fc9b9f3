package org.litmeter.infra.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs Debian packages with apt-get for the real servers and tools litmeter runs (ClickHouse,
 * Chromium), so that a fresh machine needs no manual step; only root may install.
 */
public final class DebianPackages {

  private DebianPackages() {}

  /** Whether this process may install packages. */
  public static boolean canInstall() {
    return "root".equals(System.getProperty("user.name"));
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
