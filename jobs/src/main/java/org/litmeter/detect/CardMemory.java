package org.litmeter.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The framebuffer memory each accelerator model is sold with ({@code card-memory.csv}, data rather
 * than code), and the test of a reported total against it: more than 10% over its model's figure is
 * a modified card. Unknown models are not judged.
 */
public final class CardMemory implements Serializable {

  private static final long serialVersionUID = 1L;
  /** Drivers differ in what they reserve; a modified card has twice the memory, not a few percent more. */
  public static final double TOLERANCE = 0.10;

  private final Map<String, Double> nominalMib;

  private CardMemory(Map<String, Double> nominalMib) {
    this.nominalMib = nominalMib;
  }

  public static CardMemory catalogue() {
    Map<String, Double> byModel = new HashMap<>();
    try (InputStream in = CardMemory.class.getResourceAsStream("card-memory.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("model,")) {
          continue;
        }
        int comma = line.lastIndexOf(',');
        byModel.put(line.substring(0, comma).strip(), Double.parseDouble(line.substring(comma + 1).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CardMemory(Map.copyOf(byModel));
  }

  /** The memory the model (as the exporter names it) is sold with in MiB, or NaN for a model not in the catalogue. */
  public double nominalMib(String model) {
    Double mib = model == null ? null : nominalMib.get(model);
    return mib == null ? Double.NaN : mib;
  }

  /**
   * Whether a card of this model reporting this total has more memory than any such card is sold
   * with. Called for every sample: most report no total, and cost nothing.
   */
  public boolean exceeds(String model, Double totalMib) {
    if (totalMib == null) {
      return false;
    }
    double nominal = nominalMib(model);
    return !Double.isNaN(nominal) && totalMib > nominal * (1 + TOLERANCE);
  }
}
