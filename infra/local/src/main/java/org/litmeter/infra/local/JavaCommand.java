package org.litmeter.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs: this JVM's java binary, a classpath, and {@link OrphanGuard} in front. */
public final class JavaCommand {

  private JavaCommand() {}

  /** The java executable of the running JVM. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Where this module's classes are (a jar or a classes directory): it holds {@link OrphanGuard}. */
  public static String ownLocation() {
    try {
      return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A classpath written at build time into a resource by the dependency plugin. */
  public static String classpathResource(String resource) {
    try (InputStream in = JavaCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + resource
            + " is missing: build the project first (mvn -DskipTests install)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What every JVM that runs the job needs: Avro's trusted packages and Flink's usual opens on
   * Java 17 (the same file is the launcher's and the tests' java @argfile).
   */
  public static List<String> jobJvmOptions() {
    return List.of(classpathResource("/org/litmeter/infra/job-jvm.options").split("\\s+"));
  }

  /** {@code java <jvmOptions> -cp <classpath>:<own> OrphanGuard <mainClass> <args>}. */
  public static List<String> guarded(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath + File.pathSeparator + ownLocation());
    command.add(OrphanGuard.class.getName());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
