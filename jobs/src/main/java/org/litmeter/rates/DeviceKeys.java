package org.litmeter.rates;

/**
 * The key of a device's state: its center and its UUID, so that a device reporting from two
 * centers is two devices.
 */
public final class DeviceKeys {

  private static final char SEPARATOR = '\u0000';

  private DeviceKeys() {}

  public static String of(String center, String deviceUuid) {
    return center + SEPARATOR + deviceUuid;
  }

  public static String center(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  public static String device(String key) {
    return key.substring(key.indexOf(SEPARATOR) + 1);
  }
}
