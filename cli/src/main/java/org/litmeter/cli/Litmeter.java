package org.litmeter.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./litmeter} command line. */
@Command(name = "litmeter", mixinStandardHelpOptions = true, version = "litmeter 0.1.0",
    description = "Trustworthy racked, lit and occupied rates for AI compute centers.",
    subcommands = {DemoCommand.class, UpCommand.class, IngestCommand.class, AlertsCommand.class,
        EvaluateCommand.class, RestateCommand.class, BackfillCommand.class, ClusterCommand.class, JobCommand.class,
        BenchCommand.class, SqlCommand.class, ReportCommand.class, AccessCommand.class, CommandLine.HelpCommand.class})
public final class Litmeter {

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, show the Java trace as well")
  boolean verbose;

  /** The repository: {@code litmeter.root} (set by the launcher and the build), else the working directory. */
  static Path root() {
    return Path.of(System.getProperty("litmeter.root", ".")).toAbsolutePath();
  }

  /** Where local runs keep their data: {@code .litmeter} in the repository (the launcher sets it). */
  static Path home() {
    return Path.of(System.getProperty("litmeter.home", ".litmeter")).toAbsolutePath();
  }

  /** The command line, with litmeter's error style ({@link CliErrors}). */
  static CommandLine commandLine() {
    return new CommandLine(new Litmeter()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new CliErrors());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
