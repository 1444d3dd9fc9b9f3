package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.litmeter.rates.RestatementPlanner.Done;
import org.litmeter.rates.RestatementPlanner.Range;
import org.litmeter.rates.RestatementPlanner.Reason;

class RestatementPlannerTest {

  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  /** Midnight China Standard Time, 2026-06-01. */
  private static final long JUNE_1 = Instant.parse("2026-05-31T16:00:00Z").toEpochMilli();
  private static final long JUNE_2 = JUNE_1 + DAY;
  private static final long JUNE_3 = JUNE_2 + DAY;
  private static final long JUNE_4 = JUNE_3 + DAY;
  private static final long NO_LIVE_JOB = Long.MAX_VALUE;
  private static final long RECORDED = Instant.parse("2026-11-30T10:00:00Z").toEpochMilli();

  private final RestatementPlanner planner = new RestatementPlanner(ZoneOffset.ofHours(8), 31, 60_000);

  @Test
  void daysStartAtMidnightChinaStandardTime() {
    assertThat(planner.dayStart(JUNE_1 + 5 * HOUR)).isEqualTo(JUNE_1);
    assertThat(planner.dayStart(JUNE_1 - 1)).isEqualTo(JUNE_1 - DAY);
    assertThat(planner.dayStart(JUNE_1)).isEqualTo(JUNE_1);
  }

  @Test
  void aDayWithLateSamplesAndNoRestatementIsRestatedUpToTheLiveHorizon() {
    long horizon = JUNE_2 + 6 * HOUR;
    List<Range> plan = planner.plan(Map.of(JUNE_2, RECORDED), Set.of(), List.of(), horizon);
    assertThat(plan).containsExactly(new Range(JUNE_2, JUNE_3, horizon, Reason.LATE_SAMPLES));
  }

  @Test
  void consecutiveDaysFormOneRangeAndAGapSplitsThem() {
    List<Range> plan = planner.plan(Map.of(JUNE_1, RECORDED, JUNE_2, RECORDED, JUNE_4, RECORDED), Set.of(), List.of(),
        NO_LIVE_JOB);
    assertThat(plan).containsExactly(new Range(JUNE_1, JUNE_3, JUNE_3, Reason.LATE_SAMPLES),
        new Range(JUNE_4, JUNE_4 + DAY, JUNE_4 + DAY, Reason.LATE_SAMPLES));
  }

  @Test
  void aRangeIsAtMostMaxDaysLong() {
    RestatementPlanner twoDays = new RestatementPlanner(ZoneOffset.ofHours(8), 2, 60_000);
    List<Range> plan = twoDays.plan(Map.of(JUNE_1, RECORDED, JUNE_2, RECORDED, JUNE_3, RECORDED), Set.of(),
        List.of(), NO_LIVE_JOB);
    assertThat(plan).extracting(Range::fromMillis).containsExactly(JUNE_1, JUNE_3);
  }

  @Test
  void aDayRestatedAfterItsLastLateSampleIsNotRestatedAgain() {
    Done done = new Done(JUNE_1, JUNE_3, JUNE_3, RECORDED + 61_000);
    assertThat(planner.plan(Map.of(JUNE_2, RECORDED), Set.of(), List.of(done), NO_LIVE_JOB)).isEmpty();
  }

  @Test
  void aLateSampleRecordedJustBeforeTheRestatementMayHaveMissedItAndCountsAgain() {
    Done done = new Done(JUNE_2, JUNE_3, JUNE_3, RECORDED + 30_000);
    assertThat(planner.plan(Map.of(JUNE_2, RECORDED), Set.of(), List.of(done), NO_LIVE_JOB)).hasSize(1);
  }

  @Test
  void lateSamplesAfterTheNewestCoveringRestatementCountAgain() {
    Done old = new Done(JUNE_2, JUNE_3, JUNE_3, RECORDED - DAY);
    assertThat(planner.plan(Map.of(JUNE_2, RECORDED), Set.of(), List.of(old), NO_LIVE_JOB))
        .containsExactly(new Range(JUNE_2, JUNE_3, JUNE_3, Reason.LATE_SAMPLES));
  }

  @Test
  void aDayRestatedOnlyUpToTheHorizonThenIsRestatedAgainOnceTheLiveJobClosedMoreOfIt() {
    Done partial = new Done(JUNE_2, JUNE_3, JUNE_2 + 6 * HOUR, RECORDED + 120_000);
    assertThat(planner.plan(Map.of(JUNE_2, RECORDED), Set.of(), List.of(partial), JUNE_2 + 6 * HOUR)).isEmpty();
    assertThat(planner.plan(Map.of(JUNE_2, RECORDED), Set.of(), List.of(partial), JUNE_2 + 7 * HOUR))
        .containsExactly(new Range(JUNE_2, JUNE_3, JUNE_2 + 7 * HOUR, Reason.LATE_SAMPLES));
  }

  @Test
  void nothingIsRestatedBeforeTheLiveJobClosedAnyWindowOfTheDay() {
    assertThat(planner.plan(Map.of(JUNE_3, RECORDED), Set.of(), List.of(), JUNE_3)).isEmpty();
  }

  @Test
  void preliminaryDaysPastTheirPeriodAreMadeFinalOnceClosed() {
    assertThat(planner.plan(Map.of(), Set.of(JUNE_1, JUNE_2), List.of(), JUNE_3))
        .containsExactly(new Range(JUNE_1, JUNE_3, JUNE_3, Reason.FINAL));
    assertThat(planner.plan(Map.of(), Set.of(JUNE_2), List.of(), JUNE_2 + HOUR)).isEmpty();
  }

  @Test
  void aRangeWithAnyLateDayIsALateSamplesRestatement() {
    assertThat(planner.plan(Map.of(JUNE_2, RECORDED), Set.of(JUNE_1), List.of(), NO_LIVE_JOB))
        .containsExactly(new Range(JUNE_1, JUNE_3, JUNE_3, Reason.LATE_SAMPLES));
  }
}
