package org.litmeter.rates;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which accelerator vendors are domestic and which imported: data, read from
 * {@code accelerator-vendors.csv} beside this class. A vendor label that is not listed belongs to
 * {@link Family#UNKNOWN}, so that a new vendor shows up as unknown instead of in the wrong family.
 */
public final class AcceleratorVendors implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Where a vendor's chips come from. */
  public enum Family {
    UNKNOWN, DOMESTIC, IMPORTED;

    /** The name in ClickHouse and in the docs. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A listed vendor: its family and names for people. */
  public record Vendor(Family family, String name, String nameZh) implements Serializable {}

  /** What a vendor label may be spelt with or without: every model row and erroring window asks. */
  private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s_-]+");
  private static final AcceleratorVendors CATALOGUE = read();

  private final TreeMap<String, Vendor> byLabel;

  private AcceleratorVendors(TreeMap<String, Vendor> byLabel) {
    this.byLabel = byLabel;
  }

  public static AcceleratorVendors catalogue() {
    return CATALOGUE;
  }

  /** The family of a vendor label, {@link Family#UNKNOWN} when the catalogue does not list it. */
  public Family familyOf(String vendorLabel) {
    Vendor v = vendorOf(vendorLabel);
    return v == null ? Family.UNKNOWN : v.family();
  }

  /** The listed vendor of a label, or null. */
  public Vendor vendorOf(String vendorLabel) {
    return vendorLabel == null ? null : byLabel.get(normalized(vendorLabel));
  }

  /**
   * The listed vendor a name (a tenant's) names by one of its words or two adjacent words
   * ({@code huawei-cloud}, {@code Moore Threads AI}), or null.
   */
  public Vendor vendorNamedBy(String name) {
    if (name == null) {
      return null;
    }
    String[] words = name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
    for (int i = 0; i < words.length; i++) {
      Vendor v = byLabel.get(words[i]);
      if (v == null && i + 1 < words.length) {
        v = byLabel.get(words[i] + words[i + 1]);
      }
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  public Map<String, Vendor> byLabel() {
    return Map.copyOf(byLabel);
  }

  static String normalized(String label) {
    return SEPARATORS.matcher(label.toLowerCase(Locale.ROOT)).replaceAll("");
  }

  private static AcceleratorVendors read() {
    TreeMap<String, Vendor> vendors = new TreeMap<>();
    for (String[] f : CatalogueFile.rows(AcceleratorVendors.class, "accelerator-vendors.csv", 4)) {
      vendors.put(normalized(f[0]), new Vendor(Family.valueOf(f[1].trim().toUpperCase(Locale.ROOT)), f[2], f[3]));
    }
    return new AcceleratorVendors(vendors);
  }
}
