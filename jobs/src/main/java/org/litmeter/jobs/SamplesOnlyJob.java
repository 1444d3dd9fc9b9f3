package org.litmeter.jobs;

import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.jobs.clickhouse.ClickHouseSink;
import org.litmeter.jobs.clickhouse.SamplesTable;
import org.litmeter.jobs.io.AvroKafkaDeserializer;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.jobs.io.KafkaIo;
import org.litmeter.schema.GpuSample;

/**
 * The samples-only job: the telemetry topic decoded and validated into the samples table, and
 * nothing else (no readings, no shuffle, no rates, no other sink). The benchmarks run it beside the
 * rates job on the same records and settings: it is the floor under any rates design, and what the
 * rates job costs on top of it is the rates.
 */
public final class SamplesOnlyJob {

  private SamplesOnlyJob() {}

  /** Wires the job into {@code env}; the caller executes it. */
  public static void build(StreamExecutionEnvironment env, Source<Decoded<GpuSample>, ?, ?> telemetry,
      Sink<GpuSample> samples) {
    env.fromSource(telemetry, WatermarkStrategy.noWatermarks(), "telemetry source",
            AvroKafkaDeserializer.decodedType(GpuSample.class))
        .filter(d -> d.value != null).name("valid samples")
        .map(d -> d.value).returns(new AvroTypeInfo<>(GpuSample.class)).name("samples")
        .sinkTo(samples).name("samples to ClickHouse");
  }

  /**
   * Starts the job on a MiniCluster in this JVM, reading Kafka and writing ClickHouse as the rates
   * job does with {@code config}; returns at once with the running job.
   */
  public static JobClient startEmbedded(String bootstrapServers, ClickHouseEndpoint clickhouse, String groupId,
      boolean bounded, RatesJobConfig config, Path checkpoints) throws Exception {
    StreamExecutionEnvironment env = EmbeddedRatesJob.localEnvironment(config.parallelism(), checkpoints, 0);
    RatesJob.configure(env, config);
    KafkaIo kafka = new KafkaIo(bootstrapServers, groupId, bounded, config.maxClockSkew());
    build(env, RatesJob.telemetrySource(kafka), new ClickHouseSink<>(clickhouse, new SamplesTable(),
        config.sinkSettings()));
    return env.executeAsync("litmeter samples only");
  }
}
