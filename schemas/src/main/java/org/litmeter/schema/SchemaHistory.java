package org.litmeter.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Superseded versions of the record schemas, kept so that readers resolve data written before a
 * schema changed. When a schema changes, its previous text is added under
 * {@code src/main/resources/org/litmeter/schema/history/<RecordName>/v<N>.avsc} (see
 * {@code schemas/README.md} for the evolution rules a change must follow).
 */
public final class SchemaHistory {

  private static final String ROOT = "/org/litmeter/schema/history/";
  /** Versions are looked up one by one; a gap is skipped (the test resources hold an imagined v1 of GpuSample). */
  private static final int MAX_VERSIONS = 100;

  private SchemaHistory() {}

  /** Versions of the record with this full name, oldest first, excluding the current one. */
  public static List<Schema> supersededVersionsOf(String fullName) {
    String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; v < MAX_VERSIONS; v++) {
      try (InputStream in = SchemaHistory.class.getResourceAsStream(ROOT + simpleName + "/v" + v + ".avsc")) {
        if (in == null) {
          continue;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return versions;
  }
}
