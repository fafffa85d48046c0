package io.merapi.base.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void quantitiesAreMinimal() {
    assertThat(Hex.quantity(0)).isEqualTo("0x0");
    assertThat(Hex.quantity(1024)).isEqualTo("0x400");
    assertThat(Hex.quantity(-1L)).isEqualTo("0xffffffffffffffff");
    assertThat(Hex.parseQuantity("0x400")).isEqualTo(1024);
    assertThat(Hex.parseQuantity("0xffffffffffffffff")).isEqualTo(-1L);
  }

  @Test
  void strictQuantityParsing() {
    assertThatThrownBy(() -> Hex.parseQuantity("0x0400")).hasMessageContaining("leading zeros");
    assertThatThrownBy(() -> Hex.parseQuantity("0x")).hasMessageContaining("no digits");
    assertThatThrownBy(() -> Hex.parseQuantity("400")).hasMessageContaining("0x");
    assertThatThrownBy(() -> Hex.parseQuantity("0x10000000000000000"))
        .hasMessageContaining("64 bits");
    assertThatThrownBy(() -> Hex.parseQuantity("0xg")).hasMessageContaining("invalid");
  }

  @Test
  void data() {
    assertThat(Hex.encode(new byte[] {0, (byte) 0xab})).isEqualTo("0x00ab");
    assertThat(Hex.decode("0x00AB")).containsExactly(0, 0xab);
    assertThat(Hex.decode("")).isEmpty();
    assertThatThrownBy(() -> Hex.decode("0xabc")).hasMessageContaining("odd");
    assertThatThrownBy(() -> Hex.decode("0xzz")).hasMessageContaining("not hex");
  }
}
