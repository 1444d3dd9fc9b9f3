package org.litmeter.jobs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.jobs.alerting.AlertDelivery;
import org.litmeter.jobs.alerting.AlertDeliveryFunction;
import org.litmeter.jobs.alerting.AlertNotice;
import org.litmeter.jobs.alerting.AlertResendFunction;
import org.litmeter.jobs.clickhouse.AlertsTable;
import org.litmeter.jobs.clickhouse.CentersTable;
import org.litmeter.jobs.clickhouse.ClickHouseSink;
import org.litmeter.jobs.clickhouse.DeadLettersTable;
import org.litmeter.jobs.clickhouse.DeviceEventsTable;
import org.litmeter.jobs.clickhouse.ModelRatesTable;
import org.litmeter.jobs.clickhouse.RatesTable;
import org.litmeter.jobs.clickhouse.TenantUsageTable;
import org.litmeter.jobs.clickhouse.SamplesTable;
import org.litmeter.jobs.functions.CenterWindowFunction;
import org.litmeter.jobs.functions.CountedBy;
import org.litmeter.jobs.functions.DetectionFunction;
import org.litmeter.jobs.functions.IngestDeadLetters;
import org.litmeter.jobs.functions.DeviceWindowFunction;
import org.litmeter.jobs.functions.DeviceIdentityFunction;
import org.litmeter.jobs.functions.RollupFunction;
import org.litmeter.jobs.functions.ScopeFanOut;
import org.litmeter.jobs.functions.SliceFanOut;
import org.litmeter.jobs.functions.SplitRejected;
import org.litmeter.jobs.functions.PartitionLatenessFunction;
import org.litmeter.rates.WindowClock;
import org.litmeter.jobs.io.AvroKafkaDeserializer;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.jobs.io.KafkaIo;
import org.litmeter.jobs.io.TopicSources;
import org.litmeter.jobs.model.CenterSignal;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.jobs.model.ReadingTypeInfo;
import org.litmeter.jobs.functions.RestatedRows;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Publication;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Reading;
import org.litmeter.rates.Slice;
import org.litmeter.schema.Alert;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.Durations;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Topics;

/**
 * The rates job: telemetry, inventory, leases and the center registry in; racked, lit and occupied
 * rates per center, province, region and nation at 5 minutes, 1 hour and 1 day out.
 *
 * <pre>
 * telemetry --decode/validate--> samples table
 *     \--> readings --keyBy device--+
 * inventory + leases --keyBy device-+--> DeviceWindowFunction --keyBy center--> CenterWindowFunction
 *                                                                      registry (broadcast) --^
 * center rows --fan out to scopes--> RollupFunction --> rates (ClickHouse, Kafka)
 * device windows --slices (model, tenant)--> the same two steps --> model rates, tenant usage (ClickHouse)
 * every rejected, late or unknown-center input --> dead letters (ClickHouse, Kafka)
 * </pre>
 *
 * The job takes its sources and sinks as arguments ({@link Sources}, {@link Sinks}) so that tests
 * and the embedded demo plug in their own; {@link #main} wires Kafka and ClickHouse for a cluster.
 */
public final class RatesJob {

  /**
   * The job's inputs: one decoding source per topic, each with its parallelism (0: the job's). A
   * source subtask without a partition to read never lets the watermark pass, so a source's
   * parallelism must not exceed its topic's partitions. {@code deadLetters} reads the dead-letter
   * topic for what the ingest set aside, to keep it in ClickHouse with the job's own (null: none).
   */
  public record Sources(
      Source<Decoded<GpuSample>, ?, ?> telemetry,
      Source<Decoded<DeviceInventoryEvent>, ?, ?> inventory,
      Source<Decoded<LeaseEvent>, ?, ?> leases,
      Source<Decoded<CenterRegistration>, ?, ?> registry,
      Source<Decoded<DeadLetter>, ?, ?> deadLetters,
      Parallelism parallelism) {}

  /** Parallelism of each source and the operators chained to it; 0 for the job's. */
  public record Parallelism(int telemetry, int inventory, int leases, int registry) {
    public static final Parallelism JOB = new Parallelism(0, 0, 0, 0);
  }

  /** The job's outputs. */
  public record Sinks(
      Sink<GpuSample> samples,
      Sink<RatesRow> ratesTable,
      Sink<RatesRow> ratesTopic,
      Sink<RatesRow> modelRatesTable,
      Sink<RatesRow> tenantUsageTable,
      Sink<CenterRegistration> centers,
      Sink<DeviceChange> deviceEvents,
      Sink<DeadLetter> deadLetterTable,
      Sink<DeadLetter> deadLetterTopic,
      Sink<Alert> alertTable,
      Sink<Alert> alertTopic,
      AlertDelivery alertDelivery) {}

  private RatesJob() {}

  /** Wires the live job into {@code env}; the caller executes it. */
  public static void build(StreamExecutionEnvironment env, Sources in, Sinks out, RatesJobConfig config) {
    build(env, in, out, config, Publication.LIVE);
  }

  /**
   * Wires the job into {@code env} publishing what {@code publication} says: the live job all rows
   * at revision 0, a restatement the rows of its range and scopes at its revision.
   */
  public static void build(StreamExecutionEnvironment env, Sources in, Sinks out, RatesJobConfig config,
      Publication publication) {
    WindowClock clock = new WindowClock(config.allowedLateness().toMillis());

    Parallelism parallelism = in.parallelism();
    SingleOutputStreamOperator<Decoded<GpuSample>> telemetry = decoded(env, in.telemetry(), GpuSample.class,
        aligned(watermarks(config, config.telemetryIdleness(), s -> s.getEventTime().toEpochMilli()),
            config.maxPartitionDrift()), "telemetry", parallelism.telemetry());
    SingleOutputStreamOperator<Decoded<DeviceInventoryEvent>> inventory = decoded(env, in.inventory(),
        DeviceInventoryEvent.class, watermarks(config, config.idleness(), e -> e.getEventTime().toEpochMilli()),
        "inventory", parallelism.inventory());
    SingleOutputStreamOperator<Decoded<LeaseEvent>> leases = decoded(env, in.leases(), LeaseEvent.class,
        watermarks(config, config.idleness(), e -> e.getEventTime().toEpochMilli()), "leases", parallelism.leases());
    SingleOutputStreamOperator<Decoded<CenterRegistration>> registryDecoded = decoded(env, in.registry(),
        CenterRegistration.class, watermarks(config, config.idleness(), c -> c.getUpdatedAt().toEpochMilli()),
        "registry", parallelism.registry());

    DataStream<CenterRegistration> registry = withParallelism(registryDecoded.map(d -> d.value)
        .returns(new AvroTypeInfo<>(CenterRegistration.class)).name("registry records").uid("registry-records"),
        parallelism.registry());
    withParallelism(registry.sinkTo(out.centers()).name("registry to ClickHouse").uid("centers-clickhouse"),
        parallelism.registry());
    BroadcastStream<CenterRegistration> registryBroadcast = registry.broadcast(CenterWindowFunction.REGISTRY);

    DataStream<DeviceChange> changes = withParallelism(inventory.map(d -> DeviceChange.of(d.value))
        .name("inventory changes").uid("inventory-changes"), parallelism.inventory())
        .union(withParallelism(leases.map(d -> DeviceChange.of(d.value)).name("lease changes").uid("lease-changes"),
            parallelism.leases()));
    changes.sinkTo(out.deviceEvents()).name("device events to ClickHouse").uid("device-events-clickhouse");

    // chained to the source (same parallelism): it must see each partition's records in log order; the
    // samples table is fed from its side output, so that each sample has one chained consumer (with
    // object reuse, Flink copies a record for every chained consumer but the last)
    SingleOutputStreamOperator<Reading> readings = withParallelism(telemetry
        .process(new PartitionLatenessFunction(config.outOfOrderness().toMillis(), clock, config.thresholds()))
        .returns(new ReadingTypeInfo()).name("readings and partition lateness").uid("readings"),
        parallelism.telemetry());
    withParallelism(readings.getSideOutput(PartitionLatenessFunction.VALID_SAMPLES).sinkTo(out.samples())
        .name("samples to ClickHouse").uid("samples-clickhouse"), parallelism.telemetry());
    SingleOutputStreamOperator<DeviceWindow> deviceWindows = readings
        .keyBy(r -> r.deviceKey)
        .connect(changes.keyBy(DeviceChange::deviceKey))
        .process(new DeviceWindowFunction(clock, config.thresholds()))
        .name("device windows").uid("device-windows");

    SingleOutputStreamOperator<RatesRow> centerRows = centerRows(deviceWindows.keyBy(w -> w.center),
        registryBroadcast, clock, "center windows", "center-windows");
    DataStream<RatesRow> rollups = rollups(centerRows, registryBroadcast, clock, config, "");
    SingleOutputStreamOperator<RatesRow> sliceCenterRows = centerRows(deviceWindows
            .flatMap(new SliceFanOut()).name("device windows to model and tenant slices").uid("slice-fan-out")
            .keyBy(DeviceWindow::centerKey),
        registryBroadcast, clock, "slice windows", "slice-windows");
    DataStream<RatesRow> sliceRollups = rollups(sliceCenterRows, registryBroadcast, clock, config, "slice ");

    DataStream<Alert> alerts = deviceWindows.map(CenterSignal::of).name("device windows to detectors")
        .uid("device-windows-to-detectors")
        .union(changes.map(CenterSignal::of).name("changes to detectors").uid("changes-to-detectors"))
        .keyBy(CenterSignal::center)
        .connect(registryBroadcast)
        .process(new DetectionFunction(clock, config.dayOffset(), config.detectors()))
        .name("detectors").uid("detectors")
        .union(deviceWindows.keyBy(w -> w.deviceUuid)
            .connect(changes.union(readings.getSideOutput(PartitionLatenessFunction.OVERSIZED_MEMORY))
                .keyBy(c -> c.deviceUuid))
            .process(new DeviceIdentityFunction(config.detectors())).name("device identity across centers")
            .uid("resold"));
    if (!publication.isLive()) {
      alerts = alerts.filter(a -> publication.publishesAlertsOf(a.getCenter()))
          .name("alerts of the restated centers").uid("restated-alerts");
    }
    alerts = alerts.map(new CountedBy<Alert>("alerts", "kind", Alert::getKind)).returns(new AvroTypeInfo<>(Alert.class))
        .name("alerts counted by kind").uid("alerts-counted");
    alerts.sinkTo(out.alertTable()).name("alerts to ClickHouse").uid("alerts-clickhouse");
    alerts.sinkTo(out.alertTopic()).name("alerts to Kafka").uid("alerts-kafka");
    DataStream<DeadLetter> undelivered = deliver(alerts, registryBroadcast, out.alertDelivery());

    DataStream<RatesRow> rates = published(centerRows.union(rollups), publication, "");
    rates.sinkTo(out.ratesTable()).name("rates to ClickHouse").uid("rates-clickhouse");
    rates.sinkTo(out.ratesTopic()).name("rates to Kafka").uid("rates-kafka");
    DataStream<RatesRow> slices = published(sliceCenterRows.union(sliceRollups), publication, "slice ");
    slices.filter(r -> r.slice.kind == Slice.Kind.MODEL).name("model rows").uid("model-rows")
        .sinkTo(out.modelRatesTable()).name("model rates to ClickHouse").uid("model-rates-clickhouse");
    slices.filter(r -> r.slice.kind == Slice.Kind.TENANT).name("tenant rows").uid("tenant-rows")
        .sinkTo(out.tenantUsageTable()).name("tenant usage to ClickHouse").uid("tenant-usage-clickhouse");

    DataStream<DeadLetter> deadLetters = telemetry.getSideOutput(SplitRejected.REJECTED)
        .union(inventory.getSideOutput(SplitRejected.REJECTED),
            leases.getSideOutput(SplitRejected.REJECTED),
            registryDecoded.getSideOutput(SplitRejected.REJECTED),
            readings.getSideOutput(PartitionLatenessFunction.TOO_LATE),
            deviceWindows.getSideOutput(DeviceWindowFunction.LATE),
            centerRows.getSideOutput(CenterWindowFunction.UNKNOWN_CENTER));
    if (undelivered != null) {
      deadLetters = deadLetters.union(undelivered);
    }
    deadLetters = deadLetters.map(new CountedBy<DeadLetter>("deadLetters", "reason", DeadLetter::getReason))
        .returns(new AvroTypeInfo<>(DeadLetter.class)).name("dead letters counted by reason").uid("dead-letters-counted");
    DataStream<DeadLetter> toTable = in.deadLetters() == null ? deadLetters
        : deadLetters.union(env.fromSource(in.deadLetters(), WatermarkStrategy.noWatermarks(),
                "dead letters source", AvroKafkaDeserializer.decodedType(DeadLetter.class))
            .uid("dead-letters-source").setParallelism(1)
            .flatMap(new IngestDeadLetters()).returns(new AvroTypeInfo<>(DeadLetter.class)).setParallelism(1)
            .name("the ingest's dead letters").uid("ingest-dead-letters"));
    toTable.sinkTo(out.deadLetterTable()).name("dead letters to ClickHouse").uid("dead-letters-clickhouse");
    deadLetters.sinkTo(out.deadLetterTopic()).name("dead letters to Kafka").uid("dead-letters-kafka");
  }

  /** Per center (or slice of a center) and five-minute window: the sum of its device verdicts. */
  private static SingleOutputStreamOperator<RatesRow> centerRows(KeyedStream<DeviceWindow, String> deviceWindows,
      BroadcastStream<CenterRegistration> registry, WindowClock clock, String name, String uid) {
    return deviceWindows.connect(registry).process(new CenterWindowFunction(clock)).name(name).uid(uid);
  }

  /** Hourly and daily center rows, and the province, region and nation rows at every resolution. */
  private static DataStream<RatesRow> rollups(DataStream<RatesRow> centerRows,
      BroadcastStream<CenterRegistration> registry, WindowClock clock, RatesJobConfig config, String prefix) {
    String uid = prefix.replace(' ', '-');
    return centerRows
        .flatMap(new ScopeFanOut()).name(prefix + "fan out to scopes").uid(uid + "scope-fan-out")
        .keyBy(r -> r.scopeKey())
        .connect(registry)
        .process(new RollupFunction(clock, config.dayOffset()))
        .name(prefix + "rollups").uid(uid + "rollups");
  }

  /** The rows a run publishes: every row for the live job, a restatement's at its revision. */
  private static DataStream<RatesRow> published(DataStream<RatesRow> rows, Publication publication, String prefix) {
    return publication.isLive() ? rows : rows.flatMap(new RestatedRows(publication))
        .name(prefix + "restated windows at their revision").uid(prefix.replace(' ', '-') + "restated-rows");
  }

  /**
   * Alerts to Alertmanager and a webhook, off the task thread: notices per alert (re-sent while
   * firing), then delivery whose failures are dead letters; null when nothing is to be delivered.
   */
  private static DataStream<DeadLetter> deliver(DataStream<Alert> alerts,
      BroadcastStream<CenterRegistration> registry, AlertDelivery delivery) {
    if (delivery == null || !delivery.isEnabled()) {
      return null;
    }
    DataStream<AlertNotice> notices = alerts.keyBy(Alert::getAlertId).connect(registry)
        .process(new AlertResendFunction(delivery)).name("alert notices (re-sent while firing)")
        .uid("alert-notices");
    return AsyncDataStream.unorderedWait(notices, new AlertDeliveryFunction(delivery),
            AlertDeliveryFunction.timeoutMillis(delivery), TimeUnit.MILLISECONDS, 10_000)
        .returns(new AvroTypeInfo<>(DeadLetter.class)).name("alerts to Alertmanager").uid("alert-delivery");
  }

  /** A source, its watermarks, and the split of its dead letters into {@link SplitRejected#REJECTED}. */
  private static <T extends SpecificRecordBase> SingleOutputStreamOperator<Decoded<T>>
      decoded(StreamExecutionEnvironment env, Source<Decoded<T>, ?, ?> source, Class<T> type,
          WatermarkStrategy<Decoded<T>> watermarks, String topic, int parallelism) {
    SingleOutputStreamOperator<Decoded<T>> stream = withParallelism(
        env.fromSource(source, watermarks, topic + " source", AvroKafkaDeserializer.decodedType(type))
            .uid(topic + "-source"), parallelism);
    return withParallelism(stream.process(new SplitRejected<T>()).returns(AvroKafkaDeserializer.decodedType(type))
        .name("split rejected " + topic).uid("split-" + topic), parallelism);
  }

  private static <T> SingleOutputStreamOperator<T> withParallelism(SingleOutputStreamOperator<T> operator,
      int parallelism) {
    if (parallelism > 0) {
      operator.setParallelism(parallelism);
    }
    return operator;
  }

  private static DataStreamSink<?> withParallelism(
      DataStreamSink<?> sink, int parallelism) {
    if (parallelism > 0) {
      sink.setParallelism(parallelism);
    }
    return sink;
  }

  /** Checkpointing, parallelism and object reuse (no operator keeps a reference to its input). */
  public static void configure(StreamExecutionEnvironment env, RatesJobConfig config) {
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis());
    env.getConfig().enableObjectReuse();
    // every record and state type has a Flink or Avro serializer: a Kryo fallback fails at build time
    Configuration conf = new Configuration().set(PipelineOptions.GENERIC_TYPES, false);
    if (config.stateBackend() != null) {
      config.stateBackend().options().forEach(conf::setString);
    }
    env.configure(conf);
  }

  /**
   * Bounded out-of-orderness per Kafka partition, and idleness so that a quiet partition does not
   * hold the others back. Dead letters carry no event time and never move the watermark.
   */
  static <T> WatermarkStrategy<Decoded<T>> watermarks(RatesJobConfig config, Duration idleness,
      EventTime<T> eventTime) {
    WatermarkStrategy<Decoded<T>> strategy = WatermarkStrategy.<Decoded<T>>forBoundedOutOfOrderness(
            config.outOfOrderness())
        .withTimestampAssigner((SerializableTimestampAssigner<Decoded<T>>) (d, recordTime) ->
            d.value == null ? Long.MIN_VALUE : eventTime.of(d.value));
    return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
  }

  /**
   * Pauses a partition that reads more than {@code maxDrift} ahead of the slowest; zero: never. The
   * slowest watermark is announced every 100 ms: between two announcements a replay can advance
   * at most {@code maxDrift} of event time, so the interval bounds how fast history is read.
   */
  static <T> WatermarkStrategy<T> aligned(WatermarkStrategy<T> strategy, Duration maxDrift) {
    return maxDrift.isZero() ? strategy
        : strategy.withWatermarkAlignment("litmeter-telemetry", maxDrift, Duration.ofMillis(100));
  }

  /** The event time of a record, in epoch milliseconds. */
  interface EventTime<T> extends java.io.Serializable {
    long of(T record);
  }

  /** The telemetry topic's decoding and validating source. */
  public static Source<Decoded<GpuSample>, ?, ?> telemetrySource(TopicSources topics) {
    return topics.source(Topics.TELEMETRY, GpuSample.class, (v, s) -> v.validate(s),
        s -> new String[] {s.getCenter(), s.getDeviceUuid()});
  }

  /** Sources reading the litmeter topics, none with more subtasks than it can keep busy. */
  public static Sources sources(TopicSources topics, int jobParallelism) {
    return new Sources(
        telemetrySource(topics),
        topics.source(Topics.INVENTORY, DeviceInventoryEvent.class, (v, e) -> v.validate(e),
            e -> new String[] {e.getCenter(), e.getDeviceUuid()}),
        topics.source(Topics.LEASES, LeaseEvent.class, (v, e) -> v.validate(e),
            e -> new String[] {e.getCenter(), e.getDeviceUuid()}),
        topics.source(Topics.CENTERS, CenterRegistration.class, (v, c) -> v.validate(c),
            c -> new String[] {c.getCenterId(), null}),
        topics.source(Topics.DEAD_LETTERS, DeadLetter.class, (v, d) -> null,
            d -> new String[] {d.getCenter(), d.getDeviceUuid()}),
        new Parallelism(topics.parallelismFor(Topics.TELEMETRY, jobParallelism),
            topics.parallelismFor(Topics.INVENTORY, jobParallelism), topics.parallelismFor(Topics.LEASES, jobParallelism),
            topics.parallelismFor(Topics.CENTERS, jobParallelism)));
  }

  /**
   * Sinks writing to ClickHouse tables and the rates, dead-letter and alert topics, and alerts
   * delivered as {@code delivery} says.
   */
  public static Sinks kafkaAndClickHouseSinks(KafkaIo kafka, ClickHouseEndpoint clickhouse,
      RatesJobConfig config, AlertDelivery delivery) {
    ClickHouseSink.Settings settings = config.sinkSettings();
    return new Sinks(
        new ClickHouseSink<>(clickhouse, new SamplesTable(), settings),
        new ClickHouseSink<>(clickhouse, new RatesTable(config.revisionPeriod()), settings),
        kafka.ratesSink(config.revisionPeriod()),
        new ClickHouseSink<>(clickhouse, new ModelRatesTable(config.revisionPeriod()), settings),
        new ClickHouseSink<>(clickhouse, new TenantUsageTable(config.revisionPeriod()), settings),
        new ClickHouseSink<>(clickhouse, new CentersTable(), settings),
        new ClickHouseSink<>(clickhouse, new DeviceEventsTable(), settings),
        new ClickHouseSink<>(clickhouse, new DeadLettersTable(), settings),
        kafka.deadLetterSink(),
        new ClickHouseSink<>(clickhouse, new AlertsTable(), settings),
        kafka.alertSink(),
        delivery);
  }

  /**
   * The arguments {@link #main} reads, for a submission to a cluster: {@code checkpointDir} null for
   * the cluster's default.
   */
  public static List<String> mainArguments(String kafka, String clickhouseUrl, String clickhouseUser,
      String groupId, int parallelism, Duration checkpointInterval, String checkpointDir, boolean bounded) {
    List<String> args = new ArrayList<>(List.of("--kafka", kafka, "--clickhouse", clickhouseUrl, "--clickhouse-user",
        clickhouseUser, "--group-id", groupId, "--parallelism", Integer.toString(parallelism),
        "--checkpoint-interval", Durations.format(checkpointInterval)));
    if (checkpointDir != null) {
      args.addAll(List.of("--checkpoint-dir", checkpointDir));
    }
    if (bounded) {
      args.add("--bounded");
    }
    return args;
  }

  static AlertDelivery alertDelivery(ParameterTool params) {
    AlertDelivery delivery = AlertDelivery.none();
    if (params.has("alertmanager")) {
      delivery = delivery.toAlertmanagers(Arrays.stream(params.get("alertmanager").split(","))
          .map(String::trim).filter(u -> !u.isEmpty()).map(URI::create).toList());
    }
    if (params.has("alert-webhook")) {
      delivery = delivery.toWebhook(URI.create(params.get("alert-webhook")));
    }
    if (params.has("grafana-url")) {
      delivery = delivery.linkingTo(URI.create(params.get("grafana-url")));
    }
    if (params.has("alert-resend-every")) {
      delivery = delivery.withResend(Durations.parse(params.get("alert-resend-every")), delivery.resolvedResendFor());
    }
    return delivery;
  }

  /**
   * Entry point on a Flink cluster. Arguments: {@code --kafka host:port [--kafka-config FILE]
   * --clickhouse http://host:port [--clickhouse-user u] [--clickhouse-ca FILE] [--group-id g] [--parallelism n] [--checkpoint-interval 10s]
   * [--checkpoint-dir file:///... | s3://...] [--bounded]
   * [--alertmanager http://alertmanager:9093[,http://peer:9093]] [--alert-webhook URL] [--grafana-url URL]
   * [--alert-resend-every 1m] [--detect.NAME value ...]}, where {@code --alertmanager} lists the
   * Alertmanagers to post alerts to (API v2, re-sent while firing), {@code --alert-webhook} a receiver
   * of Alertmanager's webhook payload, {@code --grafana-url} the Grafana each alert links to, and
   * each {@code --detect.NAME} replaces a detector setting ({@link DetectorSettings#with}).
   * {@code --kafka-config} names a file of Kafka client security properties ({@link KafkaConnection})
   * on the JobManager, where this runs; files it names (trust and key stores) must be at the same
   * path on every TaskManager. {@code --clickhouse-ca} names the PEM authority of an https:// ClickHouse
   * (default: {@code LITMETER_CLICKHOUSE_CA}), at the same path on every TaskManager. The ClickHouse password comes from the environment variable {@code LITMETER_CLICKHOUSE_PASSWORD}
   * of the submitting process, never from the command line.
   */
  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    RatesJobConfig config = RatesJobConfig.defaults()
        .withParallelism(params.getInt("parallelism", RatesJobConfig.defaults().parallelism()))
        .withCheckpointInterval(Durations.parse(params.get("checkpoint-interval", "10s")));
    Map<String, String> detect = new HashMap<>();
    params.toMap().forEach((k, v) -> {
      if (k.startsWith("detect.")) {
        detect.put(k.substring("detect.".length()), v);
      }
    });
    config = config.withDetectors(config.detectors().with(detect));
    ClickHouseEndpoint clickhouse = ClickHouseEndpoint.fromUrl(params.getRequired("clickhouse"),
        params.get("clickhouse-user", "default"), params.get("clickhouse-ca"));
    KafkaIo kafka = new KafkaIo(KafkaConnection.of(params.getRequired("kafka"),
        params.has("kafka-config") ? Path.of(params.get("kafka-config")) : null),
        params.get("group-id", "litmeter-rates"), params.has("bounded"), config.maxClockSkew());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, config);
    if (params.has("checkpoint-dir")) {
      Configuration checkpoints = new Configuration();
      checkpoints.setString("execution.checkpointing.dir", params.get("checkpoint-dir"));
      checkpoints.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
      env.configure(checkpoints);
    }
    build(env, sources(kafka, config.parallelism()),
        kafkaAndClickHouseSinks(kafka, clickhouse, config, alertDelivery(params)), config);
    env.execute("litmeter");
  }
}
