package org.litmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Whatever reaches a topic, decoding it either gives a record or an {@link UndecodableRecordException}
 * with a reason: corrupted bodies of every record type (bytes flipped, inserted, dropped, cut short,
 * lengths blown up) never throw anything else and never allocate what the record cannot hold.
 * Inputs come from fixed seeds, so a failure names the seed that reproduces it.
 */
class AvroCodecPropertiesTest {

  private static final int HEADER = 10;

  @Test
  void corruptedBodiesOfEveryTypeDecodeOrAreRejectedWithAReason() {
    check(GpuSample.class, AvroCodecTest.fullSample());
    check(LeaseEvent.class, LeaseEvent.newBuilder().setCenter("c01").setDeviceUuid("GPU-1").setTenant("t")
        .setAction(LeaseAction.END).setEventTime(AvroCodecTest.T).build());
    check(DeviceInventoryEvent.class, DeviceInventoryEvent.newBuilder().setCenter("c01").setDeviceUuid("GPU-1")
        .setSerial("SN1").setAction(InventoryAction.REMOVED).setEventTime(AvroCodecTest.T).build());
    check(CenterRegistration.class, CenterRegistration.newBuilder().setCenterId("c01").setName("中心一")
        .setProvince("Guangdong").setRegion(Region.EAST).setPlannedAccelerators(1024)
        .setUpdatedAt(AvroCodecTest.T).build());
  }

  @Test
  void avroRefusesLengthsPastTheLimitBeforeAllocatingThem() {
    AvroCodec.of(GpuSample.class);
    assertThat(org.apache.avro.SystemLimitException.checkMaxStringLength(AvroCodec.MAX_FIELD_BYTES))
        .isEqualTo(AvroCodec.MAX_FIELD_BYTES);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> org.apache.avro.SystemLimitException.checkMaxStringLength(AvroCodec.MAX_FIELD_BYTES + 1L))
        .isInstanceOf(org.apache.avro.SystemLimitException.class);
  }

  private static <T extends SpecificRecord> void check(Class<T> type, T record) {
    AvroCodec<T> codec = AvroCodec.of(type);
    byte[] valid = codec.encode(record);
    for (long seed = 0; seed < 20_000; seed++) {
      byte[] bytes = corrupt(valid, new SplittableRandom(seed));
      try {
        T decoded = codec.decode(bytes);
        assertThat(decoded).as("%s seed %d", type.getSimpleName(), seed).isNotNull();
      } catch (UndecodableRecordException e) {
        assertThat(e.reason()).as("%s seed %d", type.getSimpleName(), seed)
            .isIn(RejectReason.UNPARSABLE, RejectReason.UNKNOWN_SCHEMA);
        assertThat(e.getMessage()).isNotBlank();
      } catch (RuntimeException | Error e) {
        throw new AssertionError(type.getSimpleName() + " seed " + seed + " threw " + e, e);
      }
    }
  }

  /** The valid encoding with its body (after the single-object header) damaged in one to four places. */
  private static byte[] corrupt(byte[] valid, SplittableRandom r) {
    byte[] b = valid.clone();
    int edits = r.nextInt(1, 5);
    for (int e = 0; e < edits && b.length > HEADER; e++) {
      int at = r.nextInt(HEADER, b.length);
      b = switch (r.nextInt(5)) {
        case 0 -> flip(b, at, r);
        case 1 -> Arrays.copyOf(b, at);
        case 2 -> insert(b, at, r);
        case 3 -> remove(b, at);
        // a varint length as large as it can be: the decoder must not allocate it
        default -> insert(b, at, List.of((byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x0f));
      };
    }
    return b;
  }

  private static byte[] flip(byte[] b, int at, SplittableRandom r) {
    b[at] ^= (byte) (1 << r.nextInt(8));
    return b;
  }

  private static byte[] insert(byte[] b, int at, SplittableRandom r) {
    return insert(b, at, List.of((byte) r.nextInt(256)));
  }

  private static byte[] insert(byte[] b, int at, List<Byte> inserted) {
    byte[] out = new byte[b.length + inserted.size()];
    System.arraycopy(b, 0, out, 0, at);
    for (int i = 0; i < inserted.size(); i++) {
      out[at + i] = inserted.get(i);
    }
    System.arraycopy(b, at, out, at + inserted.size(), b.length - at);
    return out;
  }

  private static byte[] remove(byte[] b, int at) {
    byte[] out = new byte[b.length - 1];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
    return out;
  }
}
