package org.litmeter.rates;

import java.util.Objects;

/**
 * A part of a scope's accelerators that gets rates rows of its own: the devices of one vendor and
 * model, or the device-windows a tenant occupied. A slice's rows are computed by the same rules as
 * the scope's ({@link WindowTotals}, {@link RateRules}) from the same device verdicts, so that the
 * slices of a kind add up to the scope exactly. A Flink POJO.
 */
public class Slice {

  /** What divides the devices. */
  public enum Kind {
    /** By vendor and model, as the exporter reports them (racked or not). */
    MODEL,
    /** By the tenant of the window (lease, else exporter label): racked and occupied windows only. */
    TENANT
  }

  private static final char SEPARATOR = '\u0000';

  public Kind kind;
  /** The vendor label of a {@link Kind#MODEL} slice; empty for a tenant. */
  public String vendor = "";
  /** The model as the exporter reports it, or the tenant. */
  public String name;

  public Slice() {}

  public static Slice model(String vendor, String model) {
    return of(Kind.MODEL, vendor, model);
  }

  public static Slice tenant(String tenant) {
    return of(Kind.TENANT, "", tenant);
  }

  private static Slice of(Kind kind, String vendor, String name) {
    Slice s = new Slice();
    s.kind = kind;
    s.vendor = vendor;
    s.name = name;
    return s;
  }

  /** The key of a slice of the scope or center whose key is {@code key}: the key itself for none. */
  public static String keyOf(String key, Slice slice) {
    return slice == null ? key : key + SEPARATOR + slice.kind.ordinal() + SEPARATOR + slice.vendor + SEPARATOR
        + slice.name;
  }

  /** The scope or center part of a key made by {@link #keyOf}. */
  public static String ownerOf(String key) {
    int at = key.indexOf(SEPARATOR);
    return at < 0 ? key : key.substring(0, at);
  }

  /** The slice of a key made by {@link #keyOf}; null for none. */
  public static Slice of(String key) {
    String[] parts = key.split(String.valueOf(SEPARATOR), 4);
    return parts.length < 4 ? null : of(Kind.values()[Integer.parseInt(parts[1])], parts[2], parts[3]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Slice s && s.kind == kind && Objects.equals(s.vendor, vendor) && Objects.equals(s.name, name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, vendor, name);
  }

  @Override
  public String toString() {
    return kind == Kind.MODEL ? "model " + vendor + "/" + name : "tenant " + name;
  }
}
