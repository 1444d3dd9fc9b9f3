package org.litmeter.jobs.io;

import org.litmeter.schema.DeadLetter;

/**
 * What a source makes of one Kafka record: the decoded, valid value, or the dead letter that says
 * why it is not one (exactly one of the two is set), and where the record came from.
 */
public class Decoded<T> {

  public T value;
  public DeadLetter rejected;
  /** topic-partition@offset */
  public String origin;
  /** The Kafka partition it was read from. */
  public int partition;

  public Decoded() {}

  public static <T> Decoded<T> of(T value, String origin, int partition) {
    Decoded<T> d = new Decoded<>();
    d.value = value;
    d.origin = origin;
    d.partition = partition;
    return d;
  }

  public static <T> Decoded<T> rejected(DeadLetter deadLetter) {
    Decoded<T> d = new Decoded<>();
    d.rejected = deadLetter;
    d.origin = deadLetter.getOrigin();
    return d;
  }
}
