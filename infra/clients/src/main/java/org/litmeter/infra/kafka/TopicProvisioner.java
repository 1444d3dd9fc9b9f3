package org.litmeter.infra.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.litmeter.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates litmeter's topics ({@link Topics}) with their partitions, retention and clean-up policy. */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private TopicProvisioner() {}

  /**
   * Creates the topics that do not exist yet; existing ones are left as they are.
   *
   * @param partitionsOverride partitions for the telemetry topic, or 0 for its default
   * @return the names of the topics it created
   */
  public static List<String> ensureTopics(String bootstrapServers, short replicationFactor, int partitionsOverride)
      throws InterruptedException {
    return ensureTopics(KafkaConnection.plain(bootstrapServers), replicationFactor, partitionsOverride);
  }

  /** As {@link #ensureTopics(String, short, int)} on a cluster reached with its security properties. */
  public static List<String> ensureTopics(KafkaConnection kafka, short replicationFactor, int partitionsOverride)
      throws InterruptedException {
    try (Admin admin = Admin.create(kafka.properties())) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> toCreate = new ArrayList<>();
      for (Topics.Spec spec : Topics.ALL) {
        if (existing.contains(spec.name())) {
          continue;
        }
        int partitions = spec == Topics.TELEMETRY && partitionsOverride > 0 ? partitionsOverride : spec.partitions();
        toCreate.add(new NewTopic(spec.name(), partitions, replicationFactor).configs(spec.config()));
      }
      List<String> created = new ArrayList<>();
      for (NewTopic topic : toCreate) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
          created.add(topic.name());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("creating topic " + topic.name() + " failed: " + e.getCause(), e);
          }
        }
      }
      LOG.info("created topics {}", created);
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("listing topics on " + kafka + " failed: " + e, e);
    }
  }
}
