package org.litmeter.jobs.functions;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.litmeter.jobs.model.ScopedRow;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.WindowClock;
import org.litmeter.rates.Resolution;
import org.litmeter.rates.RollupAccumulator;
import org.litmeter.rates.Scope;
import org.litmeter.rates.ScopeMembership;
import org.litmeter.rates.Slice;
import org.litmeter.schema.CenterRegistration;

/**
 * Per scope (a center, a province, a region, the nation), or slice of a scope: sums the five-minute rows of its centers
 * into hourly and daily rows, and for the wider scopes into five-minute rows too. Planned
 * accelerators and the number of centers come from the registry, so a center that sent nothing
 * still counts in its province's denominator.
 */
public class RollupFunction extends KeyedBroadcastProcessFunction<String, ScopedRow, CenterRegistration, RatesRow> {

  private static final List<Resolution> CENTER_ROLLUPS = List.of(Resolution.HOUR, Resolution.DAY);
  private static final List<Resolution> WIDER_ROLLUPS =
      List.of(Resolution.FIVE_MINUTES, Resolution.HOUR, Resolution.DAY);

  private final WindowClock clock;
  private final ZoneOffset dayOffset;
  private transient MapState<String, RollupAccumulator> buckets;

  public RollupFunction(WindowClock clock, ZoneOffset dayOffset) {
    this.clock = clock;
    this.dayOffset = dayOffset;
  }

  static List<Resolution> resolutionsOf(Scope scope) {
    return scope == Scope.CENTER ? CENTER_ROLLUPS : WIDER_ROLLUPS;
  }

  @Override
  public void open(OpenContext openContext) {
    buckets = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("buckets", String.class, RollupAccumulator.class));
  }

  @Override
  public void processElement(ScopedRow in, ReadOnlyContext ctx, Collector<RatesRow> out) throws Exception {
    RatesRow row = in.centerRow;
    for (Resolution resolution : resolutionsOf(in.scope)) {
      long bucketStart = resolution.windowStart(row.windowStart, dayOffset);
      String key = bucketKey(resolution, bucketStart);
      RollupAccumulator acc = buckets.get(key);
      if (acc == null) {
        acc = new RollupAccumulator();
        ctx.timerService().registerEventTimeTimer(clock.closeTime(bucketStart + resolution.millis()));
      }
      acc.add(row.scopeId, row, bucketStart);
      buckets.put(key, acc);
    }
  }

  @Override
  public void processBroadcastElement(CenterRegistration center, Context ctx, Collector<RatesRow> out)
      throws Exception {
    RegistryState.keepNewest(ctx.getBroadcastState(CenterWindowFunction.REGISTRY), center);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RatesRow> out) throws Exception {
    long bucketEnd = clock.windowEnd(timestamp);
    String[] scopeKey = Slice.ownerOf(ctx.getCurrentKey()).split("/", 2);
    Scope scope = Scope.valueOf(scopeKey[0].toUpperCase(java.util.Locale.ROOT));
    String scopeId = scopeKey[1];
    Slice slice = Slice.of(ctx.getCurrentKey());
    for (Resolution resolution : resolutionsOf(scope)) {
      long bucketStart = bucketEnd - resolution.millis();
      String key = bucketKey(resolution, bucketStart);
      RollupAccumulator acc = buckets.get(key);
      if (acc == null) {
        continue;
      }
      buckets.remove(key);
      RatesRow row = toRow(scope, scopeId, resolution, bucketStart, acc,
          ctx.getBroadcastState(CenterWindowFunction.REGISTRY));
      row.slice = slice;
      out.collect(row);
    }
  }

  private static RatesRow toRow(Scope scope, String scopeId, Resolution resolution, long bucketStart,
      RollupAccumulator acc, ReadOnlyBroadcastState<String, CenterRegistration> registry) throws Exception {
    RatesRow row = new RatesRow();
    row.scope = scope;
    row.scopeId = scopeId;
    row.resolution = resolution;
    row.windowStart = bucketStart;
    row.windowEnd = bucketStart + resolution.millis();
    row.reportedWindows = acc.reportedWindows();
    row.reportingCenters = acc.reportingCenters.length;
    for (Map.Entry<String, CenterRegistration> entry : registry.immutableEntries()) {
      CenterRegistration center = entry.getValue();
      if (ScopeMembership.isIn(center, scope, scopeId)) {
        row.centers++;
        row.planned += center.getPlannedAccelerators();
        if (scope == Scope.CENTER) {
          row.province = center.getProvince();
          row.region = ScopeMembership.regionId(center);
        }
      }
    }
    row.totals = acc.totals;
    return row;
  }

  private static String bucketKey(Resolution resolution, long bucketStart) {
    return resolution.label() + "@" + bucketStart;
  }
}
