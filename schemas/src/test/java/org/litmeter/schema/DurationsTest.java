package org.litmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsANumberAndAUnit() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse(" 5m ")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  void stillReadsIso8601() {
    assertThat(Durations.parse("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesWhatIsNeither() {
    for (String bad : new String[] {"", "12", "h", "1.5h", "-3s", "3 s", "3w", "twelve hours"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a duration");
    }
  }

  @Test
  void countsWholeUnits() {
    assertThat(Durations.whole("273d", ChronoUnit.DAYS)).isEqualTo(273);
    assertThat(Durations.whole("48h", ChronoUnit.DAYS)).isEqualTo(2);
    assertThat(Durations.whole("6h", ChronoUnit.HOURS)).isEqualTo(6);
    assertThat(Durations.whole("0d", ChronoUnit.DAYS)).isZero();
    assertThatThrownBy(() -> Durations.whole("36h", ChronoUnit.DAYS)).hasMessage("not a whole number of days: 36h");
    assertThatThrownBy(() -> Durations.whole("90m", ChronoUnit.HOURS)).hasMessage("not a whole number of hours: 90m");
  }

  @Test
  void writesTheLargestWholeUnitAndReadsItBack() {
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(1))).isEqualTo("1m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    for (Duration d : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(45), Duration.ofMinutes(90),
        Duration.ofHours(25), Duration.ofDays(730)}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
  }
}
