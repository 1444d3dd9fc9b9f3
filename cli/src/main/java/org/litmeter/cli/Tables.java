package org.litmeter.cli;

import java.util.List;

/** Plain-text tables with aligned columns; numbers align right. */
final class Tables {

  private Tables() {}

  static String render(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        boolean numeric = r > 0 && cell.matches("-?[0-9.,%]+");
        String padded = numeric ? " ".repeat(widths[i] - cell.length()) + cell
            : cell + " ".repeat(widths[i] - cell.length());
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
}
