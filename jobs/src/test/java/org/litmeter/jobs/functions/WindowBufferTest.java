package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowBufferTest {

  /** "add WINDOW VALUE" adds, "take WINDOW" emits the window's values joined, or "none". */
  static final class Commands extends KeyedProcessFunction<String, String, String> {
    private transient WindowBuffer<String> buffer;

    @Override
    public void open(OpenContext context) {
      buffer = new WindowBuffer<>(getRuntimeContext(), "test", Types.STRING);
    }

    @Override
    public void processElement(String command, Context ctx, Collector<String> out) throws Exception {
      String[] c = command.split(" ");
      if (c[0].equals("add")) {
        out.collect(buffer.add(Long.parseLong(c[1]), c[2]) ? "first" : "more");
      } else {
        List<String> taken = buffer.take(Long.parseLong(c[1]));
        out.collect(taken == null ? "none" : String.join(",", taken));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void windowsInterleavedComeOutWholeInTheOrderAddedAndLeaveNoState(String backend) throws Exception {
    StateBackend state = backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Commands()), c -> "center",
            Types.STRING)) {
      harness.setStateBackend(state);
      harness.open();
      for (String c : List.of("add 300 a", "add 600 x", "add 300 b", "add 300 c", "take 900", "take 300",
          "take 300", "add 300 d", "take 600", "take 300")) {
        harness.processElement(c, 0);
      }
      assertThat(harness.extractOutputValues()).containsExactly("first", "first", "more", "more", "none", "a,b,c",
          "none", "first", "x", "d");
      assertThat(((TestableKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
          .numKeyValueStateEntries()).isZero();
    }
  }
}
