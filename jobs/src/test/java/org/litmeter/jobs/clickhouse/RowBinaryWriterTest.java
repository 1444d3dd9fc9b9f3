package org.litmeter.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowBinaryWriterTest {

  /** RowBinary's String: the UTF-8 length as an unsigned LEB128 varint, then the bytes. */
  private static byte[] expected(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = utf8.length;
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    out.write(utf8, 0, utf8.length);
    return out.toByteArray();
  }

  @Test
  void stringsAreTheirUtf8BytesAfterAVarintLengthWhateverTheirCharacters() throws Exception {
    for (String s : new String[] {"", "GPU-gz01-0000", "贵安智算中心", "gz01-é", "x".repeat(127), "x".repeat(128),
        "é".repeat(70), "x".repeat(126) + "中", "x".repeat(20_000)}) {
      RowBinaryWriter w = new RowBinaryWriter(4);
      w.writeInt8(7);
      w.writeString(s);
      byte[] written = w.asInputStream().readAllBytes();
      assertThat(written[0]).isEqualTo((byte) 7);
      assertThat(java.util.Arrays.copyOfRange(written, 1, written.length)).as(s.length() + " chars")
          .isEqualTo(expected(s));
    }
  }
}
