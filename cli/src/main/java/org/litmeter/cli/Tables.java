package org.litmeter.cli;

import java.util.List;

/**
 * Plain-text tables with aligned columns; numbers align right. Chinese characters take two columns
 * of a terminal, and are counted so.
 */
final class Tables {

  private Tables() {}

  static String render(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        boolean numeric = r > 0 && cell.matches("-?[0-9.,%]+");
        String padding = " ".repeat(widths[i] - width(cell));
        String padded = numeric ? padding + cell : cell + padding;
        out.append(i == 0 ? "" : "  ").append(padded);
      }
      out.append('\n');
      if (r == 0) {
        for (int i = 0; i < columns; i++) {
          out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Terminal columns of {@code s}: two for each East Asian wide character (CJK, full-width forms). */
  static int width(String s) {
    return s.codePoints().map(c -> (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ? 2 : 1).sum();
  }
}
