package org.litmeter.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.schema.DeadLetter;
import org.litmeter.testkit.SharedData;

/**
 * Bad rows and broken archives in the trace files: each unreadable row is a dead letter naming its
 * line, the rows around it are replayed, and an archive cut short keeps what came before the cut.
 */
class AlibabaTracesTest {

  @TempDir Path dir;
  final List<DeadLetter> dead = new ArrayList<>();
  final AlibabaTraces traces = new AlibabaTraces(Path.of("unused"), dead::add);

  @Test
  void unreadableDutyCycleRowsAreDeadLettersAndTheOthersAreRead() throws Exception {
    Path archive = tarGz("duty.tar.gz", """
        value,timestamp_anon,container_ip
        12.5,1662858720.0,pod-a
        twelve,1662858720.0,pod-b
        NaN,1662858780.0,pod-a
        7.0,1662858780.0
        0.0,1662858840.0,None
        40.0,1662858840.0,pod-b
        """);
    assertThat(traces.dutyCycles(archive)).extracting(AlibabaTraces.DutyCycle::pod).containsExactly("pod-a", "pod-b");
    assertThat(dead).extracting(DeadLetter::getOrigin)
        .containsExactly(archive + "#3", archive + "#4", archive + "#5");
    assertThat(dead.get(0).getDetail()).isEqualTo("line 3: value is not a number: 'twelve'");
    assertThat(dead.get(2).getDetail()).isEqualTo("line 5: expected 3 fields, found 2");
    assertThat(traces.brokenFiles()).isEmpty();
    assertThat(traces.rejectedRows()).isEqualTo(3);
  }

  @Test
  void aTruncatedArchiveKeepsTheRowsBeforeTheCutAndIsABrokenFile() throws Exception {
    StringBuilder csv = new StringBuilder("value,timestamp_anon,container_ip\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(i % 100).append(".0,").append(1662858720 + i * 60).append(".0,pod-").append(i % 37).append('\n');
    }
    Path whole = tarGz("whole.tar.gz", csv.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length * 2 / 3));

    List<AlibabaTraces.DutyCycle> read = traces.dutyCycles(cut);
    assertThat(read).hasSizeBetween(1000, 19_999);
    assertThat(read).isEqualTo(new AlibabaTraces(dir, d -> { }).dutyCycles(whole).subList(0, read.size()));
    assertThat(traces.brokenFiles()).singleElement().asString().startsWith(cut + "#").contains("truncated");
    assertThat(dead).singleElement().satisfies(d -> assertThat(d.getDetail())
        .contains("the rows before this line were replayed"));
  }

  @Test
  void podsWithUnreadableCountsOrTimesAreDeadLetters() throws Exception {
    Path pods = Files.writeString(dir.resolve("pods.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        p0,1000,1024,1,1000,,LS,Running,0,600,0
        p1,1000,1024,-3,1000,,LS,Running,0,600,0
        p2,1000,1024,2,1000,,LS,Running,0,6x0,0
        p3,1000,1024,2,1000,,LS,Pending,0,,
        p4,1000,1024,4,1000,,LS,Running,0,900,300
        """);
    assertThat(traces.podsOverlapping(pods, AlibabaTraces.OPENB_EPOCH.toEpochMilli(),
        AlibabaTraces.OPENB_EPOCH.toEpochMilli() + 3_600_000)).extracting(AlibabaTraces.Pod::name)
        .containsExactly("p0", "p4");
    assertThat(dead).extracting(DeadLetter::getDetail).containsExactly(
        "line 3: num_gpu is not a count of GPUs (0 to 1024): '-3'",
        "line 4: deletion_time is not whole seconds: '6x0'");
  }

  /** Damaged rows of the real pod list: every undamaged GPU pod is still read, and nothing throws. */
  @Test
  void damagedRowsOfTheRealPodListCostOnlyThemselves() throws Exception {
    List<String> real = Files.readAllLines(SharedData.require("alibaba-clusterdata/" + AlibabaTraces.OPENB_PODS))
        .subList(0, 2001);
    Set<String> expected = new HashSet<>();
    for (AlibabaTraces.Pod p : new AlibabaTraces(dir, d -> { }).podsOverlapping(write("real.csv", real),
        Long.MIN_VALUE / 4, Long.MAX_VALUE / 4)) {
      expected.add(p.name());
    }
    assertThat(expected).hasSizeGreaterThan(1000);
    for (long seed = 0; seed < 200; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> lines = new ArrayList<>(real);
      Set<String> damaged = new HashSet<>();
      for (int i = 1; i < lines.size(); i++) {
        if (r.nextInt(10) == 0) {
          String line = lines.get(i);
          int at = r.nextInt(line.length());
          lines.set(i, switch (r.nextInt(3)) {
            case 0 -> line.substring(0, at);
            case 1 -> line.substring(0, at) + "x,;-".charAt(r.nextInt(4)) + line.substring(at);
            default -> line.substring(0, at) + line.substring(at + 1);
          });
          damaged.add(line.substring(0, line.indexOf(',')));
        }
      }
      dead.clear();
      Set<String> read = new HashSet<>();
      for (AlibabaTraces.Pod p : traces.podsOverlapping(write("damaged-" + seed + ".csv", lines),
          Long.MIN_VALUE / 4, Long.MAX_VALUE / 4)) {
        read.add(p.name());
      }
      Set<String> undamaged = new HashSet<>(expected);
      undamaged.removeAll(damaged);
      assertThat(read).as("seed %d", seed).containsAll(undamaged);
      assertThat(dead).as("seed %d", seed).allSatisfy(d -> assertThat(d.getOrigin()).matches(".*#\\d+"));
    }
  }

  private Path write(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
  }

  /** A .tar.gz holding one file with {@code content}, as the trace is published. */
  private Path tarGz(String name, String content) throws IOException {
    byte[] body = content.getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[512];
    byte[] file = "trace.csv".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(file, 0, header, 0, file.length);
    byte[] size = String.format("%011o\0", body.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, size.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(header);
      gz.write(body);
      gz.write(new byte[512 - body.length % 512 + 1024]);
    }
    return Files.write(dir.resolve(name), out.toByteArray());
  }
}
