package io.merapi.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scalar word's versions (specs system-config.md "Post-Ecotone Scalar Encoding"). */
class EcotoneScalarsTest {
  record Case(String name, String word, Optional<EcotoneScalars> decoded, Optional<String> check) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "version 0: base fee scalar only",
            "0x00000000000000000000000000000000000000000000000000000000000a6fe0",
            Optional.of(new EcotoneScalars(0xa6fe0, 0)),
            Optional.empty()),
        new Case(
            "version 1: both scalars",
            "0x010000000000000000000000000000000000000000000000000c5fc500000558",
            Optional.of(new EcotoneScalars(0x558, 0xc5fc5)),
            Optional.empty()),
        // The specs: non-zero padding in version 0 means baseFeeScalar = MaxUint32.
        new Case(
            "version 0 with padding",
            "0x0000000000000000000000000000000000000000000000000000000100000001",
            Optional.of(new EcotoneScalars(EcotoneScalars.MAX_UINT32, 0)),
            Optional.of("version 0 padding not zero")),
        new Case(
            "version 1 with padding",
            "0x0100000000000000000000000000000000000000000001000000000100000001",
            Optional.empty(),
            Optional.of("version 1 padding not zero")),
        new Case(
            "version 2",
            "0x0200000000000000000000000000000000000000000000000000000100000001",
            Optional.empty(),
            Optional.of("unknown version 2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAndChecks(Case c) {
    Hash word = Hash.fromHex(c.word());
    assertThat(EcotoneScalars.check(word)).isEqualTo(c.check());
    if (c.decoded().isPresent()) {
      assertThat(EcotoneScalars.decode(word)).isEqualTo(c.decoded().get());
      assertThat(EcotoneScalars.decode(c.decoded().get().encode())).isEqualTo(c.decoded().get());
    } else {
      assertThatThrownBy(() -> EcotoneScalars.decode(word))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
