package org.litmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

  @Test
  void namedSettingsAreReplacedAndTheRestKept() {
    DetectorSettings s = DetectorSettings.defaults()
        .with(Map.of("hollowUtilMin", "85", "vanishGrace", "12h", "cliffStayDays", "28"));
    assertThat(s.hollowUtilMin()).isEqualTo(85.0);
    assertThat(s.vanishGrace()).isEqualTo(Duration.ofHours(12));
    assertThat(s.cliffStayDays()).isEqualTo(28);
    assertThat(s.with(Map.of("hollowUtilMin", "80", "vanishGrace", "PT24H", "cliffStayDays", "21")))
        .isEqualTo(DetectorSettings.defaults());
  }

  @Test
  void anUnknownNameOrABadValueIsAClearError() {
    assertThatThrownBy(() -> DetectorSettings.defaults().with(Map.of("hollowUtil", "85")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown detector setting 'hollowUtil'")
        .hasMessageContaining("hollowUtilMin");
    assertThatThrownBy(() -> DetectorSettings.defaults().with(Map.of("vanishGrace", "a day")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vanishGrace=a day").hasMessageContaining("not a duration");
  }
}
