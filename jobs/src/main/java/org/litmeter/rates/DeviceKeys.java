package org.litmeter.rates;

/** The key of a device's state: its center and its UUID. */
public final class DeviceKeys {

  private DeviceKeys() {}

  public static String of(String center, String deviceUuid) {
    return center + '\u0000' + deviceUuid;
  }
}
