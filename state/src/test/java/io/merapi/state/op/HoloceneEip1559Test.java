package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Holocene's EIP-1559 parameters (holocene/exec-engine.md) and OP base fees. */
class HoloceneEip1559Test {
  static final long CANYON = 100;
  static final long HOLOCENE = 200;

  /** An OP chain with Optimism's constants (6, 50, Canyon 250), Canyon at 100, Holocene at 200. */
  static OpChainRules rules() {
    Map<Fork, Long> blocks = new EnumMap<>(Fork.class);
    for (Fork f : Fork.values()) {
      if (f != Fork.FRONTIER && f.isBefore(Fork.PARIS)) {
        blocks.put(f, 0L);
      }
    }
    Map<OpFork, Long> op = new EnumMap<>(OpFork.class);
    op.put(OpFork.REGOLITH, 0L);
    op.put(OpFork.CANYON, CANYON);
    op.put(OpFork.DELTA, CANYON);
    op.put(OpFork.ECOTONE, CANYON);
    op.put(OpFork.FJORD, CANYON);
    op.put(OpFork.GRANITE, CANYON);
    op.put(OpFork.HOLOCENE, HOLOCENE);
    return new OpChainRules(
        new ChainConfig(
            10,
            blocks,
            Map.of(Fork.SHANGHAI, CANYON, Fork.CANCUN, CANYON),
            Optional.of(UInt256.ZERO),
            true,
            OptionalLong.of(0),
            Optional.empty(),
            Map.of(),
            OptionalLong.of(0),
            op,
            Optional.of(new OptimismConfig(6, 50, OptionalLong.of(250)))));
  }

  static Header parent(long time, long gasLimit, long gasUsed, long baseFee, Bytes extraData) {
    return new Header(
        Hash.ZERO,
        Header.EMPTY_OMMERS_HASH,
        Address.ZERO,
        Hash.ZERO,
        Header.EMPTY_ROOT,
        Header.EMPTY_ROOT,
        LogsBloom.EMPTY,
        UInt256.ZERO,
        1000,
        gasLimit,
        gasUsed,
        time,
        extraData,
        Hash.ZERO,
        0,
        Optional.of(UInt256.valueOf(baseFee)),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void extraDataIsVersionZeroDenominatorElasticity() {
    // denominator 250 = 0xfa, elasticity 6: the layout of the spec's header table.
    assertThat(new Eip1559Params(250, 6).toExtraData().toHex()).isEqualTo("0x00000000fa00000006");
    assertThat(new Eip1559Params(250, 6).toAttributes().toHex()).isEqualTo("0x000000fa00000006");
    assertThat(Eip1559Params.fromExtraData(Bytes.fromHex("0x00000000fa00000006")))
        .isEqualTo(new Eip1559Params(250, 6));
    assertThat(Eip1559Params.fromAttributes(Bytes.fromHex("0xffffffff00000001")))
        .isEqualTo(new Eip1559Params(0xffffffffL, 1));
  }

  @Test
  void invalidExtraDataIsRefused() {
    assertThatThrownBy(() -> Eip1559Params.fromExtraData(Bytes.fromHex("0x00000000fa000000")))
        .hasMessageContaining("9 bytes");
    assertThatThrownBy(() -> Eip1559Params.fromExtraData(Bytes.fromHex("0x01000000fa00000006")))
        .hasMessageContaining("version 0");
    assertThatThrownBy(() -> Eip1559Params.fromExtraData(Bytes.fromHex("0x000000000000000006")))
        .hasMessageContaining("non-zero");
    assertThatThrownBy(() -> Eip1559Params.fromExtraData(Bytes.fromHex("0x00000000fa00000000")))
        .hasMessageContaining("non-zero");
    assertThatThrownBy(() -> Eip1559Params.fromExtraData(Bytes.EMPTY))
        .hasMessageContaining("9 bytes");
  }

  @Test
  void attributesMayBeAllZeroButNotZeroDenominatorAlone() {
    assertThat(Eip1559Params.fromAttributes(Bytes.fromHex("0x0000000000000000")).isZero()).isTrue();
    assertThatThrownBy(() -> Eip1559Params.fromAttributes(Bytes.fromHex("0x0000000000000006")))
        .hasMessageContaining("0 denominator");
    assertThatThrownBy(() -> Eip1559Params.fromAttributes(Bytes.fromHex("0x00000000000006")))
        .hasMessageContaining("8 bytes");
  }

  @Test
  void newBlockExtraData() {
    OpChainRules rules = rules();
    assertThat(rules.extraData(5, HOLOCENE - 1, Optional.empty())).isEqualTo(Bytes.EMPTY);
    assertThatThrownBy(() -> rules.extraData(5, HOLOCENE - 1, Optional.of(new Eip1559Params(1, 1))))
        .hasMessageContaining("before Holocene");
    assertThatThrownBy(() -> rules.extraData(5, HOLOCENE, Optional.empty()))
        .hasMessageContaining("required");
    // Both zero: the chain's Canyon constants go into the header.
    assertThat(rules.extraData(5, HOLOCENE, Optional.of(new Eip1559Params(0, 0))).toHex())
        .isEqualTo("0x00000000fa00000006");
    assertThat(rules.extraData(5, HOLOCENE, Optional.of(new Eip1559Params(8, 2))).toHex())
        .isEqualTo("0x000000000800000002");
  }

  @Test
  void baseFeeUsesTheCanyonDenominatorFromTheNewBlocksTime() {
    OpChainRules rules = rules();
    // Full parent (60M used of 60M, target 10M): +5/denominator of the base fee.
    Header full = parent(CANYON - 2, 60_000_000, 60_000_000, 1_000_000_000L, Bytes.EMPTY);
    assertThat(rules.nextBaseFee(full, CANYON - 1)).isEqualTo(UInt256.valueOf(1_100_000_000L));
    assertThat(rules.nextBaseFee(full, CANYON)).isEqualTo(UInt256.valueOf(1_020_000_000L));
    // At target the base fee stays.
    Header atTarget = parent(CANYON, 60_000_000, 10_000_000, 1_000_000_000L, Bytes.EMPTY);
    assertThat(rules.nextBaseFee(atTarget, CANYON + 2)).isEqualTo(UInt256.valueOf(1_000_000_000L));
  }

  @Test
  void fromHoloceneTheParentsExtraDataGivesTheParameters() {
    OpChainRules rules = rules();
    // Parent before Holocene (the activation block's parent): constants, extraData empty.
    Header beforeHolocene =
        parent(HOLOCENE - 2, 60_000_000, 60_000_000, 1_000_000_000L, Bytes.EMPTY);
    assertThat(rules.nextBaseFee(beforeHolocene, HOLOCENE))
        .isEqualTo(UInt256.valueOf(1_020_000_000L));
    // Parent in Holocene with denominator 10, elasticity 2: target 30M, +1/10 when full.
    Header holocene =
        parent(
            HOLOCENE,
            60_000_000,
            60_000_000,
            1_000_000_000L,
            new Eip1559Params(10, 2).toExtraData());
    assertThat(rules.nextBaseFee(holocene, HOLOCENE + 2))
        .isEqualTo(UInt256.valueOf(1_100_000_000L));
    // Empty parent: -1/10.
    Header empty =
        parent(HOLOCENE, 60_000_000, 0, 1_000_000_000L, new Eip1559Params(10, 2).toExtraData());
    assertThat(rules.nextBaseFee(empty, HOLOCENE + 2)).isEqualTo(UInt256.valueOf(900_000_000L));
    Header bad = parent(HOLOCENE, 60_000_000, 0, 1_000_000_000L, Bytes.EMPTY);
    assertThatThrownBy(() -> rules.nextBaseFee(bad, HOLOCENE + 2)).hasMessageContaining("9 bytes");
  }

  @Test
  void precompilesFollowFjordAndGranite() {
    OpChainRules rules = rules();
    assertThat(rules.precompiles(1, CANYON - 1).p256Verify()).isFalse();
    assertThat(rules.precompiles(1, CANYON).p256Verify()).isTrue();
    assertThat(rules.precompiles(1, CANYON).bn254PairingMaxInputLength()).hasValue(112_687);
    assertThat(rules.precompiles(1, CANYON).fork()).isEqualTo(Fork.CANCUN);
    assertThat(rules.placesCreate2Deployer(CANYON)).isTrue();
    assertThat(rules.placesCreate2Deployer(CANYON + 2)).isFalse();
  }
}
