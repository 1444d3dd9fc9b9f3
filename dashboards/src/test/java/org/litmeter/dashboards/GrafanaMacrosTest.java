package org.litmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {

  private final GrafanaMacros macros = new GrafanaMacros(Instant.ofEpochSecond(1_415_792_726),
      Instant.ofEpochSecond(1_447_328_726), Map.of("center", "c01", "resolution", "1h"));

  @Test
  void timeMacrosExpandAsThePluginDocumentsThem() {
    assertThat(macros.expand("WHERE $__timeFilter(window_start) AND x < $__toTime - 60 AND y > $__fromTime"))
        .isEqualTo("WHERE window_start >= toDateTime(1415792726) AND window_start <= toDateTime(1447328726)"
            + " AND x < toDateTime(1447328726) - 60 AND y > toDateTime(1415792726)");
    assertThat(macros.expand("$__dateFilter(day)"))
        .isEqualTo("day >= toDate('2014-11-12') AND day <= toDate('2015-11-12')");
  }

  @Test
  void variablesInBothSpellingsAreReplaced() {
    assertThat(macros.expand("scope_id = '${center}' AND resolution = '$resolution'"))
        .isEqualTo("scope_id = 'c01' AND resolution = '1h'");
  }

  @Test
  void macrosOutside1816AndUnknownVariablesAndExpressionArgumentsAreRefused() {
    assertThatThrownBy(() -> macros.expand("SELECT $__timeInterval(t)")).hasMessageContaining("$__timeInterval");
    assertThatThrownBy(() -> macros.expand("WHERE tenant = '${tenant}'")).hasMessageContaining("$tenant");
    assertThatThrownBy(() -> macros.expand("WHERE $__timeFilter(ifNull(a, b))")).hasMessageContaining("plain column");
  }
}
