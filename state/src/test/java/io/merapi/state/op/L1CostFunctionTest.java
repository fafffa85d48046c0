package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec formulas, checked with the numbers of op-geth's rollup_cost_test.go: L1 base fee 1000e6
 * wei, overhead 50, scalar 7e6, blob base fee 10e6, scalars 2 and 3, on the 30-byte empty
 * transaction.
 */
class L1CostFunctionTest {
  static final BigInteger BASE_FEE = BigInteger.valueOf(1000L * 1_000_000);
  static final BigInteger OVERHEAD = BigInteger.valueOf(50);
  static final BigInteger SCALAR = BigInteger.valueOf(7L * 1_000_000);
  static final BigInteger BLOB_BASE_FEE = BigInteger.valueOf(10L * 1_000_000);
  static final RollupCostData EMPTY_TX = RollupCostData.of(FastLzTest.EMPTY_TX);

  @Test
  void costDataOfTheEmptyTransaction() {
    assertThat(EMPTY_TX).isEqualTo(new RollupCostData(0, 30, 31));
  }

  @Test
  void aFeeBeyondUint256SaturatesSoThatNoBalanceCoversIt() {
    // An Ecotone-packed scalar word read by the Bedrock formula (a genesis system config that
    // does not match the fork) asks for more than 2^256 - 1 wei.
    BigInteger packed = BigInteger.ONE.shiftLeft(248).add(BigInteger.valueOf(0x0c5fc500000558L));
    var bedrock = new L1CostFunction.Bedrock(BASE_FEE, OVERHEAD, packed, true);
    assertThat(bedrock.fee(EMPTY_TX)).isEqualTo(UInt256.MAX_VALUE);
  }

  @Test
  void bedrockBeforeAndAfterRegolith() {
    var bedrock = new L1CostFunction.Bedrock(BASE_FEE, OVERHEAD, SCALAR, false);
    assertThat(bedrock.gasUsed(EMPTY_TX)).isEqualTo(1618);
    assertThat(bedrock.fee(EMPTY_TX)).isEqualTo(UInt256.valueOf(11_326_000_000_000L));
    var regolith = new L1CostFunction.Bedrock(BASE_FEE, OVERHEAD, SCALAR, true);
    // 530 = 1618 - 16 * 68: Regolith drops the 68 phantom signature bytes.
    assertThat(regolith.gasUsed(EMPTY_TX)).isEqualTo(530);
    assertThat(regolith.fee(EMPTY_TX)).isEqualTo(UInt256.valueOf(3_710_000_000_000L));
  }

  @Test
  void ecotone() {
    var ecotone = new L1CostFunction.Ecotone(BASE_FEE, BLOB_BASE_FEE, 2, 3);
    assertThat(ecotone.gasUsed(EMPTY_TX)).isEqualTo(480);
    // (480/16) * (2*16*1000 + 3*10) = 960900 (with fees in millions of wei)
    assertThat(ecotone.fee(EMPTY_TX)).isEqualTo(UInt256.valueOf(960_900));
  }

  @Test
  void fjordUsesTheMinimumSizeForSmallTransactions() {
    var fjord = new L1CostFunction.Fjord(BASE_FEE, BLOB_BASE_FEE, 2, 3);
    // -42.5856 + 0.8365 * 170 = 99.6194 < 100: all three are charged as 100 bytes.
    for (long size : new long[] {100, 150, 170}) {
      RollupCostData data = new RollupCostData(0, 0, size);
      assertThat(fjord.gasUsed(data)).isEqualTo(1600);
      assertThat(fjord.fee(data)).isEqualTo(UInt256.valueOf(3_203_000));
    }
    for (long size : new long[] {171, 175, 200}) {
      RollupCostData data = new RollupCostData(0, 0, size);
      assertThat(fjord.gasUsed(data)).isGreaterThan(BigInteger.valueOf(1600));
      assertThat(fjord.fee(data).compareTo(UInt256.valueOf(3_203_000))).isPositive();
    }
    assertThat(fjord.fee(EMPTY_TX)).isEqualTo(UInt256.valueOf(3_203_000));
  }

  @Test
  void fjordMatchesTheGasPriceOracleSolidityTest() {
    // op-geth TestFjordL1CostSolidityParity, mirrored by GasPriceOracle_Test in contracts-bedrock.
    var fjord =
        new L1CostFunction.Fjord(
            BigInteger.valueOf(2_000_000), BigInteger.valueOf(3_000_000), 20, 15);
    RollupCostData data = new RollupCostData(0, 0, 235);
    assertThat(fjord.gasUsed(data)).isEqualTo(2463);
    assertThat(fjord.fee(data)).isEqualTo(UInt256.valueOf(105_484));
  }

  /** A fake L1Block storage. */
  static final class Storage implements L1BlockInfo.StorageView {
    final Map<UInt256, UInt256> slots = new HashMap<>();

    @Override
    public UInt256 storage(Address address, UInt256 key) {
      assertThat(address).isEqualTo(L1BlockInfo.L1_BLOCK_ADDRESS);
      return slots.getOrDefault(key, UInt256.ZERO);
    }
  }

  static Storage l1Block(long baseFeeScalar, long blobBaseFeeScalar, BigInteger blobBaseFee) {
    Storage s = new Storage();
    s.slots.put(L1BlockInfo.L1_BASE_FEE_SLOT, UInt256.valueOf(BASE_FEE));
    s.slots.put(L1BlockInfo.OVERHEAD_SLOT, UInt256.valueOf(OVERHEAD));
    s.slots.put(L1BlockInfo.SCALAR_SLOT, UInt256.valueOf(SCALAR));
    s.slots.put(L1BlockInfo.L1_BLOB_BASE_FEE_SLOT, UInt256.valueOf(blobBaseFee));
    s.slots.put(
        L1BlockInfo.FEE_SCALARS_SLOT,
        UInt256.fromHash(L1BlockInfo.packScalars(7, baseFeeScalar, blobBaseFeeScalar)));
    return s;
  }

  @Test
  void selectsTheFormulaFromForkAndStorage() {
    Storage s = l1Block(2, 3, BLOB_BASE_FEE);
    assertThat(L1BlockInfo.costFunction(s, false, false, false).fee(EMPTY_TX))
        .isEqualTo(UInt256.valueOf(11_326_000_000_000L));
    assertThat(L1BlockInfo.costFunction(s, true, false, false).fee(EMPTY_TX))
        .isEqualTo(UInt256.valueOf(3_710_000_000_000L));
    assertThat(L1BlockInfo.costFunction(s, true, true, false).fee(EMPTY_TX))
        .isEqualTo(UInt256.valueOf(960_900));
    assertThat(L1BlockInfo.costFunction(s, true, true, true).fee(EMPTY_TX))
        .isEqualTo(UInt256.valueOf(3_203_000));
  }

  @Test
  void firstEcotoneBlockStillUsesBedrock() {
    // The Ecotone values are unset until the first Ecotone-style L1 attributes deposit.
    Storage s = l1Block(0, 0, BigInteger.ZERO);
    assertThat(L1BlockInfo.costFunction(s, true, true, false))
        .isInstanceOf(L1CostFunction.Bedrock.class);
    assertThat(L1BlockInfo.costFunction(s, true, true, true).fee(EMPTY_TX))
        .isEqualTo(UInt256.valueOf(3_710_000_000_000L));
    // Any one Ecotone value set ends the special case.
    assertThat(L1BlockInfo.costFunction(l1Block(1, 0, BigInteger.ZERO), true, true, false))
        .isInstanceOf(L1CostFunction.Ecotone.class);
  }

  @Test
  void scalarsArePackedAtTheirSolidityOffsets() {
    // sequenceNumber in bytes [24,32), baseFeeScalar [16,20), blobBaseFeeScalar [20,24).
    assertThat(L1BlockInfo.packScalars(0x0102, 0xaabbccddL, 0x11223344L).toHex())
        .isEqualTo("0x00000000000000000000000000000000aabbccdd112233440000000000000102");
  }
}
