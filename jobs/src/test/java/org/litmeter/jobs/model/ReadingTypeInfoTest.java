package org.litmeter.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.litmeter.rates.DeviceKeys;
import org.litmeter.rates.Reading;

class ReadingTypeInfoTest {

  private final TypeSerializer<Reading> serializer = new ReadingTypeInfo().createSerializer(new SerializerConfigImpl());

  private static Reading reading(String tenant, double smActive, boolean late) {
    Reading r = new Reading();
    r.deviceKey = DeviceKeys.of("gz01", "GPU-贵安-0001");
    r.eventTime = 1_795_824_000_123L;
    r.gpuUtil = 97.5;
    r.smActive = smActive;
    r.powerW = 455.25;
    r.powerMinWatts = 100;
    r.tenant = tenant;
    r.late = late;
    r.partition = 3;
    r.offset = 9_000_000_001L;
    r.vendor = "huawei";
    r.model = tenant == null ? null : "Ascend910B";
    r.errorCode = late ? 0x80E18402L : 0;
    r.energyMj = late ? Reading.NO_ENERGY : 1_000_000_000_123L;
    return r;
  }

  @Test
  void readingsSurviveTheWireFieldForFieldWithAbsentValues() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    Reading[] readings = {reading("llm-lab", 0.8, false), reading(null, Double.NaN, true), reading("", 0, false)};
    for (Reading r : readings) {
      serializer.serialize(r, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    Reading reused = new Reading();
    for (Reading r : readings) {
      assertThat(serializer.deserialize(reused, in)).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(r);
    }
    assertThat(in.available()).isZero();
    assertThat(serializer.copy(readings[1])).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(readings[1]);
  }

  @Test
  void itsSnapshotRestoresACompatibleSerializer() throws Exception {
    TypeSerializerSnapshot<Reading> snapshot = serializer.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    snapshot.writeSnapshot(out);
    TypeSerializerSnapshot<Reading> read = new ReadingTypeInfo.Snapshot();
    read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
        getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isEqualTo(serializer);
    assertThat(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
  }
}
