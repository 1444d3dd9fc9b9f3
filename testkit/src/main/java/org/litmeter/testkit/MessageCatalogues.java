package org.litmeter.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A message catalogue file read as it is, without a resource bundle's fallback to its parent: what
 * tests that compare the languages' keys need.
 */
public final class MessageCatalogues {

  private MessageCatalogues() {}

  /** The catalogue {@code fileName} beside {@code anchor}'s class file, read as UTF-8. */
  public static Properties read(Class<?> anchor, String fileName) {
    Properties p = new Properties();
    try (InputStream in = anchor.getResourceAsStream(fileName)) {
      if (in == null) {
        throw new IllegalArgumentException("no " + fileName + " beside " + anchor.getName());
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
