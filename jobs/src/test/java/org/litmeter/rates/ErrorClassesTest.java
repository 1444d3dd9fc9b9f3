package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.litmeter.rates.ErrorClasses.ErrorClass;

class ErrorClassesTest {

  private final ErrorClasses classes = ErrorClasses.catalogue();

  @Test
  void nvidiasXidsByTheirClass() {
    assertThat(classes.classOf("nvidia", 43)).isEqualTo(ErrorClass.APPLICATION);
    assertThat(classes.classOf("NVIDIA", 48)).isEqualTo(ErrorClass.MEMORY);
    assertThat(classes.classOf("nvidia", 74)).isEqualTo(ErrorClass.INTERCONNECT);
    assertThat(classes.classOf("nvidia", 79)).isEqualTo(ErrorClass.HARDWARE);
    assertThat(classes.classOf("nvidia", 119)).isEqualTo(ErrorClass.FIRMWARE);
  }

  @Test
  void aCodeOrVendorTheCatalogueDoesNotListIsUnlistedNotGuessed() {
    assertThat(classes.classOf("nvidia", 9999)).isEqualTo(ErrorClass.UNLISTED);
    assertThat(classes.classOf("huawei", 79)).as("79 is NVIDIA's, not Ascend's").isEqualTo(ErrorClass.UNLISTED);
    assertThat(classes.classOf("huawei", 0x80E18402L)).isEqualTo(ErrorClass.UNLISTED);
    assertThat(classes.classOf(null, 43)).isEqualTo(ErrorClass.UNLISTED);
  }
}
