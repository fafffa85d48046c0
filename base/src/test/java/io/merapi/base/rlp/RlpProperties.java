package io.merapi.base.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;

class RlpProperties {

  @Property(tries = 500)
  void randomStructuresRoundTrip(@ForAll("items") RlpItem item) {
    byte[] encoded = Rlp.encode(item);
    assertThat(Rlp.decode(encoded)).isEqualTo(item);
  }

  @Property(tries = 500)
  void truncatedEncodingsAreRefused(@ForAll("items") RlpItem item) {
    byte[] encoded = Rlp.encode(item);
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rlp.decode(truncated))
        .isInstanceOf(RlpException.class);
  }

  @Property
  void longsRoundTrip(@ForAll long value) {
    byte[] encoded = Rlp.encodeLong(value);
    assertThat(RlpReader.of(encoded).readLong()).isEqualTo(value);
  }

  @Property
  void uint256RoundTrip(
      @ForAll
          @BigRange(
              min = "0",
              max =
                  "115792089237316195423570985008687907853269984665640564039457584007913129639935")
          BigInteger value) {
    UInt256 u = UInt256.valueOf(value);
    byte[] encoded = new RlpWriter().writeUInt256(u).toByteArray();
    assertThat(RlpReader.of(encoded).readUInt256()).isEqualTo(u);
  }

  @Provide
  Arbitrary<RlpItem> items() {
    // Trees up to four levels deep, lists of up to six items.
    return Arbitraries.recursive(
        this::strings,
        inner -> inner.list().ofMaxSize(6).map((List<RlpItem> l) -> new RlpItem.RlpList(l)),
        0,
        4);
  }

  private Arbitrary<RlpItem> strings() {
    return Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(3),
            Arbitraries.bytes().array(byte[].class).ofMinSize(50).ofMaxSize(70),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
        .map(b -> new RlpItem.RlpString(Bytes.wrap(b)));
  }
}
