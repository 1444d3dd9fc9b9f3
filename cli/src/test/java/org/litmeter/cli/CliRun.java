package org.litmeter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code ./litmeter ARGS} in this JVM, as the launcher would, and keeps what it printed. */
record CliRun(int exit, String output) {

  /** Runs with the default {@code litmeter.home}. */
  static CliRun of(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Litmeter()).execute(args);
    } finally {
      System.setOut(stdout);
    }
    return new CliRun(exit, captured.toString(StandardCharsets.UTF_8));
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
