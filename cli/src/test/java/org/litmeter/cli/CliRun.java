package org.litmeter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs {@code ./litmeter ARGS} in this JVM, as the launcher would, and keeps what it printed on
 * standard output ({@link #output}) and standard error ({@link #errors}).
 */
record CliRun(int exit, String output, String errors) {

  /** Runs with the default {@code litmeter.home}. */
  static CliRun of(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ByteArrayOutputStream capturedErrors = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(capturedErrors, true, StandardCharsets.UTF_8));
      CommandLine cli = Litmeter.commandLine();
      cli.setErr(new PrintWriter(System.err, true));
      cli.setOut(new PrintWriter(System.out, true));
      exit = cli.execute(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    String errors = capturedErrors.toString(StandardCharsets.UTF_8);
    stderr.print(errors);
    return new CliRun(exit, captured.toString(StandardCharsets.UTF_8), errors);
  }

  /** Runs with {@code litmeter.home} set to {@code home} for the duration of the command. */
  static CliRun in(Path home, String... args) {
    String previousHome = System.getProperty("litmeter.home");
    System.setProperty("litmeter.home", home.toString());
    try {
      return of(args);
    } finally {
      if (previousHome == null) {
        System.clearProperty("litmeter.home");
      } else {
        System.setProperty("litmeter.home", previousHome);
      }
    }
  }
}
