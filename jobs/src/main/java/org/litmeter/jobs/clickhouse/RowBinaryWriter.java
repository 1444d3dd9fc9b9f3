package org.litmeter.jobs.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in ClickHouse's RowBinary format, which 18.16 and current servers both read: little-endian
 * numbers, strings as a varint length and UTF-8 bytes, Nullable as a null byte then the value,
 * DateTime as UInt32 seconds, Date as UInt16 days, Enum8 as its Int8 value.
 */
public final class RowBinaryWriter {

  private byte[] buffer;
  private int size;
  private int rows;

  public RowBinaryWriter(int initialCapacity) {
    buffer = new byte[initialCapacity];
  }

  public int rows() {
    return rows;
  }

  public int sizeBytes() {
    return size;
  }

  /** Marks the end of a row. */
  public void endRow() {
    rows++;
  }

  public void clear() {
    size = 0;
    rows = 0;
  }

  /** The rows written so far, without copying. */
  public InputStream asInputStream() {
    return new ByteArrayInputStream(buffer, 0, size);
  }

  /** A string's UTF-8 bytes. */
  public void writeString(String s) {
    if (!writeShortAscii(s)) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      writeBytes(bytes, 0, bytes.length);
    }
  }

  /**
   * Writes an ASCII string of under 128 characters (nearly every label: a one-byte length) in
   * place, without a temporary array; returns false, having written nothing, for any other string.
   */
  private boolean writeShortAscii(String s) {
    int length = s.length();
    if (length >= 0x80) {
      return false;
    }
    ensure(1 + length);
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      buffer[size + 1 + i] = (byte) c;
    }
    buffer[size] = (byte) length;
    size += 1 + length;
    return true;
  }

  public void writeBytes(byte[] bytes, int offset, int length) {
    writeVarUInt(length);
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  /** Array(String): a varint length, then the strings. */
  public void writeStringArray(java.util.Collection<String> values) {
    writeVarUInt(values.size());
    for (String v : values) {
      writeString(v);
    }
  }

  public void writeNullableString(String s) {
    if (writeNullFlag(s == null)) {
      writeString(s);
    }
  }

  public void writeInt8(int v) {
    ensure(1);
    buffer[size++] = (byte) v;
  }

  public void writeUInt16(int v) {
    ensure(2);
    buffer[size++] = (byte) v;
    buffer[size++] = (byte) (v >>> 8);
  }

  public void writeUInt32(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buffer[size++] = (byte) (v >>> (8 * i));
    }
  }

  public void writeUInt64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (v >>> (8 * i));
    }
  }

  public void writeFloat32(float v) {
    writeUInt32(Float.floatToIntBits(v) & 0xFFFFFFFFL);
  }

  public void writeFloat64(double v) {
    writeUInt64(Double.doubleToLongBits(v));
  }

  public void writeNullableFloat32(Double v) {
    if (writeNullFlag(v == null)) {
      writeFloat32(v.floatValue());
    }
  }

  public void writeNullableFloat64(Double v) {
    if (writeNullFlag(v == null)) {
      writeFloat64(v);
    }
  }

  public void writeNullableUInt32(Integer v) {
    if (writeNullFlag(v == null)) {
      writeUInt32(v);
    }
  }

  public void writeNullableUInt64(Long v) {
    if (writeNullFlag(v == null)) {
      writeUInt64(v);
    }
  }

  /** DateTime: seconds since the epoch, from milliseconds. */
  public void writeDateTime(long epochMillis) {
    writeUInt32(Math.floorDiv(epochMillis, 1000L));
  }

  public void writeNullableDateTime(Long epochMillis) {
    if (writeNullFlag(epochMillis == null)) {
      writeDateTime(epochMillis);
    }
  }

  public void writeNullableDate(Long epochDay) {
    if (writeNullFlag(epochDay == null)) {
      writeUInt16(epochDay.intValue());
    }
  }

  /** Writes the Nullable marker; returns whether the value follows. */
  private boolean writeNullFlag(boolean isNull) {
    writeInt8(isNull ? 1 : 0);
    return !isNull;
  }

  private void writeVarUInt(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
