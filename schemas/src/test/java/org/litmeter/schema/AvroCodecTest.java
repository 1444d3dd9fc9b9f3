package org.litmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

  static final Instant T = Instant.parse("2026-06-01T00:00:01.234Z");

  static GpuSample fullSample() {
    return GpuSample.newBuilder()
        .setCenter("c01").setHost("node-1").setDeviceUuid("GPU-1/3").setDeviceIndex(2).setVendor("nvidia")
        .setModel("NVIDIA H100 80GB HBM3").setEventTime(T).setGpuUtil(97.5).setSmActive(0.81).setSmOccupancy(0.4)
        .setTensorActive(0.3).setDramActive(0.5).setGrEngineActive(0.97).setPowerW(612.25).setEnergyMj(123456789L)
        .setFbUsedMib(70000.0).setTemperatureC(71.0).setXidLast(79).setPcieTxBytesPerS(1.5e9).setPcieRxBytesPerS(2e9)
        .setTenant("team-llm").setSerial("1650123456789").setMigProfile("1g.10gb").setSource("dcgm-exporter")
        .build();
  }

  @Test
  void everyRecordTypeRoundTrips() throws Exception {
    assertRoundTrip(GpuSample.class, fullSample());
    assertRoundTrip(GpuSample.class, GpuSample.newBuilder().setCenter("c").setHost("h").setDeviceUuid("d")
        .setDeviceIndex(0).setVendor("v").setModel("m").setEventTime(T).build());
    assertRoundTrip(DeviceInventoryEvent.class, DeviceInventoryEvent.newBuilder().setCenter("c01")
        .setDeviceUuid("GPU-1").setSerial("SN1").setAction(InventoryAction.REMOVED).setEventTime(T).build());
    assertRoundTrip(LeaseEvent.class, LeaseEvent.newBuilder().setCenter("c01").setDeviceUuid("GPU-1")
        .setTenant("t").setAction(LeaseAction.END).setEventTime(T).build());
    assertRoundTrip(CenterRegistration.class, CenterRegistration.newBuilder().setCenterId("c01")
        .setName("贵安智算中心").setProvince("贵州").setRegion(Region.WEST).setPlannedAccelerators(4096)
        .setAcceptanceStart(LocalDate.of(2025, 1, 1)).setAcceptanceEnd(LocalDate.of(2025, 6, 30))
        .setUpdatedAt(T).build());
    assertRoundTrip(UtilizationRates.class, UtilizationRates.newBuilder().setScope(Scope.PROVINCE)
        .setScopeId("Guizhou").setResolution(Resolution.HOUR).setWindowStart(T).setWindowEnd(T.plusSeconds(3600))
        .setBaseWindows(12).setReportedWindows(11).setCenters(3).setReportingCenters(2).setPlanned(100)
        .setRackedDeviceWindows(800).setLitDeviceWindows(300).setOccupiedDeviceWindows(400).setRacked(66.7)
        .setLit(25).setOccupied(33.3).setRackedRate(0.667).setLitRate(null).setOccupiedRate(0.5).setMeanGpuUtil(12.0)
        .setMeanSmActive(null).setEnergyKwh(1.5).setSampleCount(9000).setLateSamples(3).setDuplicateSamples(1)
        .setUnrackedSamples(0).build());
    assertRoundTrip(Alert.class, Alert.newBuilder().setAlertId("a1").setKind("hollow_load")
        .setSeverity(Severity.CRITICAL).setStatus(AlertStatus.FIRING).setCenter("c01").setTenant(null)
        .setDeviceUuid("GPU-1").setStartedAt(T).setDetectedAt(T).setSummary("s")
        .setEvidence(Map.of("mean_sm_active", "0.01")).build());
    assertRoundTrip(DeadLetter.class, DeadLetter.newBuilder().setStage("job").setOrigin("t-0@1")
        .setReason("UNPARSABLE").setDetail("d").setRaw(ByteBuffer.wrap(new byte[] {1, 2, 3})).build());
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> void assertRoundTrip(Class<T> type, T record)
      throws Exception {
    AvroCodec<T> codec = AvroCodec.of(type);
    byte[] bytes = codec.encode(record);
    assertThat(bytes[0]).as("single-object encoding marker").isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes)).isEqualTo(record);
  }

  @Test
  void theSchemaIdentityIsTheFingerprintOfTheWritersSchema() {
    byte[] bytes = AvroCodec.of(GpuSample.class).encode(fullSample());
    long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(GpuSample.getClassSchema());
    long onWire = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(onWire).isEqualTo(fingerprint);
  }

  @Test
  void garbageIsUnparsableNotAnException() {
    AvroCodec<GpuSample> codec = AvroCodec.of(GpuSample.class);
    assertReason(codec, "DCGM_FI_DEV_GPU_UTIL 42".getBytes(StandardCharsets.UTF_8), RejectReason.UNPARSABLE);
    assertReason(codec, new byte[0], RejectReason.UNPARSABLE);
    assertReason(codec, null, RejectReason.UNPARSABLE);
    byte[] valid = codec.encode(fullSample());
    for (int length = 10; length < valid.length; length += 7) {
      assertReason(codec, Arrays.copyOf(valid, length), RejectReason.UNPARSABLE);
    }
  }

  @Test
  void anUnknownFingerprintIsUnknownSchema() {
    AvroCodec<GpuSample> codec = AvroCodec.of(GpuSample.class);
    byte[] bytes = codec.encode(fullSample());
    bytes[5] ^= 0x11;
    assertReason(codec, bytes, RejectReason.UNKNOWN_SCHEMA);
    byte[] lease = AvroCodec.of(LeaseEvent.class).encode(LeaseEvent.newBuilder().setCenter("c").setDeviceUuid("d")
        .setTenant("t").setAction(LeaseAction.START).setEventTime(T).build());
    assertReason(codec, lease, RejectReason.UNKNOWN_SCHEMA);
  }

  private static void assertReason(AvroCodec<GpuSample> codec, byte[] bytes, RejectReason reason) {
    assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(UndecodableRecordException.class)
        .satisfies(e -> assertThat(((UndecodableRecordException) e).reason()).isEqualTo(reason));
  }

  @Test
  void dataWrittenByAnOlderSchemaVersionDecodesWithTheNewFieldsDefaults() throws Exception {
    Schema v1 = SchemaHistory.supersededVersionsOf(GpuSample.getClassSchema().getFullName()).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("center", "c01");
    old.put("host", "h");
    old.put("device_uuid", "GPU-1");
    old.put("device_index", 0);
    old.put("vendor", "nvidia");
    old.put("model", "A100");
    old.put("event_time", T.toEpochMilli());
    old.put("gpu_util", 12.5);
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

    GpuSample decoded = AvroCodec.of(GpuSample.class).decode(bytes);
    assertThat(decoded.getGpuUtil()).isEqualTo(12.5);
    assertThat(decoded.getEventTime()).isEqualTo(T);
    assertThat(decoded.getSource()).isEqualTo("unknown");
    assertThat(decoded.getSerial()).isNull();
  }

  @Test
  void alertsOnTheTopicFromBeforeResolvedAtDecodeWithoutIt() throws Exception {
    Schema v1 = SchemaHistory.supersededVersionsOf(Alert.getClassSchema().getFullName()).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("alert_id", "hollow_load-1");
    old.put("kind", "hollow_load");
    old.put("severity", new GenericData.EnumSymbol(v1.getField("severity").schema(), "CRITICAL"));
    old.put("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "RESOLVED"));
    old.put("center", "c01");
    old.put("started_at", T.toEpochMilli());
    old.put("detected_at", T.toEpochMilli() + 60_000);
    old.put("summary", "resolved");
    old.put("evidence", java.util.Map.of());
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

    Alert decoded = AvroCodec.of(Alert.class).decode(bytes);
    assertThat(decoded.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(decoded.getDetectedAt()).isEqualTo(T.plusSeconds(60));
    assertThat(decoded.getResolvedAt()).isNull();
  }
}
