package org.litmeter.cli;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.litmeter.detect.AlertText.Language;

/** The words of the command line's tables in one language, from {@code CliText*.properties}. */
final class CliText {

  private final ResourceBundle bundle;

  private CliText(Language language) {
    this.bundle = language.bundle(CliText.class.getName());
  }

  static CliText in(Language language) {
    return new CliText(language);
  }

  /** The header of table {@code name}. */
  List<String> header(String name) {
    return List.of(bundle.getString("table." + name).split("\\|"));
  }

  /** The pattern {@code key} with its arguments ({@link MessageFormat}). */
  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), Locale.ROOT).format(args);
  }
}
