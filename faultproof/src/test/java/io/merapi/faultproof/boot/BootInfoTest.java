package io.merapi.faultproof.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootInfoTest {
  private static final Hash L1_HEAD = Hash.fromHex("0x" + "01".repeat(32));
  private static final Hash AGREED = Hash.fromHex("0x" + "02".repeat(32));
  private static final Hash CLAIM = Hash.fromHex("0x" + "03".repeat(32));

  @Test
  void knownChainIsReadFromKeysOneToFiveInOrder() {
    BootInfo boot = BootInfo.known(L1_HEAD, AGREED, CLAIM, 0x1234, 901);
    List<PreimageKey> asked = new ArrayList<>();
    BootInfo read = BootInfo.read(recording(boot, asked));
    assertThat(read).isEqualTo(boot);
    assertThat(asked)
        .containsExactly(
            PreimageKey.local(1),
            PreimageKey.local(2),
            PreimageKey.local(3),
            PreimageKey.local(4),
            PreimageKey.local(5));
    assertThat(boot.value(LocalKey.L2_CLAIM_BLOCK_NUMBER).orElseThrow())
        .isEqualTo(Hex.decode("0x0000000000001234"));
    assertThat(boot.value(LocalKey.L2_CHAIN_ID).orElseThrow())
        .isEqualTo(Hex.decode("0x0000000000000385"));
    assertThat(boot.value(LocalKey.ROLLUP_CONFIG)).isEmpty();
  }

  @Test
  void customChainAnnouncesItselfWithMaxUint64AndAddsKeysSixAndSeven() {
    BootInfo.CustomChain chain =
        new BootInfo.CustomChain(json("{\"chainId\":901}"), json("{\"l2_chain_id\":901}"));
    BootInfo boot = BootInfo.custom(L1_HEAD, AGREED, CLAIM, 7, chain);
    assertThat(boot.value(LocalKey.L2_CHAIN_ID).orElseThrow())
        .isEqualTo(Hex.decode("0xffffffffffffffff"));
    List<PreimageKey> asked = new ArrayList<>();
    assertThat(BootInfo.read(recording(boot, asked))).isEqualTo(boot);
    assertThat(asked).hasSize(7);
    assertThat(asked.get(5)).isEqualTo(PreimageKey.local(6));
    assertThat(asked.get(6)).isEqualTo(PreimageKey.local(7));
    assertThat(boot.value(PreimageKey.local(6)).orElseThrow())
        .isEqualTo(chain.l2ChainConfigJson().toArray());
    assertThat(boot.value(PreimageKey.local(8))).isEmpty();
  }

  @Test
  void wrongSizesAreBootErrors() {
    PreimageOracle shortHead = key -> new byte[31];
    assertThatThrownBy(() -> BootInfo.read(shortHead))
        .isInstanceOf(BootException.class)
        .hasMessageContaining("L1_HEAD has 31 bytes");
  }

  private static PreimageOracle recording(BootInfo boot, List<PreimageKey> asked) {
    return key -> {
      asked.add(key);
      return boot.value(key).orElseThrow();
    };
  }

  private static Bytes json(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
