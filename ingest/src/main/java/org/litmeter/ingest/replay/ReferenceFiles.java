package org.litmeter.ingest.replay;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.Region;
import org.litmeter.schema.RejectReason;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The reference data as files (formats in the README): the center registry as YAML, leases and
 * inventory events as CSV. Every row that cannot be used becomes a dead letter naming the file and
 * line; the other rows still load.
 */
public final class ReferenceFiles {

  public static final String LEASES_HEADER = "ts,center,device_uuid,tenant,action";
  public static final String INVENTORY_HEADER = "ts,center,device_uuid,serial,event";

  private final RecordValidator validator;
  private final Consumer<DeadLetter> deadLetters;

  public ReferenceFiles(RecordValidator validator, Consumer<DeadLetter> deadLetters) {
    this.validator = validator;
    this.deadLetters = deadLetters;
  }

  /** Centers from a YAML file: {@code centers: [{id, name, province, region, planned_accelerators, ...}]}. */
  public List<CenterRegistration> centers(Path file) throws IOException {
    List<CenterRegistration> out = new ArrayList<>();
    Object doc;
    try (Reader reader = Files.newBufferedReader(file)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (RuntimeException e) {
      reject(file + "#1", "the file is not YAML: " + e.getMessage(), RejectReason.UNPARSABLE, Files.readString(file));
      return out;
    }
    if (!(doc instanceof Map<?, ?> root) || !(root.get("centers") instanceof List<?> centers)) {
      reject(file + "#1", "expected a top-level 'centers:' list", RejectReason.UNPARSABLE, Files.readString(file));
      return out;
    }
    Instant loadedAt = Instant.now();
    for (int i = 0; i < centers.size(); i++) {
      String origin = file + "#centers[" + i + "]";
      Object item = centers.get(i);
      try {
        if (!(item instanceof Map<?, ?> c)) {
          throw new IllegalArgumentException("a center must be a mapping");
        }
        CenterRegistration reg = CenterRegistration.newBuilder()
            .setCenterId(required(c, "id"))
            .setName(text(c, "name", required(c, "id")))
            .setProvince(required(c, "province"))
            .setRegion(Region.valueOf(required(c, "region").toUpperCase(Locale.ROOT)))
            .setPlannedAccelerators(Integer.parseInt(required(c, "planned_accelerators")))
            .setAcceptanceStart(date(c.get("acceptance_start")))
            .setAcceptanceEnd(date(c.get("acceptance_end")))
            .setUpdatedAt(loadedAt)
            .build();
        accept(reg, validator.validate(reg), origin, String.valueOf(item), out);
      } catch (RuntimeException e) {
        reject(origin, e.getMessage(), RejectReason.WRONG_TYPE, String.valueOf(item));
      }
    }
    return out;
  }

  /** Leases from a CSV file with header {@value #LEASES_HEADER}. */
  public List<LeaseEvent> leases(Path file) throws IOException {
    List<LeaseEvent> out = new ArrayList<>();
    forEachRow(file, LEASES_HEADER, (origin, raw, f) -> {
      LeaseEvent e = LeaseEvent.newBuilder().setEventTime(timestamp(f[0])).setCenter(f[1]).setDeviceUuid(f[2])
          .setTenant(f[3]).setAction(LeaseAction.valueOf(f[4].strip().toUpperCase(Locale.ROOT))).build();
      accept(e, validator.validate(e), origin, raw, out);
    });
    return out;
  }

  /** Inventory events from a CSV file with header {@value #INVENTORY_HEADER}. */
  public List<DeviceInventoryEvent> inventory(Path file) throws IOException {
    List<DeviceInventoryEvent> out = new ArrayList<>();
    forEachRow(file, INVENTORY_HEADER, (origin, raw, f) -> {
      DeviceInventoryEvent e = DeviceInventoryEvent.newBuilder().setEventTime(timestamp(f[0])).setCenter(f[1])
          .setDeviceUuid(f[2]).setSerial(f[3])
          .setAction(InventoryAction.valueOf(f[4].strip().toUpperCase(Locale.ROOT))).build();
      accept(e, validator.validate(e), origin, raw, out);
    });
    return out;
  }

  private interface Row {
    void accept(String origin, String raw, String[] fields);
  }

  private void forEachRow(Path file, String header, Row row) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || !lines.get(0).strip().replace(" ", "").equalsIgnoreCase(header)) {
      reject(file + "#1", "the first line must be the header " + header, RejectReason.UNPARSABLE,
          lines.isEmpty() ? "" : lines.get(0));
      return;
    }
    int columns = header.split(",").length;
    for (int i = 1; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (raw.isBlank() || raw.startsWith("#")) {
        continue;
      }
      String origin = file + "#" + (i + 1);
      String[] fields = raw.split(",", -1);
      if (fields.length != columns) {
        reject(origin, "expected " + columns + " fields, found " + fields.length, RejectReason.UNPARSABLE, raw);
        continue;
      }
      for (int f = 0; f < fields.length; f++) {
        fields[f] = fields[f].strip();
      }
      try {
        row.accept(origin, raw, fields);
      } catch (RuntimeException e) {
        reject(origin, String.valueOf(e.getMessage()), RejectReason.WRONG_TYPE, raw);
      }
    }
  }

  private <T> void accept(T record, RecordValidator.Rejection rejection, String origin, String raw, List<T> out) {
    if (rejection == null) {
      out.add(record);
    } else {
      reject(origin, rejection.detail(), rejection.reason(), raw);
    }
  }

  private void reject(String origin, String detail, RejectReason reason, String raw) {
    deadLetters.accept(DeadLetters.of(DeadLetters.LOAD, origin, reason, detail, null, null, null, raw));
  }

  /** An ISO-8601 instant (with Z or an offset) or epoch milliseconds. */
  static Instant timestamp(String value) {
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(v));
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a timestamp (ISO-8601 with offset, or epoch ms): " + v);
    }
  }

  private static LocalDate date(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof java.util.Date d ? LocalDate.ofInstant(d.toInstant(), java.time.ZoneOffset.UTC)
        : LocalDate.parse(value.toString().strip());
  }

  private static String required(Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v.toString().strip();
  }

  private static String text(Map<?, ?> map, String key, String fallback) {
    Object v = map.get(key);
    return v == null ? fallback : v.toString();
  }
}
