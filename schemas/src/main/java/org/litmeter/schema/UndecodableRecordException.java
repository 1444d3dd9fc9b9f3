package org.litmeter.schema;

/** Bytes that are not a record of the expected type; carries the reason code for the dead letter. */
public final class UndecodableRecordException extends Exception {

  private final RejectReason reason;

  public UndecodableRecordException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
