package org.litmeter.jobs.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertDeliveryTest {

  @Test
  void aFiringAlertsLeaseIsFourResendsAndOutlastsATaskManagersLoss() {
    assertThat(AlertDelivery.none().withResend(Duration.ofMinutes(1), Duration.ofHours(1)).firingLease())
        .isEqualTo(Duration.ofMinutes(4));
    assertThat(AlertDelivery.none().withResend(Duration.ofSeconds(10), Duration.ofHours(1)).firingLease())
        .as("not 40 s: a TaskManager lost is noticed after 20 s, and the job must restore before it ends")
        .isEqualTo(Duration.ofMinutes(2));
  }
}
