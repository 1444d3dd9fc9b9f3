package org.litmeter.infra.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** ClickHouse's TabSeparated escaping: backslash escapes, and {@code \N} for NULL. */
final class TabSeparated {

  private TabSeparated() {}

  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean isNull = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        cells.add(isNull ? null : cell.toString());
        cell.setLength(0);
        isNull = false;
      } else if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        switch (next) {
          case 't' -> cell.append('\t');
          case 'n' -> cell.append('\n');
          case 'r' -> cell.append('\r');
          case '0' -> cell.append('\0');
          case 'b' -> cell.append('\b');
          case 'f' -> cell.append('\f');
          case 'N' -> isNull = cell.length() == 0;
          default -> cell.append(next);
        }
      } else {
        cell.append(c);
      }
    }
    cells.add(isNull ? null : cell.toString());
    return cells;
  }
}
