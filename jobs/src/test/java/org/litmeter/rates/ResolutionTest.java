package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ResolutionTest {

  private static final ZoneOffset CST = ZoneOffset.ofHours(8);

  private static long t(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void windowsStartOnTheirBoundaries() {
    assertThat(Resolution.FIVE_MINUTES.windowStart(t("2026-06-01T10:07:59Z"), CST)).isEqualTo(t("2026-06-01T10:05:00Z"));
    assertThat(Resolution.HOUR.windowStart(t("2026-06-01T10:59:59.999Z"), CST)).isEqualTo(t("2026-06-01T10:00:00Z"));
    assertThat(Resolution.FIVE_MINUTES.windowStart(t("1969-12-31T23:59:59Z"), CST)).isEqualTo(t("1969-12-31T23:55:00Z"));
  }

  @Test
  void daysStartAtMidnightInTheConfiguredOffset() {
    assertThat(Resolution.DAY.windowStart(t("2026-06-01T15:59:59Z"), CST)).isEqualTo(t("2026-05-31T16:00:00Z"));
    assertThat(Resolution.DAY.windowStart(t("2026-06-01T16:00:00Z"), CST)).isEqualTo(t("2026-06-01T16:00:00Z"));
    assertThat(Resolution.DAY.windowStart(t("2026-06-01T15:59:59Z"), ZoneOffset.UTC)).isEqualTo(t("2026-06-01T00:00:00Z"));
  }

  @Test
  void baseWindowsPerResolution() {
    assertThat(Resolution.FIVE_MINUTES.baseWindows()).isEqualTo(1);
    assertThat(Resolution.HOUR.baseWindows()).isEqualTo(12);
    assertThat(Resolution.DAY.baseWindows()).isEqualTo(288);
  }
}
