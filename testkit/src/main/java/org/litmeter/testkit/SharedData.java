package org.litmeter.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference data beside the project ({@code ../shared/data}): real exporter output and real
 * production traces that are never copied into the repository. A test that needs a file calls
 * {@link #require}: without the file it is skipped on a developer's machine, and fails under CI
 * (when the {@code CI} environment variable is set), where the data must be present.
 */
public final class SharedData {

  private SharedData() {}

  /** The repository root: the {@code litmeter.root} system property set by the build, else the working directory's ancestors. */
  public static Path projectRoot() {
    String root = System.getProperty("litmeter.root");
    if (root != null && !root.isBlank()) {
      return Path.of(root);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".ci/run")) && !Files.exists(dir.resolve("litmeter"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }

  /** {@code ../shared/data} from the project root. */
  public static Path directory() {
    return projectRoot().resolve("../shared/data").normalize();
  }

  /** A file of the shared data; skips the test when it is absent, or fails it under CI. */
  public static Path require(String relativePath) {
    Path file = directory().resolve(relativePath);
    if (!Files.exists(file)) {
      String message = "shared reference data " + file + " is missing";
      if (System.getenv("CI") != null) {
        Assertions.fail(message + " (CI is set: the data must be present)");
      }
      Assumptions.abort(message + "; skipping (set up ../shared/data to run this test)");
    }
    return file;
  }
}
