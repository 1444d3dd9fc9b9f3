package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceWindowAccumulatorTest extends RatesFixtures {

  @Test
  void aRepeatedEventTimeIsADuplicateAndCountedOnce() {
    DeviceWindowAccumulator acc = new DeviceWindowAccumulator();
    assertThat(acc.add(reading(GPU_A, 1).util(40).build())).isTrue();
    assertThat(acc.add(reading(GPU_A, 1).util(40).build())).isFalse();
    assertThat(acc.add(reading(GPU_A, 0.5).util(20).build())).isTrue();
    assertThat(acc.sampleCount).isEqualTo(2);
    assertThat(acc.duplicateSamples).isEqualTo(1);
    assertThat(acc.meanGpuUtil()).isEqualTo(30);
    assertThat(acc.eventTimes).containsExactly(at(0.5), at(1));
  }

  @Test
  void sumsDoNotDependOnTheOrderOfArrival() {
    double[] values = {0.1, 0.2, 0.3, 0.7, 1e-7, 99.9999};
    DeviceWindowAccumulator forward = new DeviceWindowAccumulator();
    DeviceWindowAccumulator backward = new DeviceWindowAccumulator();
    for (int i = 0; i < values.length; i++) {
      forward.add(reading(GPU_A, i * 0.1).util(values[i]).build());
      backward.add(reading(GPU_A, (values.length - 1 - i) * 0.1).util(values[values.length - 1 - i]).build());
    }
    assertThat(forward.utilSumMicro).isEqualTo(backward.utilSumMicro);
    assertThat(forward.meanGpuUtil()).isEqualTo(backward.meanGpuUtil());
  }

  @Test
  void lateReadingsAreCountedAndAbsentSignalsAreNotAveraged() {
    DeviceWindowAccumulator acc = new DeviceWindowAccumulator();
    acc.add(reading(GPU_A, 1).late().noSm().noPower().build());
    acc.add(reading(GPU_A, 2).sm(0.4).build());
    assertThat(acc.lateSamples).isEqualTo(1);
    assertThat(acc.meanSmActive()).isEqualTo(0.4);
    assertThat(acc.meanPowerW()).isEqualTo(60);
  }

  @Test
  void theTenantAndModelAreThoseOfTheLatestSampleWhateverTheArrivalOrder() {
    DeviceWindowAccumulator acc = new DeviceWindowAccumulator();
    acc.add(reading(GPU_A, 3).tenant("later").model("huawei", "Ascend910B").build());
    acc.add(reading(GPU_A, 1).tenant("earlier").build());
    acc.add(reading(GPU_A, 4).build());
    assertThat(acc.tenant).as("the latest sample that names one").isEqualTo("later");
    assertThat(acc.vendor).isEqualTo("nvidia");
    assertThat(acc.model).isEqualTo(H100);
  }

  @Test
  void anErrorCodeOfAnyVendorMarksTheSample() {
    DeviceWindowAccumulator acc = new DeviceWindowAccumulator();
    acc.add(reading(GPU_A, 1).build());
    acc.add(reading(GPU_A, 2).error(0x80E18402L).build());
    assertThat(acc.errorSamples).isEqualTo(1);
  }
}
