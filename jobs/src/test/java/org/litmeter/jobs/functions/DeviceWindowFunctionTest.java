package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.rates.DeviceHistory;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.LitThresholds;
import org.litmeter.rates.RatesFixtures;
import org.litmeter.rates.Reading;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;

class DeviceWindowFunctionTest extends RatesFixtures {

  private static final WindowClock CLOCK = new WindowClock(60_000);
  private static final long FIRST_CLOSE = CLOCK.closeTime(T0 + FIVE_MINUTES);

  private KeyedTwoInputStreamOperatorTestHarness<String, Reading, DeviceChange, DeviceWindow> harness;

  /** The state backend the function runs on: the heap here, RocksDB in {@link OnRocksDb}. */
  StateBackend backend() {
    return new HashMapStateBackend();
  }

  /** The same tests on RocksDB, where state lives serialized and is released entry by entry. */
  static class OnRocksDb extends DeviceWindowFunctionTest {
    @Override
    StateBackend backend() {
      return new EmbeddedRocksDBStateBackend();
    }
  }

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(
        new DeviceWindowFunction(CLOCK, LitThresholds.defaults())), r -> r.deviceKey, DeviceChange::deviceKey,
        Types.STRING);
    harness.setStateBackend(backend());
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void reading(Reading r) throws Exception {
    harness.processElement1(r, r.eventTime);
  }

  private void change(DeviceChange c) throws Exception {
    harness.processElement2(c, c.eventTime);
  }

  @Test
  void emitsEachDeviceVerdictWhenTheWindowClosesAndReleasesItsState() throws Exception {
    reading(reading(GPU_A, 1).busy().build());
    reading(reading(GPU_A, 2).busy().build());
    reading(reading(GPU_B, 3).build());
    change(lease(GPU_B, LeaseAction.START, 2));
    change(lease(GPU_B, LeaseAction.END, 4));
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(FIRST_CLOSE - 1));
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(FIRST_CLOSE));
    List<DeviceWindow> out = harness.extractOutputValues();
    assertThat(out).extracting(w -> w.deviceUuid + " racked=" + w.racked + " lit=" + w.lit + " occupied=" + w.occupied
            + " samples=" + w.sampleCount)
        .containsExactlyInAnyOrder("GPU-a racked=true lit=true occupied=false samples=2",
            "GPU-b racked=true lit=false occupied=true samples=1");
    assertThat(harness.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp)
        .as("stamped with the close time, so the next stage sees them before its watermark").containsOnly(FIRST_CLOSE);
    assertThat(harness.numEventTimeTimers()).as("one per device: forget its last window after a day").isEqualTo(2);
    assertThat(keyedStateEntries()).as("each device's last window").isEqualTo(2);

    watermark(CLOCK.closeTime(T0 + DeviceHistory.CONTINUITY + FIVE_MINUTES) - 1);
    assertThat(keyedStateEntries()).as("a window a day later still compares with it").isEqualTo(2);
    watermark(CLOCK.closeTime(T0 + DeviceHistory.CONTINUITY + FIVE_MINUTES));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).as("nothing left: both devices in service, the lease ended").isZero();
  }

  @Test
  void aDeviceBackAfterASilenceInServiceIsADropoutAndAnErrorEpisodeAndAResetAreJudgedAcrossWindows() throws Exception {
    reading(reading(GPU_A, 1).busy().energy(5_000).build());
    reading(reading(GPU_A, 6).busy().energy(6_000).error(79).build());
    reading(reading(GPU_A, 8).busy().energy(7_000).error(79).build());
    // silent from minute 10 to 25: three windows; back with the counter reset, no error
    reading(reading(GPU_A, 26).busy().energy(100).build());
    reading(reading(GPU_A, 27).busy().energy(200).build());
    // silent again, but removed and racked again in between: not a dropout
    change(inventory(GPU_A, InventoryAction.REMOVED, 33));
    change(inventory(GPU_A, InventoryAction.RACKED, 38));
    reading(reading(GPU_A, 41).busy().energy(900).error(43).build());
    watermark(CLOCK.closeTime(at(45)));

    assertThat(harness.extractOutputValues()).extracting(w -> (w.windowStart - T0) / FIVE_MINUTES + ": erroring="
            + w.erroring + " onset=" + w.errorOnset + " dropout=" + w.dropout + "/" + w.silentWindows + " resets="
            + w.resets)
        .containsExactly("0: erroring=false onset=false dropout=false/0 resets=0",
            "1: erroring=true onset=true dropout=false/0 resets=0",
            "5: erroring=false onset=false dropout=true/3 resets=1",
            "8: erroring=true onset=true dropout=false/0 resets=0");
  }

  @Test
  void aSilenceLongerThanADayIsNoDropout() throws Exception {
    reading(reading(GPU_A, 1).energy(5_000).build());
    watermark(FIRST_CLOSE);
    long dayLater = DeviceHistory.CONTINUITY / 60_000 + 5;
    reading(reading(GPU_A, dayLater + 1).energy(1).build());
    watermark(CLOCK.closeTime(at(dayLater + 5)));
    assertThat(harness.extractOutputValues()).last()
        .satisfies(w -> assertThat(w.dropout || w.resets > 0).as("too long ago to compare").isFalse());
  }

  @Test
  void keepsOnlyTheStateThatStillMatters() throws Exception {
    change(inventory(GPU_A, InventoryAction.REMOVED, 1));
    reading(reading(GPU_A, 0.5).build());
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(FIRST_CLOSE));
    assertThat(harness.extractOutputValues()).singleElement().satisfies(w -> assertThat(w.racked).isFalse());
    assertThat(harness.numEventTimeTimers()).as("the one that forgets the last window").isEqualTo(1);
    assertThat(keyedStateEntries()).as("the removal and the last window, in one history").isEqualTo(1);

    reading(reading(GPU_A, 7).build());
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(CLOCK.closeTime(at(10))));
    assertThat(harness.extractOutputValues()).hasSize(2).last().satisfies(w -> assertThat(w.racked).isFalse());
    watermark(CLOCK.closeTime(at(10) + DeviceHistory.CONTINUITY));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).as("the removal stays while the device is out").isEqualTo(1);
  }

  @Test
  void duplicatesAreCountedOnceAndReported() throws Exception {
    reading(reading(GPU_A, 1).build());
    reading(reading(GPU_A, 1).build());
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(FIRST_CLOSE));
    DeviceWindow w = harness.extractOutputValues().get(0);
    assertThat(w.sampleCount).isEqualTo(1);
    assertThat(w.duplicateSamples).isEqualTo(1);
  }

  @Test
  void aReadingForAClosedWindowBecomesALateDeadLetter() throws Exception {
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(FIRST_CLOSE));
    reading(reading(GPU_A, 4).build());
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.getSideOutput(DeviceWindowFunction.LATE)).extracting(StreamRecord::getValue)
        .extracting(DeadLetter::getReason, DeadLetter::getDeviceUuid).containsExactly(
            org.assertj.core.groups.Tuple.tuple("LATE", GPU_A));
    assertThat(keyedStateEntries()).isZero();
  }

  private void watermark(long time) throws Exception {
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(time));
  }

  private int keyedStateEntries() {
    return ((TestableKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
  }
}
