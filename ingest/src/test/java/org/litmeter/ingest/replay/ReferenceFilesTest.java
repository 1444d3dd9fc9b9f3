package org.litmeter.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.Region;

class ReferenceFilesTest {

  @TempDir Path dir;
  final List<DeadLetter> deadLetters = new ArrayList<>();
  final ReferenceFiles files = new ReferenceFiles(RecordValidator.anyTime(), deadLetters::add);

  @Test
  void centersFromYaml() throws Exception {
    Path yaml = dir.resolve("centers.yaml");
    Files.writeString(yaml, """
        centers:
          - id: gz-guian-01
            name: 贵安智算中心
            province: Guizhou
            region: west
            planned_accelerators: 4096
            acceptance_start: 2025-01-01
            acceptance_end: 2025-06-30
          - id: sh-lingang-01
            province: Shanghai
            region: east
            planned_accelerators: 2048
          - id: broken
            province: Nowhere
            region: north
            planned_accelerators: 10
          - id: negative
            province: Gansu
            region: west
            planned_accelerators: -1
        """);
    List<CenterRegistration> centers = files.centers(yaml);
    assertThat(centers).extracting(CenterRegistration::getCenterId).containsExactly("gz-guian-01", "sh-lingang-01");
    CenterRegistration gz = centers.get(0);
    assertThat(gz.getName()).isEqualTo("贵安智算中心");
    assertThat(gz.getRegion()).isEqualTo(Region.WEST);
    assertThat(gz.getPlannedAccelerators()).isEqualTo(4096);
    assertThat(gz.getAcceptanceStart()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(gz.getAcceptanceEnd()).isEqualTo(LocalDate.of(2025, 6, 30));
    assertThat(centers.get(1).getName()).as("name defaults to the id").isEqualTo("sh-lingang-01");
    assertThat(deadLetters).extracting(DeadLetter::getReason, DeadLetter::getOrigin).containsExactly(
        org.assertj.core.groups.Tuple.tuple("WRONG_TYPE", yaml + "#15"),
        org.assertj.core.groups.Tuple.tuple("OUT_OF_RANGE", yaml + "#17"));
    assertThat(deadLetters.get(0).getDetail()).isEqualTo("region at line 15 must be east or west, not north");
  }

  @Test
  void leasesAndInventoryFromCsv() throws Exception {
    Path leases = dir.resolve("leases.csv");
    Files.writeString(leases, """
        ts,center,device_uuid,tenant,action
        2025-03-01T08:00:00+08:00,gz-guian-01,GPU-1,vendor-x,start
        1740816000000,gz-guian-01,GPU-1,vendor-x,end
        yesterday,gz-guian-01,GPU-2,t,start
        2025-03-01T00:00:00Z,gz-guian-01,GPU-2,t,pause
        2025-03-01T00:00:00Z,gz-guian-01,GPU-2,,start
        2025-03-01T00:00:00Z,gz-guian-01,GPU-2
        """);
    List<LeaseEvent> l = files.leases(leases);
    assertThat(l).extracting(LeaseEvent::getAction, LeaseEvent::getEventTime).containsExactly(
        org.assertj.core.groups.Tuple.tuple(LeaseAction.START, Instant.parse("2025-03-01T00:00:00Z")),
        org.assertj.core.groups.Tuple.tuple(LeaseAction.END, Instant.ofEpochMilli(1740816000000L)));
    assertThat(deadLetters).extracting(DeadLetter::getReason).containsExactly("WRONG_TYPE", "WRONG_TYPE",
        "MISSING_FIELD", "UNPARSABLE");
    assertThat(deadLetters.get(0).getOrigin()).isEqualTo(leases + "#4");
    assertThat(deadLetters).extracting(DeadLetter::getDetail).containsExactly(
        "line 4: ts is not a timestamp (ISO-8601 with an offset, like 2026-06-01T08:00:00+08:00, or epoch"
            + " milliseconds): yesterday",
        "line 5: the action must be one of start, end, not pause",
        "line 6: tenant is empty",
        "line 7: expected 5 fields (ts,center,device_uuid,tenant,action), found 3");

    Path inventory = dir.resolve("inventory.csv");
    Files.writeString(inventory, """
        ts,center,device_uuid,serial,event
        2025-01-10T00:00:00Z,gz-guian-01,GPU-1,1650123,delivered
        2025-01-12T00:00:00Z,gz-guian-01,GPU-1,1650123,racked
        2025-08-01T00:00:00Z,gz-guian-01,GPU-1,1650123,removed
        """);
    assertThat(files.inventory(inventory)).extracting(DeviceInventoryEvent::getAction)
        .containsExactly(InventoryAction.DELIVERED, InventoryAction.RACKED, InventoryAction.REMOVED);
  }

  @Test
  void aFileWithoutItsHeaderIsOneDeadLetter() throws Exception {
    Path leases = dir.resolve("leases.csv");
    Files.writeString(leases, "2025-03-01T08:00:00Z,gz,GPU-1,t,start\n");
    assertThat(files.leases(leases)).isEmpty();
    assertThat(deadLetters).singleElement().satisfies(d -> assertThat(d.getReason()).isEqualTo("UNPARSABLE"));
  }

  @Test
  void yamlIsReadAsWrittenAndUnknownKeysAndRepeatedIdsAreErrorsWithTheirLines() throws Exception {
    Path yaml = dir.resolve("centers.yaml");
    Files.writeString(yaml, """
        centers:
          - id: 007
            province: no
            region: west
            planned_accelerators: 8
          - id: gz01
            province: Guizhou
            region: west
            planned_accelerators: 16
            acceptance_strat: 2026-01-01
          - id: 007
            province: Gansu
            region: west
            planned_accelerators: 4
          - id: sh01
            province: Shanghai
            region: east
            planned_accelerators: lots
        """);
    List<CenterRegistration> centers = files.centers(yaml);
    assertThat(centers).singleElement().satisfies(c -> {
      assertThat(c.getCenterId()).as("not the number 7").isEqualTo("007");
      assertThat(c.getProvince()).as("not the boolean false").isEqualTo("no");
    });
    assertThat(deadLetters).extracting(DeadLetter::getOrigin, DeadLetter::getReason, DeadLetter::getDetail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(yaml + "#10", "WRONG_TYPE", "unknown key 'acceptance_strat' at line 10"
                + " (known: acceptance_end, acceptance_start, id, name, planned_accelerators, province, region)"),
            org.assertj.core.groups.Tuple.tuple(yaml + "#11", "DUPLICATE",
                "center id 007 is already defined at line 2; each center once"),
            org.assertj.core.groups.Tuple.tuple(yaml + "#18", "WRONG_TYPE",
                "planned_accelerators at line 18 must be a whole number, not lots"));
    assertThat(deadLetters.get(0).getRaw().remaining()).as("the center's lines as raw input").isPositive();
  }

  @Test
  void csvWithQuotesAByteOrderMarkAndCommentsLoads() throws Exception {
    Path leases = dir.resolve("leases.csv");
    Files.writeString(leases, "\uFEFFts,center,device_uuid,tenant,action\r\n"
        + "# exported 2026-06-01\r\n"
        + "2025-03-01T08:00:00+08:00,gz01,GPU-1,\"Acme, Inc.\",start\r\n"
        + "\r\n"
        + "2025-03-01T09:00:00+08:00,gz01,GPU-2,\"北京某科技有限公司\",start\r\n"
        + ",gz01,GPU-3,t,start\r\n");
    assertThat(files.leases(leases)).extracting(LeaseEvent::getTenant)
        .containsExactly("Acme, Inc.", "北京某科技有限公司");
    assertThat(deadLetters).singleElement().satisfies(d -> {
      assertThat(d.getOrigin()).isEqualTo(leases + "#6");
      assertThat(d.getReason()).isEqualTo("MISSING_FIELD");
      assertThat(d.getDetail()).isEqualTo("line 6: ts is empty");
    });
  }

  @Test
  void aStrayQuoteCostsItsOwnRowOnly() throws Exception {
    Path leases = dir.resolve("leases.csv");
    Files.writeString(leases, "ts,center,device_uuid,tenant,action\n"
        + "2025-03-01T08:00:00+08:00,gz01,GPU-1,\"Acme, Inc.\",start\n"
        + "2025-03-01T08:00:00+08:00,gz01,GPU-2,\"Acme, Inc.\"x,start\n"
        + "2025-03-01T08:00:00+08:00,gz01,GPU-3,\"Acme, Inc.,start\n"
        + "2025-03-01T08:00:00+08:00,gz01,GPU-4,llm-lab,start\n"
        + "   \n"
        + "2025-03-01T08:00:00+08:00,gz01,GPU-5,\"Acme, Inc.\",start\n");
    assertThat(files.leases(leases)).extracting(LeaseEvent::getDeviceUuid).containsExactly("GPU-1", "GPU-4", "GPU-5");
    assertThat(deadLetters).extracting(DeadLetter::getOrigin).containsExactly(leases + "#3", leases + "#4");
    assertThat(deadLetters.get(0).getDetail()).startsWith("line 3 is not CSV: a quote in the middle of a field");
    assertThat(deadLetters.get(1).getDetail()).isEqualTo("line 4 is not CSV: a quote on it is not closed on that line");
  }

  @Test
  void aGbkExportIsNamedAsSuchAndLoadsWithItsEncoding() throws Exception {
    Path leases = dir.resolve("leases-gbk.csv");
    String text = "ts,center,device_uuid,tenant,action\n2025-03-01T08:00:00+08:00,gz01,GPU-1,贵州算力公司,start\n";
    Files.write(leases, text.getBytes(java.nio.charset.Charset.forName("GBK")));
    assertThat(files.leases(leases)).isEmpty();
    assertThat(deadLetters).singleElement().satisfies(d -> {
      assertThat(d.getOrigin()).isEqualTo(leases + "#2");
      assertThat(d.getDetail()).isEqualTo("the file is not valid UTF-8 at line 2; an export from a Chinese"
          + " spreadsheet is often GBK: load it with --encoding GBK");
    });
    ReferenceFiles gbk = new ReferenceFiles(RecordValidator.anyTime(), deadLetters::add,
        java.nio.charset.Charset.forName("GBK"));
    assertThat(gbk.leases(leases)).extracting(LeaseEvent::getTenant).containsExactly("贵州算力公司");
  }
}
