package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.state.op.FastLz;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.L1BlockInfo;
import io.merapi.state.op.L1CostFunction;
import io.merapi.state.op.OpFeeRules;
import io.merapi.state.op.Predeploys;
import io.merapi.state.op.RollupCostData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GasPriceOracle predeploy against the execution engine's L1 cost functions ({@link
 * L1BlockInfo#costFunction} reading the L1Block's slots, {@link L1CostFunction}, {@link
 * OpFeeRules}), with the L1Block set by real L1 attributes deposits and the hardforks switched on
 * by upgrade transactions from the depositor account, as on a live chain.
 *
 * <p>What "equal" means: the oracle takes the unsigned transaction and counts 68 non-zero bytes for
 * the signature (Bedrock, Ecotone), or adds 68 to its FastLZ size (Fjord). So its fee is the
 * engine's formula over the unsigned bytes with that padding, exactly, and for Bedrock and Ecotone
 * never below what the engine charges the signed transaction.
 */
class GasPriceOracleTest {
  private static final Address GPO = Predeploys.GAS_PRICE_ORACLE;
  private static final Address L1_BLOCK = Predeploys.L1_BLOCK;
  private static final long PADDING = 68;

  private final TestChain chain = TestChain.l2();
  private final Address stranger = TestChain.address("stranger");

  /** OP Mainnet-like pre-Ecotone values: 30 gwei, overhead 188, scalar 0.684. */
  private static final L1Attributes.Bedrock BEDROCK =
      new L1Attributes.Bedrock(
          100,
          1_700_000_000,
          UInt256.valueOf(30_000_000_000L),
          Hash.leftPad(new byte[] {1}),
          0,
          Hash.ZERO,
          UInt256.valueOf(188),
          UInt256.valueOf(684_000));

  /** OP Mainnet-like Ecotone scalars with a 30 gwei base fee and a 1 gwei blob base fee. */
  private static final L1Attributes.Ecotone ECOTONE =
      ecotone(1_368, 810_949, 30_000_000_000L, 1_000_000_000L);

  private static L1Attributes.Ecotone ecotone(
      long baseFeeScalar, long blobBaseFeeScalar, long baseFee, long blobBaseFee) {
    return new L1Attributes.Ecotone(
        baseFeeScalar,
        blobBaseFeeScalar,
        1,
        1_700_000_012,
        101,
        UInt256.valueOf(baseFee),
        UInt256.valueOf(blobBaseFee),
        Hash.leftPad(new byte[] {2}),
        Hash.ZERO);
  }

  @BeforeEach
  void genesis() {
    L2Genesis.proxied(chain, L1_BLOCK, L1Block.deployment());
    L2Genesis.proxied(chain, GPO, GasPriceOracle.deployment());
  }

  private void activateEcotone(L1Attributes.Ecotone attributes) {
    Deposits.l1Info(chain, attributes).requireSuccess();
    Deposits.upgrade(chain, GPO, GasPriceOracle.setEcotone()).requireSuccess();
  }

  private void activateFjord(L1Attributes.Ecotone attributes) {
    activateEcotone(attributes);
    Deposits.upgrade(chain, GPO, GasPriceOracle.setFjord()).requireSuccess();
  }

  private UInt256 l1Fee(byte[] unsigned) {
    return chain.call(GPO, GasPriceOracle.getL1Fee(Bytes.wrap(unsigned)));
  }

  private UInt256 l1GasUsed(byte[] unsigned) {
    return chain.call(GPO, GasPriceOracle.getL1GasUsed(Bytes.wrap(unsigned)));
  }

  private String revertReason(Address from, ContractCall<?> call) {
    Outcome o = chain.simulate(from, GPO, UInt256.ZERO, call.data());
    assertThat(o.isSuccess()).as("expected a revert").isFalse();
    return AbiError.reason(o.revertData()).orElseThrow();
  }

  /** The unsigned bytes' cost data with the signature padding counted as non-zero bytes. */
  private static RollupCostData padded(byte[] unsigned) {
    RollupCostData d = RollupCostData.of(unsigned);
    return new RollupCostData(d.zeroes(), d.ones() + PADDING, d.fastLzSize() + PADDING);
  }

  @Test
  void constantsAndVersion() {
    assertThat(chain.call(GPO, GasPriceOracle.DECIMALS())).isEqualTo(UInt256.valueOf(6));
    assertThat(chain.call(GPO, GasPriceOracle.decimals())).isEqualTo(UInt256.valueOf(6));
    assertThat(chain.call(GPO, GasPriceOracle.version())).isEqualTo("1.3.0");
    // The L2 base fee of the block (zero on the test chain).
    assertThat(chain.call(GPO, GasPriceOracle.gasPrice())).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(GPO, GasPriceOracle.baseFee())).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(GPO, GasPriceOracle.isEcotone())).isFalse();
    assertThat(chain.call(GPO, GasPriceOracle.isFjord())).isFalse();
    assertThat(chain.call(GPO, GasPriceOracle.isIsthmus())).isFalse();
  }

  @Test
  void bedrockFeeIsTheEnginesFormulaOverTheUnsignedTransaction() {
    Deposits.l1Info(chain, BEDROCK).requireSuccess();
    assertThat(chain.call(GPO, GasPriceOracle.l1BaseFee())).isEqualTo(BEDROCK.baseFee());
    assertThat(chain.call(GPO, GasPriceOracle.overhead())).isEqualTo(BEDROCK.l1FeeOverhead());
    assertThat(chain.call(GPO, GasPriceOracle.scalar())).isEqualTo(BEDROCK.l1FeeScalar());

    // Bedrock's padding is the engine's own pre-Regolith rule: 68 more non-zero bytes.
    L1CostFunction padding = L1BlockInfo.costFunction(chain::storage, false, false, false);
    OpFeeRules engine = new OpFeeRules(chain::storage, true, false, false);
    for (Transactions.Sample s : Transactions.samples()) {
      RollupCostData data = RollupCostData.of(s.unsigned());
      UInt256 fee = l1Fee(s.unsigned());
      assertThat(fee).as(s.name()).isEqualTo(padding.fee(data));
      assertThat(l1GasUsed(s.unsigned()))
          .as(s.name())
          .isEqualTo(UInt256.valueOf(padding.gasUsed(data)));
      assertThat(fee).as(s.name()).isGreaterThanOrEqualTo(engine.l1Cost(s.signed()));
    }
  }

  @Test
  void ecotoneFeeIsTheEnginesFormulaOverTheUnsignedTransaction() {
    Deposits.l1Info(chain, BEDROCK).requireSuccess();
    activateEcotone(ECOTONE);
    assertThat(chain.call(GPO, GasPriceOracle.isEcotone())).isTrue();
    assertThat(chain.call(GPO, GasPriceOracle.l1BaseFee())).isEqualTo(ECOTONE.baseFee());
    assertThat(chain.call(GPO, GasPriceOracle.blobBaseFee())).isEqualTo(ECOTONE.blobBaseFee());
    assertThat(chain.call(GPO, GasPriceOracle.baseFeeScalar())).isEqualTo(ECOTONE.baseFeeScalar());
    assertThat(chain.call(GPO, GasPriceOracle.blobBaseFeeScalar()))
        .isEqualTo(ECOTONE.blobBaseFeeScalar());

    L1CostFunction ecotone = L1BlockInfo.costFunction(chain::storage, true, true, false);
    assertThat(ecotone).isInstanceOf(L1CostFunction.Ecotone.class);
    OpFeeRules engine = new OpFeeRules(chain::storage, true, true, false);
    for (Transactions.Sample s : Transactions.samples()) {
      UInt256 fee = l1Fee(s.unsigned());
      assertThat(fee).as(s.name()).isEqualTo(ecotone.fee(padded(s.unsigned())));
      assertThat(l1GasUsed(s.unsigned()))
          .as(s.name())
          .isEqualTo(UInt256.valueOf(ecotone.gasUsed(padded(s.unsigned()))));
      assertThat(fee).as(s.name()).isGreaterThanOrEqualTo(engine.l1Cost(s.signed()));
    }
  }

  @Test
  void fjordFeeIsTheEnginesFormulaOverTheUnsignedTransaction() {
    activateFjord(ECOTONE);
    assertThat(chain.call(GPO, GasPriceOracle.isFjord())).isTrue();
    L1CostFunction fjord = L1BlockInfo.costFunction(chain::storage, true, true, true);
    assertThat(fjord).isInstanceOf(L1CostFunction.Fjord.class);
    OpFeeRules engine = new OpFeeRules(chain::storage, true, true, true);
    for (Transactions.Sample s : Transactions.samples()) {
      UInt256 fee = l1Fee(s.unsigned());
      assertThat(fee).as(s.name()).isEqualTo(fjord.fee(padded(s.unsigned())));
      assertThat(l1GasUsed(s.unsigned()))
          .as(s.name())
          .isEqualTo(UInt256.valueOf(fjord.gasUsed(padded(s.unsigned()))));
      long gas =
          chain
              .simulate(
                  stranger,
                  GPO,
                  UInt256.ZERO,
                  GasPriceOracle.getL1Fee(Bytes.wrap(s.unsigned())).data())
              .gasUsed();
      System.out.printf(
          "Fjord %-40s %6d bytes unsigned: oracle %s wei, engine (signed) %s wei, getL1Fee gas %d%n",
          s.name(),
          s.unsigned().length,
          fee.toDecimalString(),
          engine.l1Cost(s.signed()).toDecimalString(),
          gas);
    }
  }

  @Test
  void fjordUpperBoundFollowsTheSpecFormula() {
    activateFjord(ECOTONE);
    L1CostFunction fjord = L1BlockInfo.costFunction(chain::storage, true, true, true);
    for (long size : new long[] {0, 1, 100, 150, 186, 187, 1_000, 100_000, 10_000_000}) {
      // fjord/predeploys.md: txSize = unsignedTxSize + 68; flzUpperBound = txSize + txSize / 255 +
      // 16.
      long txSize = size + PADDING;
      long bound = txSize + txSize / 255 + 16;
      assertThat(chain.call(GPO, GasPriceOracle.getL1FeeUpperBound(UInt256.valueOf(size))))
          .as("size %d", size)
          .isEqualTo(fjord.fee(new RollupCostData(0, 0, bound)));
    }
  }

  @Test
  void upperBoundNeedsFjord() {
    activateEcotone(ECOTONE);
    assertThat(revertReason(stranger, GasPriceOracle.getL1FeeUpperBound(UInt256.valueOf(100))))
        .isEqualTo("GasPriceOracle: getL1FeeUpperBound only supports Fjord");
  }

  @Test
  void legacyGettersRevertFromEcotone() {
    activateEcotone(ECOTONE);
    assertThat(revertReason(stranger, GasPriceOracle.overhead()))
        .isEqualTo("GasPriceOracle: overhead() is deprecated");
    assertThat(revertReason(stranger, GasPriceOracle.scalar()))
        .isEqualTo("GasPriceOracle: scalar() is deprecated");
  }

  @Test
  void hardforkFlagsAreSetOnceInOrderByTheDepositorOnly() {
    assertThat(revertReason(stranger, GasPriceOracle.setEcotone()))
        .isEqualTo("GasPriceOracle: only the depositor account can set isEcotone flag");
    assertThat(revertReason(stranger, GasPriceOracle.setFjord()))
        .isEqualTo("GasPriceOracle: only the depositor account can set isFjord flag");
    assertThat(revertReason(stranger, GasPriceOracle.setIsthmus()))
        .isEqualTo("GasPriceOracle: only the depositor account can set isIsthmus flag");

    Address depositor = Deposits.DEPOSITOR;
    assertThat(revertReason(depositor, GasPriceOracle.setFjord()))
        .isEqualTo("GasPriceOracle: Fjord can only be activated after Ecotone");
    assertThat(revertReason(depositor, GasPriceOracle.setIsthmus()))
        .isEqualTo("GasPriceOracle: Isthmus can only be activated after Fjord");

    Deposits.upgrade(chain, GPO, GasPriceOracle.setEcotone()).requireSuccess();
    assertThat(revertReason(depositor, GasPriceOracle.setEcotone()))
        .isEqualTo("GasPriceOracle: Ecotone already active");
    assertThat(revertReason(depositor, GasPriceOracle.setIsthmus()))
        .isEqualTo("GasPriceOracle: Isthmus can only be activated after Fjord");

    Deposits.upgrade(chain, GPO, GasPriceOracle.setFjord()).requireSuccess();
    assertThat(revertReason(depositor, GasPriceOracle.setFjord()))
        .isEqualTo("GasPriceOracle: Fjord already active");

    Deposits.upgrade(chain, GPO, GasPriceOracle.setIsthmus()).requireSuccess();
    assertThat(revertReason(depositor, GasPriceOracle.setIsthmus()))
        .isEqualTo("GasPriceOracle: Isthmus already active");

    // The flags are the three low bytes of slot 0, in OP's order.
    assertThat(chain.storage(GPO, UInt256.ZERO)).isEqualTo(UInt256.valueOf(0x010101));
  }

  @Test
  void operatorFeeIsZeroBeforeIsthmusThenFollowsTheFormula() {
    activateFjord(ECOTONE);
    Deposits.call(
            chain,
            Deposits.DEPOSITOR,
            L1_BLOCK,
            Deposits.isthmusCalldata(ECOTONE, 2_500_000, 1_000_000_007L))
        .requireSuccess();
    UInt256 gas = UInt256.valueOf(123_457);
    // Before Isthmus there is no operator fee, whatever the L1Block holds.
    assertThat(chain.call(GPO, GasPriceOracle.getOperatorFee(gas))).isEqualTo(UInt256.ZERO);

    Deposits.upgrade(chain, GPO, GasPriceOracle.setIsthmus()).requireSuccess();
    // isthmus/exec-engine.md: gas * operatorFeeScalar / 1e6 + operatorFeeConstant.
    assertThat(chain.call(GPO, GasPriceOracle.getOperatorFee(gas)))
        .isEqualTo(UInt256.valueOf(123_457L * 2_500_000 / 1_000_000 + 1_000_000_007L));
    assertThat(chain.call(GPO, GasPriceOracle.getOperatorFee(UInt256.ZERO)))
        .isEqualTo(UInt256.valueOf(1_000_000_007L));
    // The product saturates at the largest uint256 before the division (isthmus/predeploys.md:
    // "capped at U256 max"), and so does the sum.
    UInt256 saturated = UInt256.MAX_VALUE.divide(UInt256.valueOf(1_000_000));
    assertThat(chain.call(GPO, GasPriceOracle.getOperatorFee(UInt256.MAX_VALUE)))
        .isEqualTo(saturated.add(UInt256.valueOf(1_000_000_007L)));
  }

  /**
   * The contract's FastLZ against the engine's {@link FastLz} on random inputs: with the fee
   * parameters chosen so that the scaled fee is exactly 1e12, Fjord's fee is the estimated size
   * itself, intercept + 836,500 * (fastLzSize + 68), from which the size is read back exactly
   * whenever it is above the 100-byte floor.
   */
  @Test
  void fastLzSizeMatchesTheEnginesOnRandomInputs() {
    // 16 * 62.5 gwei * 1 = 1e12; no blob part.
    activateFjord(ecotone(1, 0, 62_500_000_000L, 0));
    L1CostFunction fjord = L1BlockInfo.costFunction(chain::storage, true, true, true);
    Random random = new Random(2024);
    List<byte[]> inputs = new ArrayList<>();
    for (int n = 0; n <= 40; n++) {
      inputs.add(Transactions.randomBytes(random, n));
    }
    for (int i = 0; i < 40; i++) {
      inputs.add(Transactions.randomBytes(random, random.nextInt(3_000)));
      inputs.add(lowEntropy(random, random.nextInt(4_000), 1 + random.nextInt(4)));
      inputs.add(runs(random, random.nextInt(5_000)));
    }
    inputs.add(new byte[20_000]);
    inputs.add(repeatedBlock(random, 9_000, 2)); // the copy is out of FastLZ's 8,191-byte reach
    inputs.add(repeatedBlock(random, 5_000, 3)); // within reach
    inputs.add(repeatedBlock(random, 8_191, 2)); // the farthest a match may reach back
    inputs.add(repeatedBlock(random, 8_192, 2)); // one byte too far
    for (Transactions.Sample s : Transactions.samples()) {
      inputs.add(s.signed().encoded());
    }

    int exact = 0;
    for (byte[] input : inputs) {
      int size = FastLz.compressedLength(input);
      UInt256 fee = l1Fee(input);
      assertThat(fee)
          .as("%d-byte input", input.length)
          .isEqualTo(fjord.fee(new RollupCostData(0, 0, size + PADDING)));
      if (fee.compareTo(100_000_000L) > 0) {
        long estimate = fee.toLongExact() + 42_585_600;
        assertThat(estimate % 836_500).isZero();
        assertThat(estimate / 836_500 - PADDING).as("%d-byte input", input.length).isEqualTo(size);
        exact++;
      }
    }
    // Most inputs are large enough for the size to be read back exactly.
    assertThat(exact).isGreaterThan(inputs.size() / 2);
  }

  private static byte[] lowEntropy(Random random, int n, int alphabet) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(alphabet);
    }
    return b;
  }

  /** Runs of one byte of random lengths, some longer than FastLZ's 262-byte match unit. */
  private static byte[] runs(Random random, int n) {
    byte[] b = new byte[n];
    int i = 0;
    while (i < n) {
      int run = 1 + random.nextInt(random.nextBoolean() ? 8 : 700);
      byte v = (byte) random.nextInt(256);
      for (int j = 0; j < run && i < n; j++) {
        b[i++] = v;
      }
    }
    return b;
  }

  private static byte[] repeatedBlock(Random random, int blockSize, int copies) {
    byte[] block = Transactions.randomBytes(random, blockSize);
    byte[] b = new byte[blockSize * copies];
    for (int c = 0; c < copies; c++) {
      System.arraycopy(block, 0, b, c * blockSize, blockSize);
    }
    return b;
  }
}
