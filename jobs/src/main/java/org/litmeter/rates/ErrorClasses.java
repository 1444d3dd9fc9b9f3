package org.litmeter.rates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    try (InputStream in = ErrorClasses.class.getResourceAsStream("error-classes.csv")) {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", 4);
        if (f.length != 4) {
          throw new IllegalStateException("error-classes.csv: expected vendor,code,class,meaning in: " + line);
        }
        classes.put(AcceleratorVendors.normalized(f[0]) + "/" + Long.parseLong(f[1].trim()),
            ErrorClass.valueOf(f[2].trim().toUpperCase(Locale.ROOT)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ErrorClasses(classes);
  }
}
