package io.merapi.base.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RlpReaderTest {

  record Malformed(String name, String hex, String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Malformed> malformed() {
    return Stream.of(
        new Malformed("single byte wrapped", "8100", "non-canonical single byte"),
        new Malformed("long form for short string", "b801ff", "non-canonical size"),
        new Malformed("length with leading zero", "b9003800", "leading zero"),
        new Malformed("string overruns input", "83aabb", "runs past"),
        new Malformed("list overruns input", "c3aabb", "runs past"),
        new Malformed("trailing bytes", "8001", "trailing"),
        new Malformed("empty input", "", "end of input"),
        new Malformed("length of length past end", "b9", "past the end"),
        new Malformed("huge length of length", "bf0f000000000000021111", "too large"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void refusesNonCanonicalInputWithAPreciseError(Malformed c) {
    assertThatThrownBy(() -> Rlp.decode(Hex.decode(c.hex())))
        .isInstanceOf(RlpException.class)
        .hasMessageContaining(c.messagePart());
  }

  @Test
  void integersRefuseLeadingZeros() {
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("820001")).readLong())
        .hasMessageContaining("leading zero");
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("00")).readLong())
        .hasMessageContaining("leading zero");
    assertThat(RlpReader.of(Hex.decode("80")).readLong()).isZero();
    assertThat(RlpReader.of(Hex.decode("820400")).readLong()).isEqualTo(1024);
  }

  @Test
  void integerSizeLimits() {
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("89010000000000000000")).readLong())
        .hasMessageContaining("more than 8");
    byte[] big = new RlpWriter().writeUInt256(UInt256.MAX_VALUE).toByteArray();
    assertThat(RlpReader.of(big).readUInt256()).isEqualTo(UInt256.MAX_VALUE);
  }

  @Test
  void errorsCarryTheOffsetOfTheBadItem() {
    // list [0x01, 0x8100]: the bad item starts at byte 2
    RlpReader list = RlpReader.of(Hex.decode("c3018100")).readList();
    list.readLong();
    assertThatThrownBy(list::readBytes)
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.offset()).isEqualTo(2));
  }

  @Test
  void listsAreBoundedReaders() {
    byte[] encoded =
        new RlpWriter()
            .startList()
            .writeLong(1)
            .startList()
            .writeBytes(new byte[] {1, 2, 3})
            .endList()
            .endList()
            .writeLong(7)
            .toByteArray();
    RlpReader outer = RlpReader.of(encoded);
    RlpReader list = outer.readList();
    assertThat(list.readLong()).isEqualTo(1);
    RlpReader inner = list.readList();
    assertThat(inner.readBytes()).containsExactly(1, 2, 3);
    inner.ensureEnd();
    list.ensureEnd();
    assertThat(outer.readLong()).isEqualTo(7);
    outer.ensureEnd();
  }

  /** Found by TransactionDecoderFuzzTest: a 64-bit value with the top bit set is no boolean. */
  @Test
  void booleansAreZeroOrOneEvenWhenTheTopBitIsSet() {
    assertThat(RlpReader.of(Hex.decode("0x80")).readBoolean()).isFalse();
    assertThat(RlpReader.of(Hex.decode("0x01")).readBoolean()).isTrue();
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0x888d1002fedfdffd05")).readBoolean())
        .isInstanceOf(RlpException.class)
        .hasMessageContaining("boolean must be 0 or 1");
  }
}
