package org.litmeter.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The classpaths litmeter runs on hold one LZ4, the maintained fork, never org.lz4 1.8.0 (CVE-2025-12183). */
class ClasspathsTest {

  @Test
  void noClasspathHoldsTheVulnerableLz4() {
    for (String classpath : List.of(System.getProperty("java.class.path"),
        JavaCommand.classpathResource("/org/litmeter/infra/flink-cluster.classpath"),
        JavaCommand.classpathResource("/org/litmeter/infra/kafka-broker.classpath"))) {
      List<String> lz4 = List.of(classpath.split(java.io.File.pathSeparator)).stream()
          .filter(jar -> jar.contains("lz4")).toList();
      assertThat(lz4).as(classpath.substring(0, Math.min(80, classpath.length())))
          .allMatch(jar -> jar.contains("/at/yawk/lz4/")).noneMatch(jar -> jar.contains("/org/lz4/"));
    }
  }
}
