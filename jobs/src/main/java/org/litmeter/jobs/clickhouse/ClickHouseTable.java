package org.litmeter.jobs.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * How records of one type become rows of one ClickHouse table: the column list and the RowBinary
 * encoding of a record, in that column order. The table's DDL is in {@code infra/clickhouse};
 * {@code ClickHouseTablesIT} checks each encoder against the real table.
 */
public interface ClickHouseTable<T> extends Serializable {

  /** Qualified table name, e.g. {@code litmeter.rates}. */
  String table();

  List<String> columns();

  void encode(T record, RowBinaryWriter out);
}
