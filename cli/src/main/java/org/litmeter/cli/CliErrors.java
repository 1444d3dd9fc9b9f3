package org.litmeter.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * litmeter's one error style: a line saying what went wrong, a line saying what to do, a non-zero
 * exit; the Java trace only with {@code --verbose}.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println("litmeter " + command.getCommandName() + ": " + describe(e));
    String hint = hint(e);
    if (hint != null) {
      err.println("  " + hint);
    }
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else {
      err.println("  (--verbose shows the Java trace)");
    }
    err.flush();
    return 1;
  }

  private static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return System.getenv("LITMETER_VERBOSE") != null;
  }

  /** The messages along the cause chain, each once: what failed, then why. */
  static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
      String message = t.getMessage() == null || t.getMessage().isBlank() ? name(t) : t.getMessage().strip();
      if (parts.stream().noneMatch(p -> p.contains(message))) {
        parts.add(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return String.join(": ", parts).replaceAll("\\s*\\n\\s*", " ");
  }

  private static String name(Throwable t) {
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    if (t instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
      return "no answer in time";
    }
    if (t instanceof UnknownHostException) {
      return "unknown host";
    }
    return t.getClass().getSimpleName();
  }

  /** What to do, for the failures a person can act on. */
  static String hint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return "is the server running, and are the host and port right? (./litmeter up prints them)";
      }
      if (t instanceof UnknownHostException) {
        return "check the host name in the URL or address";
      }
      if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
        return "the server's certificate was not accepted: give its authority (--clickhouse-ca FILE or"
            + " LITMETER_CLICKHOUSE_CA for ClickHouse, ssl.truststore.* in --kafka-config for Kafka), and use"
            + " the host name the certificate names";
      }
      if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
        return "check the file's path";
      }
      if (t instanceof AccessDeniedException) {
        return "check the file's permissions";
      }
    }
    return null;
  }
}
