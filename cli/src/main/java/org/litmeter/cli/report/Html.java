package org.litmeter.cli.report;

/** Text for HTML and SVG: escaped so that names from the data cannot inject markup. */
final class Html {

  private Html() {}

  /** Text that is HTML already, to be placed as it is. */
  record Markup(String html) {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
