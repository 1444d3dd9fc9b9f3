package org.litmeter.rates;

import java.util.List;
import java.util.Locale;
import org.litmeter.schema.CenterRegistration;

/** Which scopes a registered center belongs to: itself, its province, its region and the nation. */
public final class ScopeMembership {

  /** A scope and its id. */
  public record ScopeId(Scope scope, String id) {}

  private ScopeMembership() {}

  public static List<ScopeId> scopesOf(String centerId, String province, String regionId) {
    return List.of(
        new ScopeId(Scope.CENTER, centerId),
        new ScopeId(Scope.PROVINCE, province),
        new ScopeId(Scope.REGION, regionId),
        new ScopeId(Scope.NATION, Scope.NATIONAL));
  }

  public static boolean isIn(CenterRegistration center, Scope scope, String id) {
    return switch (scope) {
      case CENTER -> center.getCenterId().equals(id);
      case PROVINCE -> center.getProvince().equals(id);
      case REGION -> regionId(center).equals(id);
      case NATION -> true;
    };
  }

  /** east, west or unknown. */
  public static String regionId(CenterRegistration center) {
    return center.getRegion().name().toLowerCase(Locale.ROOT);
  }
}
