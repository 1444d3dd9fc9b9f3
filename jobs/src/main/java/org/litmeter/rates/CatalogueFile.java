package org.litmeter.rates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A catalogue shipped as data beside a class: CSV lines of a fixed number of fields, {@code #} comments. */
final class CatalogueFile {

  private CatalogueFile() {}

  /** The rows of {@code name} beside {@code owner}, each split into {@code fields} (the last keeps its commas). */
  static List<String[]> rows(Class<?> owner, String name, int fields) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no " + name + " beside " + owner.getName());
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", fields);
        if (f.length != fields) {
          throw new IllegalStateException(name + ": expected " + fields + " comma-separated fields in: " + line);
        }
        rows.add(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
