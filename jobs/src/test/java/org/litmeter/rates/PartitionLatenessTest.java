package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.litmeter.rates.PartitionLateness.Verdict;

class PartitionLatenessTest extends RatesFixtures {

  // 30 s out-of-orderness, 60 s lateness: a window [0, 5) closes when the watermark reaches 6:00 - 1 ms
  private final PartitionLateness lateness = new PartitionLateness(30_000, new WindowClock(60_000));

  @Test
  void theFirstSampleOfAPartitionIsOnTime() {
    assertThat(lateness.check(0, at(1))).isEqualTo(Verdict.ON_TIME);
  }

  @Test
  void outOfOrderWithinTheBoundIsOnTime() {
    lateness.check(0, at(2));
    assertThat(lateness.check(0, at(1.6))).isEqualTo(Verdict.ON_TIME);
  }

  @Test
  void behindTheWatermarkButBeforeTheWindowClosesIsLate() {
    lateness.check(0, at(6));
    assertThat(lateness.check(0, at(4))).isEqualTo(Verdict.LATE);
  }

  @Test
  void afterTheWindowClosedIsTooLate() {
    lateness.check(0, at(6.5));
    assertThat(lateness.check(0, at(4.9))).as("watermark 6:00 - 1 ms").isEqualTo(Verdict.TOO_LATE);
    lateness.check(1, at(6.5) - 1);
    assertThat(lateness.check(1, at(4.9))).as("watermark one ms short").isEqualTo(Verdict.LATE);
  }

  @Test
  void partitionsAreIndependent() {
    lateness.check(0, at(60));
    assertThat(lateness.check(1, at(1))).isEqualTo(Verdict.ON_TIME);
  }

  @Test
  void restoredStateGivesTheSameVerdicts() {
    lateness.check(3, at(60));
    PartitionLateness restored = new PartitionLateness(30_000, new WindowClock(60_000));
    restored.restore(3, lateness.newest(3));
    assertThat(restored.check(3, at(1))).isEqualTo(Verdict.TOO_LATE);
    assertThat(restored.newest(0)).isEqualTo(Long.MIN_VALUE);
  }
}
