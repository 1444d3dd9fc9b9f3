package org.litmeter.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The wire format of every litmeter record on Kafka: Avro single-object encoding.
 *
 * <p>Each value is {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer's
 * schema, then the Avro binary body. The fingerprint tells a reader which schema wrote the bytes;
 * a reader resolves any writer schema it knows (the current one and every superseded version in
 * {@link SchemaHistory}) into the current generated class, filling new fields with their defaults.
 */
public final class AvroCodec<T extends SpecificRecord> {

  /**
   * The longest string or byte field a record may carry (a Kafka message is at most a few MB). A
   * corrupted length would otherwise make Avro allocate up to 2 GB before reading a byte.
   */
  public static final int MAX_FIELD_BYTES = 16 << 20;

  static {
    trustLitmeterClasses();
    limitAllocations();
  }

  /**
   * Avro reads its limits once, when {@link SystemLimitException} is first used; this sets them
   * before that unless the JVM was started with its own.
   */
  private static void limitAllocations() {
    for (String property : new String[] {SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
        SystemLimitException.MAX_BYTES_LENGTH_PROPERTY}) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, Integer.toString(MAX_FIELD_BYTES));
      }
    }
    if (System.getProperty(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY) == null) {
      System.setProperty(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, Integer.toString(1 << 20));
    }
  }

  /** The single-object header: a marker of two bytes, then the writer schema's 8-byte fingerprint. */
  private static final int HEADER_BYTES = 10;

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  /** A reader from each known writer schema into the current class, by the schema's fingerprint. */
  private final Map<Long, DatumReader<T>> readers = new HashMap<>();
  /** The current schema's fingerprint and reader: what nearly every record is written with. */
  private final long currentFingerprint;
  private final DatumReader<T> currentReader;

  @SuppressWarnings("unchecked")
  private AvroCodec(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    List<Schema> writers = new ArrayList<>(List.of(schema));
    writers.addAll(SchemaHistory.supersededVersionsOf(schema.getFullName()));
    for (Schema writer : writers) {
      readers.put(SchemaNormalization.parsingFingerprint64(writer), (DatumReader<T>) model.createDatumReader(writer,
          schema));
    }
    this.currentFingerprint = SchemaNormalization.parsingFingerprint64(schema);
    this.currentReader = readers.get(currentFingerprint);
  }

  /**
   * Avro 1.12 instantiates only trusted classes when it resolves schemas; this trusts litmeter's
   * generated classes in this JVM. JVMs that deserialize litmeter records without loading this
   * class first (Flink TaskManagers) get {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.litmeter.schema}.
   */
  public static synchronized void trustLitmeterClasses() {
    ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    if (!current.isTrusted(GpuSample.class)) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current,
          type -> type.getName().startsWith(TRUSTED_PACKAGE)));
    }
  }

  private static final String TRUSTED_PACKAGE = "org.litmeter.schema.";

  public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
    return new AvroCodec<>(type);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a value, reusing {@code reuse} when it is not null. The body is read straight from the
   * array through a buffered decoder: Avro's own message decoder reads it byte by byte through a
   * stream, which made decoding a fifth of the rates job's CPU (docs/benchmarks.md).
   */
  public T decode(byte[] bytes, T reuse) throws UndecodableRecordException {
    if (bytes == null) {
      throw new UndecodableRecordException(RejectReason.UNPARSABLE, "null value (a tombstone?)");
    }
    if (bytes.length < HEADER_BYTES || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new UndecodableRecordException(RejectReason.UNPARSABLE, "not Avro single-object encoding: "
          + (bytes.length < 2 ? bytes.length + " bytes" : String.format("header 0x%02X 0x%02X", bytes[0], bytes[1])));
    }
    long fingerprint = 0;
    for (int i = HEADER_BYTES - 1; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
    }
    // no buffer and no boxed key per record on the job's hottest path
    DatumReader<T> reader = fingerprint == currentFingerprint ? currentReader : readers.get(fingerprint);
    if (reader == null) {
      throw new UndecodableRecordException(
          RejectReason.UNKNOWN_SCHEMA, "no known " + type.getSimpleName() + " schema has this fingerprint");
    }
    try {
      return reader.read(reuse, DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES,
          null));
    } catch (IOException | RuntimeException e) {
      // a body cut short or corrupted in flight: whatever Avro threw (a length past the limits
      // included), it is a bad record, not a bug, and must not stop the job
      throw new UndecodableRecordException(
          RejectReason.UNPARSABLE, "corrupt " + type.getSimpleName() + " body: " + e);
    }
  }

  public T decode(byte[] bytes) throws UndecodableRecordException {
    return decode(bytes, null);
  }
}
