package org.litmeter.jobs.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * How records of one type become rows of one ClickHouse table: the column list and the RowBinary
 * encoding of a record, in that column order. The table's DDL is in {@code infra/clickhouse}; the
 * pipeline's integration tests write through every encoder into the real tables.
 */
public interface ClickHouseTable<T> extends Serializable {

  /** Qualified table name, e.g. {@code litmeter.rates}. */
  String table();

  List<String> columns();

  void encode(T record, RowBinaryWriter out);

  /** Column lists one after the other. */
  @SafeVarargs
  static List<String> concat(List<String>... parts) {
    List<String> all = new java.util.ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }
}
