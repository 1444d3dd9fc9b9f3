package org.litmeter.detect;

import java.time.ZoneOffset;
import org.litmeter.schema.CenterRegistration;

/** A center's acceptance period as the detectors take it: the starts of its first and last days. */
public final class AcceptancePeriods {

  private AcceptancePeriods() {}

  /** {first day, last day} as day starts at {@code dayOffset}, or null when the registry gives no period. */
  public static long[] of(CenterRegistration registration, ZoneOffset dayOffset) {
    if (registration == null || registration.getAcceptanceStart() == null
        || registration.getAcceptanceEnd() == null) {
      return null;
    }
    return new long[] {registration.getAcceptanceStart().atStartOfDay().toInstant(dayOffset).toEpochMilli(),
        registration.getAcceptanceEnd().atStartOfDay().toInstant(dayOffset).toEpochMilli()};
  }
}
