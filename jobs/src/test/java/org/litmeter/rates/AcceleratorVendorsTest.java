package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.litmeter.rates.AcceleratorVendors.Family;

class AcceleratorVendorsTest {

  private final AcceleratorVendors vendors = AcceleratorVendors.catalogue();

  @Test
  void domesticAndImportedVendorsByTheirExporterLabelsWhateverTheSpelling() {
    assertThat(vendors.familyOf("nvidia")).isEqualTo(Family.IMPORTED);
    assertThat(vendors.familyOf("NVIDIA")).isEqualTo(Family.IMPORTED);
    assertThat(vendors.familyOf("huawei")).isEqualTo(Family.DOMESTIC);
    assertThat(vendors.familyOf("Moore-Threads")).isEqualTo(Family.DOMESTIC);
    assertThat(vendors.familyOf("moore_threads")).isEqualTo(Family.DOMESTIC);
    assertThat(vendors.vendorOf("cambricon").nameZh()).isEqualTo("寒武纪");
  }

  @Test
  void aVendorTheCatalogueDoesNotListIsUnknownNotGuessed() {
    assertThat(vendors.familyOf("acme-ai")).isEqualTo(Family.UNKNOWN);
    assertThat(vendors.familyOf("")).isEqualTo(Family.UNKNOWN);
    assertThat(vendors.familyOf(null)).isEqualTo(Family.UNKNOWN);
  }

  @Test
  void theCatalogueNamesTheDomesticVendorsOfTheChineseMarket() {
    assertThat(vendors.byLabel()).containsKeys("huawei", "cambricon", "hygon", "kunlunxin", "moorethreads", "metax",
        "iluvatar", "enflame", "biren", "nvidia", "amd");
    assertThat(vendors.byLabel().values()).allSatisfy(v -> assertThat(v.family()).isNotEqualTo(Family.UNKNOWN));
  }
}
