package org.litmeter.infra.clickhouse;

/** A ClickHouse statement failed; the message carries the server's error and the statement. */
public final class ClickHouseException extends RuntimeException {
  public ClickHouseException(String message, Throwable cause) {
    super(message, cause);
  }
}
