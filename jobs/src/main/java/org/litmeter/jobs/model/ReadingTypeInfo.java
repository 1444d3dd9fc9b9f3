package org.litmeter.jobs.model;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.litmeter.rates.Reading;

/**
 * The Flink type of {@link Reading}, with a serializer written for it. Every valid sample crosses
 * the network once as a reading (the key-by-device shuffle), and Flink's reflective POJO serializer
 * would box each of its numbers on the way out and in. Readings are never kept in state, so this
 * format only has to agree with itself within one job run; it is versioned all the same.
 */
public final class ReadingTypeInfo extends TypeInformation<Reading> {

  private static final long serialVersionUID = 1L;

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<Reading> getTypeClass() {
    return Reading.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<Reading> createSerializer(SerializerConfig config) {
    return ReadingSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "Reading";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadingTypeInfo;
  }

  @Override
  public int hashCode() {
    return ReadingTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof ReadingTypeInfo;
  }

  /** Field by field, numbers unboxed; the strings as Flink's {@link StringValue} (null allowed). */
  public static final class ReadingSerializer extends TypeSerializerSingleton<Reading> {

    private static final long serialVersionUID = 1L;
    static final ReadingSerializer INSTANCE = new ReadingSerializer();

    @Override
    public boolean isImmutableType() {
      return false;
    }

    @Override
    public Reading createInstance() {
      return new Reading();
    }

    @Override
    public Reading copy(Reading from) {
      return copy(from, new Reading());
    }

    @Override
    public Reading copy(Reading from, Reading to) {
      to.deviceKey = from.deviceKey;
      to.eventTime = from.eventTime;
      to.gpuUtil = from.gpuUtil;
      to.smActive = from.smActive;
      to.powerW = from.powerW;
      to.powerMinWatts = from.powerMinWatts;
      to.tenant = from.tenant;
      to.vendor = from.vendor;
      to.model = from.model;
      to.errorCode = from.errorCode;
      to.energyMj = from.energyMj;
      to.late = from.late;
      to.partition = from.partition;
      to.offset = from.offset;
      return to;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(Reading r, DataOutputView out) throws IOException {
      StringValue.writeString(r.deviceKey, out);
      out.writeLong(r.eventTime);
      out.writeDouble(r.gpuUtil);
      out.writeDouble(r.smActive);
      out.writeDouble(r.powerW);
      out.writeDouble(r.powerMinWatts);
      StringValue.writeString(r.tenant, out);
      StringValue.writeString(r.vendor, out);
      StringValue.writeString(r.model, out);
      out.writeLong(r.errorCode);
      out.writeLong(r.energyMj);
      out.writeBoolean(r.late);
      out.writeInt(r.partition);
      out.writeLong(r.offset);
    }

    @Override
    public Reading deserialize(DataInputView in) throws IOException {
      return deserialize(new Reading(), in);
    }

    @Override
    public Reading deserialize(Reading r, DataInputView in) throws IOException {
      r.deviceKey = StringValue.readString(in);
      r.eventTime = in.readLong();
      r.gpuUtil = in.readDouble();
      r.smActive = in.readDouble();
      r.powerW = in.readDouble();
      r.powerMinWatts = in.readDouble();
      r.tenant = StringValue.readString(in);
      r.vendor = StringValue.readString(in);
      r.model = StringValue.readString(in);
      r.errorCode = in.readLong();
      r.energyMj = in.readLong();
      r.late = in.readBoolean();
      r.partition = in.readInt();
      r.offset = in.readLong();
      return r;
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
      serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Reading> snapshotConfiguration() {
      return new Snapshot();
    }
  }

  /** Restores {@link ReadingSerializer#INSTANCE}; public with a no-argument constructor, as Flink requires. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Reading> {
    public Snapshot() {
      super(() -> ReadingSerializer.INSTANCE);
    }
  }
}
