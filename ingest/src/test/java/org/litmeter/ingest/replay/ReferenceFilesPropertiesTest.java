package org.litmeter.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.RecordValidator;

/**
 * Properties that must hold for any registry, lease or inventory file: damaged lines never make
 * the loader throw, every dead letter names a line of the file and says why, and no row that was
 * not damaged is lost. Files are random (mixed timestamp styles, Chinese names, quoted fields) and
 * damaged in random lines; inputs come from fixed seeds, so a failure names the seed.
 */
class ReferenceFilesPropertiesTest {

  /** What a damaged line may gain: no quote, no newline, no comment marker (those are below). */
  private static final String DAMAGE = "abc019,:;- .+T Z\t中心\u00e9\\/";

  @TempDir Path dir;

  @Test
  void damagedCsvRowsAreDeadLettersAndTheRestLoads() throws Exception {
    for (long seed = 0; seed < 1500; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      boolean leases = r.nextBoolean();
      List<String> lines = new ArrayList<>();
      lines.add(leases ? ReferenceFiles.LEASES_HEADER : ReferenceFiles.INVENTORY_HEADER);
      Set<Integer> damaged = new HashSet<>();
      int rows = r.nextInt(1, 40);
      for (int i = 0; i < rows; i++) {
        String row = leases ? leaseRow(r) : inventoryRow(r);
        if (r.nextInt(4) == 0) {
          row = damage(row, r);
          damaged.add(lines.size() + 1);
        }
        lines.add(row);
      }
      Path file = write("rows-" + seed + ".csv", lines);
      List<DeadLetter> dead = new ArrayList<>();
      ReferenceFiles files = new ReferenceFiles(RecordValidator.anyTime(), dead::add);
      int loaded = leases ? files.leases(file).size() : files.inventory(file).size();

      assertWellFormed(dead, file, lines.size(), seed);
      Set<Integer> rejectedLines = new HashSet<>();
      dead.forEach(d -> rejectedLines.add(lineOf(d)));
      assertThat(rejectedLines).as("seed %d: only damaged rows are set aside", seed).isSubsetOf(damaged);
      long blank = damaged.stream().filter(l -> lines.get(l - 1).isBlank()).count();
      assertThat(loaded + dead.size()).as("seed %d: every row is loaded or a dead letter: %s in %s", seed,
          dead.stream().map(d -> d.getOrigin() + " " + d.getDetail()).toList(), String.join("\n", lines))
          .isEqualTo(rows - blank);
    }
  }

  @Test
  void strayQuotesNeverThrowAndTheRowsBeforeThemLoad() throws Exception {
    for (long seed = 0; seed < 500; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> lines = new ArrayList<>(List.of(ReferenceFiles.LEASES_HEADER));
      int rows = r.nextInt(2, 20);
      int quoted = r.nextInt(1, rows + 1);
      for (int i = 1; i <= rows; i++) {
        String row = leaseRow(r);
        if (i == quoted) {
          int at = r.nextInt(row.length() + 1);
          row = row.substring(0, at) + "\"" + row.substring(at);
        }
        lines.add(row);
      }
      Path file = write("quotes-" + seed + ".csv", lines);
      List<DeadLetter> dead = new ArrayList<>();
      int loaded = new ReferenceFiles(RecordValidator.anyTime(), dead::add).leases(file).size();
      assertWellFormed(dead, file, lines.size(), seed);
      assertThat(loaded).as("seed %d", seed).isGreaterThanOrEqualTo(quoted - 1);
    }
  }

  @Test
  void damagedRegistriesNeverThrowAndSayWhere() throws Exception {
    String yamlDamage = DAMAGE + "\"'#[]{}&*!|>%@`";
    for (long seed = 0; seed < 1500; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> lines = new ArrayList<>(List.of("# registry " + seed, "centers:"));
      int centers = r.nextInt(1, 8);
      for (int c = 0; c < centers; c++) {
        lines.add("  - id: c" + r.nextInt(20));
        lines.add("    name: 智算中心" + c);
        lines.add("    province: " + (r.nextBoolean() ? "Guangdong" : "广东"));
        lines.add("    region: " + (r.nextBoolean() ? "east" : "west"));
        lines.add("    planned_accelerators: " + r.nextInt(1, 20_000));
        if (r.nextBoolean()) {
          lines.add("    acceptance_start: 2026-0" + r.nextInt(1, 10) + "-01");
          lines.add("    acceptance_end: 2026-12-31");
        }
      }
      int edits = r.nextInt(0, 4);
      for (int e = 0; e < edits; e++) {
        int at = r.nextInt(lines.size());
        String line = lines.get(at);
        int pos = r.nextInt(line.length() + 1);
        lines.set(at, switch (r.nextInt(3)) {
          case 0 -> line.substring(0, pos) + yamlDamage.charAt(r.nextInt(yamlDamage.length())) + line.substring(pos);
          case 1 -> line.substring(0, pos);
          default -> " ".repeat(r.nextInt(1, 4)) + line;
        });
      }
      Path file = write("centers-" + seed + ".yaml", lines);
      List<DeadLetter> dead = new ArrayList<>();
      int loaded = new ReferenceFiles(RecordValidator.anyTime(), dead::add).centers(file).size();
      assertWellFormed(dead, file, lines.size(), seed);
      if (edits == 0) {
        Set<String> ids = new HashSet<>();
        lines.stream().filter(l -> l.startsWith("  - id: ")).forEach(l -> ids.add(l.substring(8)));
        assertThat(loaded).as("seed %d: an undamaged registry loads each id once", seed).isEqualTo(ids.size());
      }
    }
  }

  private static void assertWellFormed(List<DeadLetter> dead, Path file, int lines, long seed) {
    for (DeadLetter d : dead) {
      assertThat(d.getOrigin()).as("seed %d", seed).startsWith(file + "#");
      assertThat(lineOf(d)).as("seed %d: %s", seed, d.getDetail()).isBetween(1, lines + 1);
      assertThat(d.getDetail()).as("seed %d", seed).isNotBlank().doesNotContain("Exception");
    }
  }

  private static int lineOf(DeadLetter d) {
    return Integer.parseInt(d.getOrigin().substring(d.getOrigin().lastIndexOf('#') + 1));
  }

  private Path write(String name, List<String> lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static String leaseRow(SplittableRandom r) {
    return String.join(",", timestamp(r), "c" + r.nextInt(5), device(r), tenant(r),
        r.nextBoolean() ? "start" : "END");
  }

  private static String inventoryRow(SplittableRandom r) {
    return String.join(",", timestamp(r), "c" + r.nextInt(5), device(r), "SN" + r.nextInt(1_000_000),
        List.of("racked", "removed", "RACKED").get(r.nextInt(3)));
  }

  private static String timestamp(SplittableRandom r) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextLong(0, 300L * 86_400));
    return switch (r.nextInt(3)) {
      case 0 -> t.toString();
      case 1 -> t.atOffset(ZoneOffset.ofHours(8)).toString();
      default -> Long.toString(t.toEpochMilli());
    };
  }

  private static String device(SplittableRandom r) {
    return "GPU-" + Long.toHexString(r.nextLong(1L << 40));
  }

  private static String tenant(SplittableRandom r) {
    return r.nextInt(5) == 0 ? "\"Acme, Inc.\"" : r.nextBoolean() ? "llm-lab" : "某大模型公司";
  }

  /** One to three edits that may break the row: characters inserted, cut or removed. */
  private static String damage(String row, SplittableRandom r) {
    String s = row;
    int edits = r.nextInt(1, 4);
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(s.length() + 1);
      s = switch (r.nextInt(3)) {
        case 0 -> s.substring(0, at) + DAMAGE.charAt(r.nextInt(DAMAGE.length())) + s.substring(at);
        case 1 -> s.substring(0, at);
        default -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(6)));
      };
    }
    return s;
  }
}
