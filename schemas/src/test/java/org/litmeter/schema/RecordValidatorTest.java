package org.litmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

  private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private final RecordValidator validator = new RecordValidator(NOW - 3_600_000, NOW + 300_000);

  private RejectReason reasonFor(Consumer<GpuSample> change) {
    GpuSample s = AvroCodecTest.fullSample();
    s.setEventTime(Instant.ofEpochMilli(NOW));
    change.accept(s);
    RecordValidator.Rejection r = validator.validate(s);
    return r == null ? null : r.reason();
  }

  @Test
  void aCompleteSampleIsValid() {
    assertThat(reasonFor(s -> {})).isNull();
  }

  @Test
  void aSampleWithOnlyPowerOrOnlyActivityIsValid() {
    assertThat(reasonFor(s -> { s.setGpuUtil(null); s.setSmActive(null); })).isNull();
    assertThat(reasonFor(s -> { s.setGpuUtil(null); s.setPowerW(null); })).isNull();
  }

  @Test
  void everyRuleHasItsReason() {
    assertThat(reasonFor(s -> s.setCenter(" "))).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(reasonFor(s -> s.setDeviceUuid(""))).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(reasonFor(s -> s.setHost("h".repeat(300)))).isEqualTo(RejectReason.OVERSIZED_LABEL);
    assertThat(reasonFor(s -> s.setTenant("t".repeat(257)))).isEqualTo(RejectReason.OVERSIZED_LABEL);
    assertThat(reasonFor(s -> s.setGpuUtil(Double.NaN))).isEqualTo(RejectReason.NOT_FINITE);
    assertThat(reasonFor(s -> s.setPowerW(Double.POSITIVE_INFINITY))).isEqualTo(RejectReason.NOT_FINITE);
    assertThat(reasonFor(s -> s.setGpuUtil(100.5))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setGpuUtil(-1.0))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setSmActive(1.2))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setPowerW(-3.0))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setTemperatureC(400.0))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setEnergyMj(-1L))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setXidLast(-1))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setDeviceIndex(-1))).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(reasonFor(s -> { s.setGpuUtil(null); s.setSmActive(null); s.setPowerW(null); }))
        .isEqualTo(RejectReason.NO_METRICS);
    assertThat(reasonFor(s -> s.setEventTime(Instant.ofEpochMilli(NOW + 600_000))))
        .isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE);
    assertThat(reasonFor(s -> s.setEventTime(Instant.ofEpochMilli(NOW - 7_200_000))))
        .isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE);
  }

  @Test
  void inventoryLeasesAndRegistryHaveRulesToo() {
    DeviceInventoryEvent inventory = DeviceInventoryEvent.newBuilder().setCenter("c").setDeviceUuid("d")
        .setSerial("s").setAction(InventoryAction.UNKNOWN).setEventTime(Instant.ofEpochMilli(NOW)).build();
    assertThat(validator.validate(inventory).reason()).isEqualTo(RejectReason.WRONG_TYPE);
    LeaseEvent lease = LeaseEvent.newBuilder().setCenter("c").setDeviceUuid("d").setTenant("")
        .setAction(LeaseAction.START).setEventTime(Instant.ofEpochMilli(NOW)).build();
    assertThat(validator.validate(lease).reason()).isEqualTo(RejectReason.MISSING_FIELD);
    CenterRegistration center = CenterRegistration.newBuilder().setCenterId("c").setName("n").setProvince("p")
        .setRegion(Region.EAST).setPlannedAccelerators(10).setAcceptanceStart(LocalDate.of(2025, 6, 1))
        .setAcceptanceEnd(LocalDate.of(2025, 1, 1)).setUpdatedAt(Instant.EPOCH).build();
    assertThat(validator.validate(center).reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    center.setAcceptanceEnd(LocalDate.of(2025, 12, 1));
    assertThat(validator.validate(center)).as("registry update times are not bounded").isNull();
  }
}
