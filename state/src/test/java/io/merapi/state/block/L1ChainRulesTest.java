package io.merapi.state.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.BpoFork;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class L1ChainRulesTest {
  /** London at block 10, Shanghai at time 100, Cancun at time 200 (no merge: rules only). */
  private static final ChainRules RULES = new L1ChainRules(config());

  private static ChainConfig config() {
    Map<Fork, Long> blocks = new EnumMap<>(Fork.class);
    blocks.put(Fork.BERLIN, 0L);
    blocks.put(Fork.LONDON, 10L);
    return new ChainConfig(
        1,
        blocks,
        Map.of(Fork.SHANGHAI, 100L, Fork.CANCUN, 200L),
        Optional.empty(),
        false,
        OptionalLong.empty(),
        Optional.empty(),
        Map.of(),
        OptionalLong.empty(),
        Map.of(),
        Optional.empty());
  }

  private static Header.Builder header(long number, long time, long gasLimit, long gasUsed) {
    return Header.builder().number(number).timestamp(time).gasLimit(gasLimit).gasUsed(gasUsed);
  }

  @Test
  void baseFeeStartsAtOneGweiAndFollowsEip1559() {
    Header preLondon = header(9, 50, 10_000_000, 0).build();
    assertThat(RULES.baseFee(preLondon, 51)).contains(UInt256.valueOf(1_000_000_000L));
    assertThat(RULES.baseFee(header(8, 50, 1, 0).build(), 51)).isEmpty();

    Header full =
        header(20, 60, 10_000_000, 10_000_000)
            .baseFeePerGas(Optional.of(UInt256.valueOf(1_000_000_000L)))
            .build();
    // Twice the target used: +1/8.
    assertThat(RULES.baseFee(full, 61)).contains(UInt256.valueOf(1_125_000_000L));
    Header empty = full.toBuilder().gasUsed(0).build();
    assertThat(RULES.baseFee(empty, 61)).contains(UInt256.valueOf(875_000_000L));
    Header atTarget = full.toBuilder().gasUsed(5_000_000).build();
    assertThat(RULES.baseFee(atTarget, 61)).contains(UInt256.valueOf(1_000_000_000L));
  }

  @Test
  void gasLimitMovesByLessThanParentOver1024() {
    L1ChainRules.validateGasLimit(10_240_000, 10_240_000 + 9_999);
    assertThatThrownBy(() -> L1ChainRules.validateGasLimit(10_240_000, 10_240_000 + 10_000))
        .isInstanceOf(InvalidBlockException.class);
    assertThatThrownBy(() -> L1ChainRules.validateGasLimit(10_240_000, 10_240_000 - 10_000))
        .isInstanceOf(InvalidBlockException.class);
    assertThatThrownBy(() -> L1ChainRules.validateGasLimit(5_000, 4_999))
        .hasMessageContaining("below 5000");
  }

  @Test
  void excessBlobGasFromCancunOn() {
    Header parent =
        header(30, 190, 30_000_000, 0)
            .baseFeePerGas(Optional.of(UInt256.ONE))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .build();
    assertThat(RULES.excessBlobGas(parent, 199)).isEmpty();
    assertThat(RULES.excessBlobGas(parent, 200)).hasValue(0);
    Header cancunParent =
        parent.toBuilder()
            .timestamp(200)
            .blobGasUsed(OptionalLong.of(6 * 131_072))
            .excessBlobGas(OptionalLong.of(393_216))
            .parentBeaconBlockRoot(Optional.of(Hash.ZERO))
            .build();
    assertThat(RULES.excessBlobGas(cancunParent, 212)).hasValue(393_216 + 6 * 131_072 - 393_216);
  }

  /** Osaka at 300 with a blob-parameter-only fork at 400 (EIP-7892): target 10, max 15. */
  private static final ChainRules OSAKA_RULES =
      new L1ChainRules(
          new ChainConfig(
              1,
              ChainConfig.preMergeForksAtGenesis(),
              Map.of(Fork.SHANGHAI, 0L, Fork.CANCUN, 0L, Fork.PRAGUE, 0L, Fork.OSAKA, 300L),
              Optional.of(UInt256.ZERO),
              true,
              OptionalLong.empty(),
              Optional.empty(),
              Map.of(),
              OptionalLong.empty(),
              Map.of(),
              Optional.empty(),
              Map.of(BpoFork.BPO1, 400L),
              Map.of(BpoFork.BPO1, new BlobSchedule(10, 15, 8_346_193))));

  @Test
  void osakaExcessBlobGasHasAReservePriceAndBpoParameters() {
    Header parent =
        header(30, 290, 30_000_000, 0)
            .baseFeePerGas(Optional.of(UInt256.valueOf(100)))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .blobGasUsed(OptionalLong.of(6 * 131_072))
            .excessBlobGas(OptionalLong.of(0))
            .parentBeaconBlockRoot(Optional.of(Hash.ZERO))
            .build();
    // Prague: at target, nothing is left over.
    assertThat(OSAKA_RULES.excessBlobGas(parent, 299)).hasValue(0);
    // Osaka: 8192 * 100 wei beats one blob at 1 wei a blob gas, so a third of the use stays.
    assertThat(OSAKA_RULES.excessBlobGas(parent, 300)).hasValue(2 * 131_072);
    // BPO1: target 10 blobs, so six blobs are below it.
    assertThat(OSAKA_RULES.excessBlobGas(parent, 400)).hasValue(0);
    Header bpoParent = parent.toBuilder().blobGasUsed(OptionalLong.of(15 * 131_072)).build();
    assertThat(OSAKA_RULES.excessBlobGas(bpoParent, 400)).hasValue(15 * 131_072 * 5 / 15);
    // The block's maximum follows the BPO too.
    assertThat(OSAKA_RULES.forBlock(bpoParent.toBuilder().timestamp(400).build()).maxBlobGas())
        .isEqualTo(15 * 131_072);
    assertThat(OSAKA_RULES.forBlock(parent.toBuilder().timestamp(300).build()).maxBlobGas())
        .isEqualTo(9 * 131_072);
  }

  @Test
  void osakaBoundsTheRlpBlockAt8MiB() {
    Header big =
        header(31, 300, 30_000_000, 0)
            .baseFeePerGas(Optional.of(UInt256.ONE))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .blobGasUsed(OptionalLong.of(0))
            .excessBlobGas(OptionalLong.of(0))
            .parentBeaconBlockRoot(Optional.of(Hash.ZERO))
            .extraData(Bytes.wrap(new byte[L1ChainRules.MAX_RLP_BLOCK_SIZE]))
            .build();
    BlockBody body = new BlockBody(List.of(), List.of(), Optional.of(List.of()));
    assertThatThrownBy(() -> OSAKA_RULES.forBlock(big).validateBody(body))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("EIP-7934");
    // Prague has no such limit; a small Osaka block passes.
    OSAKA_RULES.forBlock(big.toBuilder().timestamp(299).build()).validateBody(body);
    OSAKA_RULES
        .forBlock(big.toBuilder().extraData(Bytes.wrap(new byte[32])).build())
        .validateBody(body);
    assertThat(L1ChainRules.MAX_RLP_BLOCK_SIZE).isEqualTo(8 * 1024 * 1024);
  }

  @Test
  void headerChecksNameTheRuleBroken() {
    Header parent =
        header(20, 60, 10_000_000, 5_000_000)
            .baseFeePerGas(Optional.of(UInt256.valueOf(7)))
            .build();
    Header child =
        header(21, 61, 10_000_000, 0)
            .baseFeePerGas(Optional.of(UInt256.valueOf(7)))
            .extraData(Bytes.wrap(new byte[32]))
            .build();
    RULES.validateHeader(parent, child);
    assertThatThrownBy(
            () ->
                RULES.validateHeader(
                    parent, child.toBuilder().extraData(Bytes.wrap(new byte[33])).build()))
        .hasMessageContaining("extra-data");
    assertThatThrownBy(
            () ->
                RULES.validateHeader(
                    parent, child.toBuilder().baseFeePerGas(Optional.of(UInt256.ONE)).build()))
        .hasMessageContaining("invalid baseFee");
  }

  @Test
  void optimismChainsNeedTheirOwnRules() {
    ChainConfig c = config();
    ChainConfig op =
        new ChainConfig(
            c.chainId(),
            c.forkBlocks(),
            c.forkTimes(),
            c.terminalTotalDifficulty(),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            Map.of(),
            OptionalLong.of(0),
            Map.of(),
            Optional.of(new io.merapi.types.config.OptimismConfig(6, 50, OptionalLong.of(250))));
    assertThat(ChainRules.of(op)).isInstanceOf(io.merapi.state.op.OpChainRules.class);
    assertThat(ChainRules.of(c)).isInstanceOf(L1ChainRules.class);
  }
}
