package org.litmeter.ingest.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The reference data as files (formats in the README): the center registry as YAML, leases and
 * inventory events as CSV. Strict: every row that cannot be used as written (an unknown key, a
 * duplicated center, an empty or malformed field) becomes a dead letter naming the file, the line
 * and what is wrong; the other rows still load.
 *
 * <p>YAML is read as written, never by YAML 1.1's guesses: {@code id: 007} is "007" and
 * {@code province: no} is "no". CSV goes through Apache Commons CSV (quoted fields with commas,
 * a byte-order mark, comments); a file that is not valid in its encoding (UTF-8 unless told,
 * e.g. GBK for an export from a Chinese spreadsheet) is one dead letter saying where and what to do.
 */
public final class ReferenceFiles {

  public static final String LEASES_HEADER = "ts,center,device_uuid,tenant,action";
  public static final String INVENTORY_HEADER = "ts,center,device_uuid,serial,event";
  private static final Set<String> CENTER_KEYS = Set.of("id", "name", "province", "region", "planned_accelerators",
      "acceptance_start", "acceptance_end");

  private final RecordValidator validator;
  private final Consumer<DeadLetter> deadLetters;
  private final Charset charset;

  public ReferenceFiles(RecordValidator validator, Consumer<DeadLetter> deadLetters) {
    this(validator, deadLetters, StandardCharsets.UTF_8);
  }

  /** @param charset the files' encoding */
  public ReferenceFiles(RecordValidator validator, Consumer<DeadLetter> deadLetters, Charset charset) {
    this.validator = validator;
    this.deadLetters = deadLetters;
    this.charset = charset;
  }

  /** A field or entry that cannot be used, with the line it is on. */
  private static final class Invalid extends RuntimeException {
    final int line;
    final RejectReason reason;

    Invalid(int line, RejectReason reason, String message) {
      super(message);
      this.line = line;
      this.reason = reason;
    }
  }

  /**
   * Centers from a YAML file: {@code centers: [{id, name, province, region, planned_accelerators,
   * acceptance_start, acceptance_end}]}. A center with an unknown key, or whose id an earlier one
   * has, is a dead letter.
   */
  public List<CenterRegistration> centers(Path file) throws IOException {
    List<CenterRegistration> out = new ArrayList<>();
    String text = decode(file);
    if (text == null) {
      return out;
    }
    Node root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(file.toString()).build())
          .composeReader(new StringReader(text)).orElse(null);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      reject(file + "#" + line, "not YAML at line " + line + ": " + e.getProblem(), RejectReason.UNPARSABLE, text);
      return out;
    } catch (YamlEngineException e) {
      reject(file + "#1", "not YAML: " + e.getMessage(), RejectReason.UNPARSABLE, text);
      return out;
    }
    SequenceNode centers;
    try {
      Map<String, NodeTuple> top = mapping(root, "the file", Set.of("centers"));
      if (!(top.containsKey("centers") && top.get("centers").getValueNode() instanceof SequenceNode list)) {
        throw new Invalid(line(root), RejectReason.UNPARSABLE, "expected a top-level 'centers:' list");
      }
      centers = list;
    } catch (Invalid e) {
      reject(file + "#" + e.line, e.getMessage(), e.reason, text);
      return out;
    }
    Instant loadedAt = Instant.now();
    Map<String, Integer> firstLineOfId = new HashMap<>();
    for (Node item : centers.getValue()) {
      int line = line(item);
      String origin = file + "#" + line;
      String raw = excerpt(text, item);
      try {
        Map<String, NodeTuple> c = mapping(item, "a center", CENTER_KEYS);
        String id = required(c, "id", item);
        Integer first = firstLineOfId.putIfAbsent(id, line);
        if (first != null) {
          throw new Invalid(line, RejectReason.DUPLICATE, "center id " + id + " is already defined at line " + first
              + "; each center once");
        }
        CenterRegistration reg = CenterRegistration.newBuilder()
            .setCenterId(id)
            .setName(optional(c, "name").orElse(id))
            .setProvince(required(c, "province", item))
            .setRegion(region(c, item))
            .setPlannedAccelerators(wholeNumber(c, "planned_accelerators", item))
            .setAcceptanceStart(date(c, "acceptance_start"))
            .setAcceptanceEnd(date(c, "acceptance_end"))
            .setUpdatedAt(loadedAt)
            .build();
        accept(reg, validator.validate(reg), origin, raw, out);
      } catch (Invalid e) {
        reject(file + "#" + e.line, e.getMessage(), e.reason, raw);
      }
    }
    return out;
  }

  /** Leases from a CSV file with header {@value #LEASES_HEADER}. */
  public List<LeaseEvent> leases(Path file) throws IOException {
    List<LeaseEvent> out = new ArrayList<>();
    forEachRow(file, LEASES_HEADER, (origin, raw, r) -> {
      LeaseEvent e = LeaseEvent.newBuilder().setEventTime(timestamp(r.get(0))).setCenter(r.get(1))
          .setDeviceUuid(r.get(2)).setTenant(r.get(3)).setAction(action(LeaseAction.class, r.get(4))).build();
      accept(e, validator.validate(e), origin, raw, out);
    });
    return out;
  }

  /** Inventory events from a CSV file with header {@value #INVENTORY_HEADER}. */
  public List<DeviceInventoryEvent> inventory(Path file) throws IOException {
    List<DeviceInventoryEvent> out = new ArrayList<>();
    forEachRow(file, INVENTORY_HEADER, (origin, raw, r) -> {
      DeviceInventoryEvent e = DeviceInventoryEvent.newBuilder().setEventTime(timestamp(r.get(0))).setCenter(r.get(1))
          .setDeviceUuid(r.get(2)).setSerial(r.get(3)).setAction(action(InventoryAction.class, r.get(4))).build();
      accept(e, validator.validate(e), origin, raw, out);
    });
    return out;
  }

  private interface Row {
    void accept(String origin, String raw, Fields fields);
  }

  /** The fields of a CSV row by position, named after the header for messages. */
  private record Fields(List<String> names, CSVRecord record) {
    String get(int i) {
      String value = record.get(i).strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException(names.get(i) + " is empty");
      }
      return value;
    }
  }

  private void forEachRow(Path file, String header, Row row) throws IOException {
    String text = decode(file);
    if (text == null) {
      return;
    }
    Lines lines = new Lines(text);
    List<String> names = List.of(header.split(","));
    CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true).build();
    boolean headerSeen = false;
    // a row that is not CSV (a stray quote) is set aside and parsing goes on at the next line
    int next = 0;
    while (next < text.length()) {
      int start = next;
      next = text.length();
      try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(start)), format)) {
        Iterator<CSVRecord> records = parser.iterator();
        long linesOfGoodRows = 0;
        while (true) {
          CSVRecord record;
          try {
            if (!records.hasNext()) {
              break;
            }
            record = records.next();
          } catch (java.io.UncheckedIOException e) {
            // the broken row starts on the first line after the last good one that holds anything
            int broken = lines.firstRowAtOrAfter(lines.start(lines.of(start) + (int) linesOfGoodRows));
            next = setAside(file, lines, broken, quoteProblem(text.substring(broken, lines.end(broken))));
            break;
          }
          int line = lines.of(start + (int) record.getCharacterPosition());
          if (record.stream().anyMatch(field -> field.indexOf('\n') >= 0)) {
            // no field of these files holds a line break: a quote left open swallowed the rows after it
            next = setAside(file, lines, lines.start(line), UNCLOSED_QUOTE);
            break;
          }
          linesOfGoodRows = parser.getCurrentLineNumber();
          if (record.size() == 1 && record.get(0).isBlank()) {
            continue; // a line of spaces is an empty line
          }
          String raw = String.join(",", record.toList());
          if (!headerSeen) {
            headerSeen = true;
            List<String> found = record.toList().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
            if (!found.equals(names)) {
              reject(file + "#" + line, "the first line must be the header " + header + ", not " + raw,
                  RejectReason.UNPARSABLE, raw);
              return;
            }
            continue;
          }
          String origin = file + "#" + line;
          if (record.size() != names.size()) {
            reject(origin, "line " + line + ": expected " + names.size() + " fields (" + header + "), found "
                + record.size(), RejectReason.UNPARSABLE, raw);
            continue;
          }
          try {
            row.accept(origin, raw, new Fields(names, record));
          } catch (RuntimeException e) {
            reject(origin, "line " + line + ": " + e.getMessage(), e.getMessage() != null
                && e.getMessage().endsWith(" is empty") ? RejectReason.MISSING_FIELD : RejectReason.WRONG_TYPE, raw);
          }
        }
      }
    }
    if (!headerSeen) {
      reject(file + "#1", "the file is empty; the first line must be the header " + header,
          RejectReason.UNPARSABLE, "");
    }
  }

  /** Sets aside the line starting at {@code at}, which is not CSV; returns where the next one starts. */
  private int setAside(Path file, Lines lines, int at, String problem) {
    int line = lines.of(at);
    reject(file + "#" + line, "line " + line + " is not CSV: " + problem, RejectReason.UNPARSABLE,
        lines.text.substring(at, lines.end(at)));
    return lines.end(at) + 1;
  }

  /** What is wrong with the quotes of a row Commons CSV cannot read, in words. */
  private static String quoteProblem(String row) {
    if (row.chars().filter(c -> c == '"').count() % 2 == 1) {
      return UNCLOSED_QUOTE;
    }
    return "a quote in the middle of a field (inside a quoted field write a quote as \"\"; quote a field"
        + " that holds a comma whole, like \"Acme, Inc.\")";
  }

  private static final String UNCLOSED_QUOTE = "a quote on it is not closed on that line";

  /** The lines of a text: 1-based line numbers of positions and back, each in O(log n). */
  private static final class Lines {
    private final String text;
    private final int[] starts;

    Lines(String text) {
      this.text = text;
      List<Integer> found = new ArrayList<>(List.of(0));
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        found.add(i + 1);
      }
      starts = found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line a position is on. */
    int of(int position) {
      int i = java.util.Arrays.binarySearch(starts, position);
      return (i >= 0 ? i : -i - 2) + 1;
    }

    /** Where a line starts (the end of the text past the last line). */
    int start(int line) {
      return line - 1 < starts.length ? starts[line - 1] : text.length();
    }

    /** Where the line holding {@code position} ends (its newline, or the end of the text). */
    int end(int position) {
      int end = text.indexOf('\n', position);
      return end < 0 ? text.length() : end;
    }

    /** The first position at or after {@code from} that starts a line neither empty nor a comment. */
    int firstRowAtOrAfter(int from) {
      for (int at = from; at < text.length(); at = end(at) + 1) {
        String line = text.substring(at, end(at)).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          return at;
        }
      }
      return Math.min(from, text.length());
    }
  }

  /**
   * The file as text in its encoding, without a byte-order mark; null (and a dead letter saying on
   * which line and what to do) when it is not valid in that encoding.
   */
  private String decode(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      text = text.startsWith("\uFEFF") ? text.substring(1) : text;
      return text.replace("\r\n", "\n");
    } catch (CharacterCodingException e) {
      int line = 1 + lineOfFirstInvalid(bytes);
      reject(file + "#" + line, "the file is not valid " + charset.name() + " at line " + line
          + (charset.equals(StandardCharsets.UTF_8) ? "; an export from a Chinese spreadsheet is often GBK:"
              + " load it with --encoding GBK" : "; give its encoding with --encoding"),
          RejectReason.UNPARSABLE, "");
      return null;
    }
  }

  private int lineOfFirstInvalid(byte[] bytes) {
    var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    int newlines = 0;
    for (int i = 0; i < in.position(); i++) {
      if (bytes[i] == '\n') {
        newlines++;
      }
    }
    return newlines;
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
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(v));
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("ts is not a timestamp (ISO-8601 with an offset, like"
          + " 2026-06-01T08:00:00+08:00, or epoch milliseconds): " + v);
    }
  }

  private static <E extends Enum<E>> E action(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        if (!constant.name().equals("UNKNOWN")) {
          allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
      }
      throw new IllegalArgumentException("the action must be one of " + String.join(", ", allowed) + ", not " + value);
    }
  }

  /** A mapping's entries by key; an unknown or repeated key is an error at its line. */
  private static Map<String, NodeTuple> mapping(Node node, String what, Set<String> keys) {
    if (!(node instanceof MappingNode m)) {
      throw new Invalid(line(node), RejectReason.UNPARSABLE, what + " must be a mapping (key: value lines)");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
      int line = line(t.getKeyNode());
      if (!keys.contains(key)) {
        throw new Invalid(line, RejectReason.WRONG_TYPE, "unknown key '" + key + "' at line " + line + " (known: "
            + String.join(", ", keys.stream().sorted().toList()) + ")");
      }
      if (out.put(key, t) != null) {
        throw new Invalid(line, RejectReason.DUPLICATE, "key '" + key + "' appears twice (line " + line + ")");
      }
    }
    return out;
  }

  private static Optional<String> optional(Map<String, NodeTuple> c, String key) {
    NodeTuple t = c.get(key);
    if (t == null) {
      return Optional.empty();
    }
    if (!(t.getValueNode() instanceof ScalarNode s)) {
      int line = line(t.getValueNode());
      throw new Invalid(line, RejectReason.WRONG_TYPE, key + " at line " + line + " must be a single value");
    }
    String v = s.getValue().strip();
    return v.isEmpty() || v.equals("~") || v.equals("null") ? Optional.empty() : Optional.of(v);
  }

  private static String required(Map<String, NodeTuple> c, String key, Node center) {
    return optional(c, key).orElseThrow(() -> new Invalid(line(center), RejectReason.MISSING_FIELD,
        "the center at line " + line(center) + " has no " + key));
  }

  private static Region region(Map<String, NodeTuple> c, Node center) {
    String v = required(c, "region", center);
    try {
      Region r = Region.valueOf(v.toUpperCase(Locale.ROOT));
      if (r != Region.UNKNOWN) {
        return r;
      }
    } catch (IllegalArgumentException notARegion) {
      // said below
    }
    int line = line(c.get("region").getValueNode());
    throw new Invalid(line, RejectReason.WRONG_TYPE, "region at line " + line + " must be east or west, not " + v);
  }

  private static int wholeNumber(Map<String, NodeTuple> c, String key, Node center) {
    String v = required(c, key, center);
    try {
      return Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      int line = line(c.get(key).getValueNode());
      throw new Invalid(line, RejectReason.WRONG_TYPE, key + " at line " + line + " must be a whole number, not " + v);
    }
  }

  private static LocalDate date(Map<String, NodeTuple> c, String key) {
    Optional<String> v = optional(c, key);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(v.get());
    } catch (DateTimeParseException e) {
      int line = line(c.get(key).getValueNode());
      throw new Invalid(line, RejectReason.WRONG_TYPE, key + " at line " + line + " must be a date like 2026-06-30,"
          + " not " + v.get());
    }
  }

  private static int line(Node node) {
    return node == null ? 1 : node.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  /** The lines of the file a node spans, as the dead letter's raw input. */
  private static String excerpt(String text, Node node) {
    int start = node.getStartMark().map(Mark::getIndex).orElse(0);
    int end = node.getEndMark().map(Mark::getIndex).orElse(text.length());
    return text.substring(Math.max(0, Math.min(start, text.length())), Math.max(0, Math.min(end, text.length())));
  }
}
