package org.litmeter.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.litmeter.infra.local.DebianPackages;
import org.litmeter.infra.local.Directories;

/**
 * Debian's Chromium, headless, for tests of pages we generate: loads a file, takes a screenshot,
 * and returns what the page wrote to the browser console (script errors included). Installs the
 * {@code chromium} package (and for Chinese pages {@code fonts-noto-cjk}) with apt when missing and
 * running as root; otherwise the test is skipped on a developer's machine and fails under CI.
 */
public final class HeadlessChromium {

  private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/chromium"),
      Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** What loading a page produced. */
  public record PageLoad(int exitCode, List<String> consoleMessages, Path screenshot) {}

  public static HeadlessChromium require() throws IOException, InterruptedException {
    Optional<Path> found = find();
    String message = "no Chromium found (apt-get install chromium)";
    if (found.isEmpty() && DebianPackages.canInstall()) {
      try {
        DebianPackages.install(message, "chromium");
      } catch (IOException e) {
        message = e.getMessage();
      }
      found = find();
    }
    if (found.isEmpty()) {
      missing(message);
    }
    return new HeadlessChromium(found.get());
  }

  /** Chromium with a font for simplified Chinese (Debian's {@code fonts-noto-cjk}), installed like Chromium. */
  public static HeadlessChromium requireWithChineseFonts() throws IOException, InterruptedException {
    HeadlessChromium chromium = require();
    String message = "no font for simplified Chinese (apt-get install fonts-noto-cjk)";
    if (!hasChineseFont() && DebianPackages.canInstall()) {
      try {
        DebianPackages.install(message, "fonts-noto-cjk");
      } catch (IOException e) {
        message = e.getMessage();
      }
    }
    if (!hasChineseFont()) {
      missing(message);
    }
    return chromium;
  }

  private static boolean hasChineseFont() throws IOException, InterruptedException {
    Process fc = new ProcessBuilder("fc-list", ":lang=zh-cn", "family").redirectErrorStream(true).start();
    fc.getOutputStream().close();
    String fonts = new String(fc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return fc.waitFor(30, TimeUnit.SECONDS) && fc.exitValue() == 0 && !fonts.isBlank();
  }

  /** Skipped on a developer's machine, a failure under CI. */
  private static void missing(String message) {
    if (System.getenv("CI") != null) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
  }

  private static Optional<Path> find() {
    return BINARIES.stream().filter(Files::isExecutable).findFirst();
  }

  /** Loads {@code page} in a {@code width} x {@code height} window and writes a PNG screenshot. */
  public PageLoad load(Path page, Path screenshot, int width, int height) throws IOException, InterruptedException {
    Path logs = Files.createTempDirectory("litmeter-chromium-");
    Path log = logs.resolve("stderr.log");
    try {
      // no --user-data-dir: given one, Chromium 156 headless takes its screenshot with no text drawn
      // (headless makes a throw-away profile of its own)
      Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
          "--hide-scrollbars", "--no-first-run",
          "--window-size=" + width + "," + height, "--enable-logging=stderr", "--v=0",
          "--screenshot=" + screenshot.toAbsolutePath(), page.toAbsolutePath().toUri().toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("Chromium did not finish loading " + page);
      }
      List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.contains(":CONSOLE")).toList();
      return new PageLoad(p.exitValue(), console, screenshot);
    } finally {
      Directories.deleteTree(logs);
    }
  }
}
