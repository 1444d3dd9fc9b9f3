package org.litmeter.jobs.io;

import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.DeadLetter;

/**
 * What a source makes of one Kafka record: the decoded, valid value, or the dead letter that says
 * why it is not one (exactly one of the two is set), and where the record came from.
 */
public class Decoded<T> {

  public T value;
  public DeadLetter rejected;
  /** Where the record was read: topic, partition and offset. */
  public String topic;
  public int partition;
  public long offset;

  public Decoded() {}

  public static <T> Decoded<T> of(T value, String topic, int partition, long offset) {
    Decoded<T> d = new Decoded<>();
    d.value = value;
    d.topic = topic;
    d.partition = partition;
    d.offset = offset;
    return d;
  }

  public static <T> Decoded<T> rejected(DeadLetter deadLetter) {
    Decoded<T> d = new Decoded<>();
    d.rejected = deadLetter;
    return d;
  }

  /** topic-partition@offset */
  public String origin() {
    return DeadLetters.kafkaOrigin(topic, partition, offset);
  }
}
