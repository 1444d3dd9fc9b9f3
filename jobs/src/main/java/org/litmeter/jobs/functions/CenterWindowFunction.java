package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.litmeter.schema.DeadLetters;
import org.litmeter.rates.WindowClock;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Resolution;
import org.litmeter.rates.Scope;
import org.litmeter.rates.ScopeMembership;
import org.litmeter.rates.Slice;
import org.litmeter.rates.WindowTotals;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.RejectReason;

/**
 * Per center, or per slice of a center ({@link Slice}): sums its devices' verdicts for each five-minute window and, when the window closes,
 * emits the center's row with the planned accelerators from the registry (a broadcast of the
 * registry topic). A center that is not in the registry gets no row: its window goes to the
 * {@link #UNKNOWN_CENTER} side output as a dead letter, and is counted (once, for the whole center,
 * not again for its slices).
 */
public class CenterWindowFunction
    extends KeyedBroadcastProcessFunction<String, DeviceWindow, CenterRegistration, RatesRow> {

  public static final MapStateDescriptor<String, CenterRegistration> REGISTRY =
      new MapStateDescriptor<>("registry", Types.STRING, new AvroTypeInfo<>(CenterRegistration.class));
  public static final OutputTag<DeadLetter> UNKNOWN_CENTER =
      new OutputTag<>("unknown-center", new AvroTypeInfo<>(DeadLetter.class));

  private final WindowClock clock;
  private transient MapState<Long, WindowTotals> windows;
  private transient Counter unknownCenterWindows;
  private transient Counter centerWindowsClosed;

  public CenterWindowFunction(WindowClock clock) {
    this.clock = clock;
  }

  @Override
  public void open(OpenContext openContext) {
    windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Long.class, WindowTotals.class));
    unknownCenterWindows = getRuntimeContext().getMetricGroup().counter("unknownCenterWindows");
    centerWindowsClosed = getRuntimeContext().getMetricGroup().counter("centerWindowsClosed");
  }

  @Override
  public void processElement(DeviceWindow w, ReadOnlyContext ctx, Collector<RatesRow> out) throws Exception {
    WindowTotals totals = windows.get(w.windowStart);
    if (totals == null) {
      totals = new WindowTotals();
      ctx.timerService().registerEventTimeTimer(clock.closeTime(w.windowStart + Resolution.BASE_MILLIS));
    }
    totals.add(w);
    windows.put(w.windowStart, totals);
  }

  @Override
  public void processBroadcastElement(CenterRegistration center, Context ctx, Collector<RatesRow> out)
      throws Exception {
    RegistryState.keepNewest(ctx.getBroadcastState(REGISTRY), center);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RatesRow> out) throws Exception {
    long windowStart = clock.windowEnd(timestamp) - Resolution.BASE_MILLIS;
    WindowTotals totals = windows.get(windowStart);
    if (totals == null) {
      return;
    }
    windows.remove(windowStart);
    String centerId = Slice.ownerOf(ctx.getCurrentKey());
    Slice slice = Slice.of(ctx.getCurrentKey());
    CenterRegistration center = ctx.getBroadcastState(REGISTRY).get(centerId);
    if (center == null && slice != null) {
      return;
    }
    if (center == null) {
      unknownCenterWindows.inc();
      ctx.output(UNKNOWN_CENTER, DeadLetters.of(DeadLetters.JOB, "center/" + centerId + "/" + windowStart,
          RejectReason.UNKNOWN_CENTER,
          "center " + centerId + " is not in the registry; its window at " + windowStart + " had "
              + (totals.rackedDeviceWindows) + " racked devices and " + (totals.sampleCount + totals.unrackedSamples)
              + " samples, which stay in litmeter.samples",
          centerId, null, windowStart, centerId));
      return;
    }
    RatesRow row = new RatesRow();
    row.scope = Scope.CENTER;
    row.scopeId = centerId;
    row.resolution = Resolution.FIVE_MINUTES;
    row.windowStart = windowStart;
    row.windowEnd = windowStart + Resolution.BASE_MILLIS;
    row.reportedWindows = 1;
    row.centers = 1;
    row.reportingCenters = 1;
    row.planned = center.getPlannedAccelerators();
    row.province = center.getProvince();
    row.region = ScopeMembership.regionId(center);
    row.slice = slice;
    row.totals = totals;
    centerWindowsClosed.inc();
    out.collect(row);
  }
}
