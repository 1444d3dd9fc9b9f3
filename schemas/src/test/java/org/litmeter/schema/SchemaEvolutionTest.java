package org.litmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * The evolution rules of {@code schemas/README.md}, enforced: the current version of every record
 * must read data written by each of its superseded versions.
 */
class SchemaEvolutionTest {

  static final List<Schema> CURRENT = List.of(GpuSample.getClassSchema(), DeviceInventoryEvent.getClassSchema(),
      LeaseEvent.getClassSchema(), CenterRegistration.getClassSchema(), UtilizationRates.getClassSchema(),
      Alert.getClassSchema(), DeadLetter.getClassSchema());

  @Test
  void everyCurrentSchemaReadsEverySupersededVersion() {
    for (Schema current : CURRENT) {
      for (Schema old : SchemaHistory.supersededVersionsOf(current.getFullName())) {
        assertThat(compatibility(current, old)).as(current.getName() + " reading an older version")
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      }
    }
  }

  @Test
  void theGuardCatchesAFieldAddedWithoutADefault() {
    Schema older = LeaseEvent.getClassSchema();
    List<Schema.Field> fields = new java.util.ArrayList<>();
    older.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field("price", Schema.create(Schema.Type.DOUBLE)));
    Schema withRequiredField = Schema.createRecord(older.getName(), null, older.getNamespace(), false, fields);
    assertThat(compatibility(withRequiredField, older)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void enumsHaveADefaultSoThatOldReadersSurviveNewSymbols() {
    for (Schema current : CURRENT) {
      for (Schema.Field field : current.getFields()) {
        Schema type = field.schema();
        if (type.getType() == Schema.Type.ENUM) {
          assertThat(type.getEnumDefault()).as(current.getName() + "." + field.name()).isEqualTo("UNKNOWN");
        }
      }
    }
  }

  private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
  }
}
