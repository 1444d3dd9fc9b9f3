package org.litmeter.rates;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which class an accelerator's error code belongs to: data, read from {@code error-classes.csv}
 * beside this class. A code it does not list is {@link ErrorClass#UNLISTED}.
 */
public final class ErrorClasses implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Where an error comes from. */
  public enum ErrorClass {
    APPLICATION, MEMORY, INTERCONNECT, HARDWARE, FIRMWARE, UNLISTED;

    /** The name in ClickHouse columns and the docs. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final ErrorClasses CATALOGUE = read();

  private final Map<String, ErrorClass> byVendorAndCode;

  private ErrorClasses(Map<String, ErrorClass> byVendorAndCode) {
    this.byVendorAndCode = byVendorAndCode;
  }

  public static ErrorClasses catalogue() {
    return CATALOGUE;
  }

  /** The class of a vendor's code; {@link ErrorClass#UNLISTED} when the catalogue does not list it. */
  public ErrorClass classOf(String vendorLabel, long code) {
    ErrorClass c = vendorLabel == null ? null
        : byVendorAndCode.get(AcceleratorVendors.normalized(vendorLabel) + "/" + code);
    return c == null ? ErrorClass.UNLISTED : c;
  }

  private static ErrorClasses read() {
    Map<String, ErrorClass> classes = new HashMap<>();
    for (String[] f : CatalogueFile.rows(ErrorClasses.class, "error-classes.csv", 4)) {
      classes.put(AcceleratorVendors.normalized(f[0]) + "/" + Long.parseLong(f[1].trim()),
          ErrorClass.valueOf(f[2].trim().toUpperCase(Locale.ROOT)));
    }
    return new ErrorClasses(classes);
  }

}
