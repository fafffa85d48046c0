package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.L1BlockInfo;
import io.merapi.state.op.L1CostFunction;
import io.merapi.state.op.Predeploys;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L1Block predeploy updated by real L1 attributes deposits (built by the execution engine's
 * {@link L1Attributes} encoders and run through deposit processing), read back through its getters
 * and through {@link L1BlockInfo}, the engine's own reading of the raw slots that prices every
 * transaction's L1 data fee.
 */
class L1BlockTest {
  private static final Address L1_BLOCK = Predeploys.L1_BLOCK;
  private static final String NOT_DEPOSITOR_STRING =
      "L1Block: only the depositor account can set L1 block values";

  private final TestChain chain = TestChain.l2();
  private final Address stranger = TestChain.address("stranger");

  private static final L1Attributes.Bedrock BEDROCK =
      new L1Attributes.Bedrock(
          19_000_001,
          1_700_000_123,
          UInt256.valueOf(31_000_000_007L),
          Hash.fromHex("0x1111111111111111111111111111111111111111111111111111111111111111"),
          3,
          Hash.fromHex("0x000000000000000000000000ffffffffffffffffffffffffffffffffffffffff"),
          UInt256.valueOf(188),
          UInt256.valueOf(684_000));

  /** Every field at a distinct, wide value so that a shifted or truncated field shows. */
  private static final L1Attributes.Ecotone ECOTONE =
      new L1Attributes.Ecotone(
          0xfedcba98L,
          0x89abcdefL,
          0x0102030405060708L,
          0x1112131415161718L,
          0x2122232425262728L,
          UInt256.fromHash(
              Hash.fromHex("0x3132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50")),
          UInt256.fromHash(
              Hash.fromHex("0x5152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f70")),
          Hash.fromHex("0x7172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90"),
          Hash.fromHex("0x9192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0"));

  @BeforeEach
  void genesis() {
    L2Genesis.proxied(chain, L1_BLOCK, L1Block.deployment());
  }

  @Test
  void depositorAccountAndVersion() {
    assertThat(chain.call(L1_BLOCK, L1Block.DEPOSITOR_ACCOUNT()))
        .isEqualTo(Predeploys.L1_ATTRIBUTES_DEPOSITOR);
    assertThat(chain.call(L1_BLOCK, L1Block.version())).isEqualTo("1.5.0");
  }

  @Test
  void bedrockAttributesDepositSetsEveryField() {
    Outcome o = Deposits.l1Info(chain, BEDROCK).requireSuccess();
    assertBedrockFields(BEDROCK);
    // Before Ecotone the engine prices with Bedrock's overhead and scalar and the L1 base fee.
    assertThat(L1BlockInfo.costFunction(chain::storage, true, false, false))
        .isEqualTo(
            new L1CostFunction.Bedrock(
                BEDROCK.baseFee().toBigInteger(),
                BEDROCK.l1FeeOverhead().toBigInteger(),
                BEDROCK.l1FeeScalar().toBigInteger(),
                true));
    // Until Ecotone's values are set, the engine keeps Bedrock's formula even in an Ecotone block.
    assertThat(L1BlockInfo.costFunction(chain::storage, true, true, false))
        .isInstanceOf(L1CostFunction.Bedrock.class);
    System.out.println("L1 attributes deposit (Bedrock form) gas: " + o.gasUsed());
  }

  @Test
  void ecotoneAttributesDepositSetsEveryFieldInTheEnginesSlots() {
    Deposits.l1Info(chain, BEDROCK).requireSuccess();
    Outcome o = Deposits.l1Info(chain, ECOTONE).requireSuccess();

    assertThat(chain.call(L1_BLOCK, L1Block.number())).isEqualTo(ECOTONE.number());
    assertThat(chain.call(L1_BLOCK, L1Block.timestamp())).isEqualTo(ECOTONE.timestamp());
    assertThat(chain.call(L1_BLOCK, L1Block.basefee())).isEqualTo(ECOTONE.baseFee());
    assertThat(chain.call(L1_BLOCK, L1Block.hash())).isEqualTo(ECOTONE.hash());
    assertThat(chain.call(L1_BLOCK, L1Block.sequenceNumber())).isEqualTo(ECOTONE.sequenceNumber());
    assertThat(chain.call(L1_BLOCK, L1Block.batcherHash())).isEqualTo(ECOTONE.batcherHash());
    assertThat(chain.call(L1_BLOCK, L1Block.blobBaseFee())).isEqualTo(ECOTONE.blobBaseFee());
    assertThat(chain.call(L1_BLOCK, L1Block.baseFeeScalar())).isEqualTo(ECOTONE.baseFeeScalar());
    assertThat(chain.call(L1_BLOCK, L1Block.blobBaseFeeScalar()))
        .isEqualTo(ECOTONE.blobBaseFeeScalar());
    // Ecotone's attributes leave Bedrock's legacy values as they were.
    assertThat(chain.call(L1_BLOCK, L1Block.l1FeeOverhead())).isEqualTo(BEDROCK.l1FeeOverhead());
    assertThat(chain.call(L1_BLOCK, L1Block.l1FeeScalar())).isEqualTo(BEDROCK.l1FeeScalar());

    // Slot 3 packs the scalars with the sequence number exactly as the engine unpacks it.
    assertThat(chain.storageWord(L1_BLOCK, UInt256.valueOf(3)))
        .isEqualTo(
            L1BlockInfo.packScalars(
                ECOTONE.sequenceNumber(), ECOTONE.baseFeeScalar(), ECOTONE.blobBaseFeeScalar()));
    // Slot 0: number in the low 8 bytes, timestamp above it.
    assertThat(chain.storageWord(L1_BLOCK, UInt256.ZERO))
        .isEqualTo(
            Hash.fromHex(
                "0x00000000000000000000000000000000" + "1112131415161718" + "2122232425262728"));

    // The other slots, word for word (OP's layout; see StorageLayoutTest).
    assertThat(chain.storage(L1_BLOCK, UInt256.valueOf(1))).isEqualTo(ECOTONE.baseFee());
    assertThat(chain.storageWord(L1_BLOCK, UInt256.valueOf(2))).isEqualTo(ECOTONE.hash());
    assertThat(chain.storageWord(L1_BLOCK, UInt256.valueOf(4))).isEqualTo(ECOTONE.batcherHash());
    assertThat(chain.storage(L1_BLOCK, UInt256.valueOf(5))).isEqualTo(BEDROCK.l1FeeOverhead());
    assertThat(chain.storage(L1_BLOCK, UInt256.valueOf(6))).isEqualTo(BEDROCK.l1FeeScalar());
    assertThat(chain.storage(L1_BLOCK, UInt256.valueOf(7))).isEqualTo(ECOTONE.blobBaseFee());

    // The engine's view of the slots: Ecotone's and Fjord's formulas with these parameters.
    assertThat(L1BlockInfo.costFunction(chain::storage, true, true, false))
        .isEqualTo(
            new L1CostFunction.Ecotone(
                ECOTONE.baseFee().toBigInteger(),
                ECOTONE.blobBaseFee().toBigInteger(),
                ECOTONE.baseFeeScalar(),
                ECOTONE.blobBaseFeeScalar()));
    assertThat(L1BlockInfo.costFunction(chain::storage, true, true, true))
        .isEqualTo(
            new L1CostFunction.Fjord(
                ECOTONE.baseFee().toBigInteger(),
                ECOTONE.blobBaseFee().toBigInteger(),
                ECOTONE.baseFeeScalar(),
                ECOTONE.blobBaseFeeScalar()));
    System.out.println("L1 attributes deposit (Ecotone form) gas: " + o.gasUsed());
  }

  @Test
  void bedrockAttributesAfterEcotoneKeepTheEcotoneScalars() {
    Deposits.l1Info(chain, ECOTONE).requireSuccess();
    Deposits.l1Info(chain, BEDROCK).requireSuccess();
    assertBedrockFields(BEDROCK);
    assertThat(chain.call(L1_BLOCK, L1Block.baseFeeScalar())).isEqualTo(ECOTONE.baseFeeScalar());
    assertThat(chain.call(L1_BLOCK, L1Block.blobBaseFeeScalar()))
        .isEqualTo(ECOTONE.blobBaseFeeScalar());
    assertThat(chain.call(L1_BLOCK, L1Block.blobBaseFee())).isEqualTo(ECOTONE.blobBaseFee());
  }

  @Test
  void isthmusAttributesAlsoSetTheOperatorFeeParameters() {
    Bytes calldata = Deposits.isthmusCalldata(ECOTONE, 0xa1a2a3a4L, 0xb1b2b3b4b5b6b7b8L);
    Deposits.call(chain, Deposits.DEPOSITOR, L1_BLOCK, calldata).requireSuccess();
    assertThat(chain.call(L1_BLOCK, L1Block.operatorFeeScalar())).isEqualTo(0xa1a2a3a4L);
    assertThat(chain.call(L1_BLOCK, L1Block.operatorFeeConstant())).isEqualTo(0xb1b2b3b4b5b6b7b8L);
    // isthmus/exec-engine.md: slot 8 holds the scalar then the constant, big-endian, at the end.
    assertThat(chain.storageWord(L1_BLOCK, UInt256.valueOf(8)))
        .isEqualTo(
            Hash.fromHex(
                "0x0000000000000000000000000000000000000000" + "a1a2a3a4" + "b1b2b3b4b5b6b7b8"));
    // Everything Ecotone sets is set too.
    assertThat(chain.call(L1_BLOCK, L1Block.batcherHash())).isEqualTo(ECOTONE.batcherHash());
    assertThat(L1BlockInfo.costFunction(chain::storage, true, true, false))
        .isEqualTo(
            new L1CostFunction.Ecotone(
                ECOTONE.baseFee().toBigInteger(),
                ECOTONE.blobBaseFee().toBigInteger(),
                ECOTONE.baseFeeScalar(),
                ECOTONE.blobBaseFeeScalar()));
  }

  @Test
  void onlyTheDepositorSetsBedrockValues() {
    Outcome refused =
        chain.send(stranger, Optional.of(L1_BLOCK), UInt256.ZERO, BEDROCK.encode(), TestChain.GAS);
    assertThat(AbiError.reason(refused.revertData())).contains(NOT_DEPOSITOR_STRING);
    // Also as a user deposit: only the protocol's depositor account may send it.
    Outcome deposit = Deposits.call(chain, stranger, L1_BLOCK, BEDROCK.encode());
    assertThat(deposit.isSuccess()).isFalse();
    assertThat(chain.call(L1_BLOCK, L1Block.number())).isZero();
  }

  @Test
  void onlyTheDepositorSetsEcotoneAndIsthmusValues() {
    // Exactly the 4 bytes of NotDepositor(), 0x3cc50b45, as OP's assembly reverts.
    byte[] notDepositor = new L1Block.Errors.NotDepositor().encode();
    assertThat(Bytes.wrap(notDepositor)).isEqualTo(Bytes.fromHex("0x3cc50b45"));
    for (Bytes data : new Bytes[] {ECOTONE.encode(), Deposits.isthmusCalldata(ECOTONE, 1, 2)}) {
      Outcome refused =
          chain.send(stranger, Optional.of(L1_BLOCK), UInt256.ZERO, data, TestChain.GAS);
      assertThat(refused.isSuccess()).isFalse();
      assertThat(refused.revertData()).isEqualTo(notDepositor);
      assertThat(Deposits.call(chain, stranger, L1_BLOCK, data).isSuccess()).isFalse();
    }
    assertThat(chain.storage(L1_BLOCK))
        .doesNotContainKeys(UInt256.ZERO, UInt256.valueOf(3), UInt256.valueOf(8));
  }

  private void assertBedrockFields(L1Attributes.Bedrock a) {
    assertThat(chain.call(L1_BLOCK, L1Block.number())).isEqualTo(a.number());
    assertThat(chain.call(L1_BLOCK, L1Block.timestamp())).isEqualTo(a.timestamp());
    assertThat(chain.call(L1_BLOCK, L1Block.basefee())).isEqualTo(a.baseFee());
    assertThat(chain.call(L1_BLOCK, L1Block.hash())).isEqualTo(a.hash());
    assertThat(chain.call(L1_BLOCK, L1Block.sequenceNumber())).isEqualTo(a.sequenceNumber());
    assertThat(chain.call(L1_BLOCK, L1Block.batcherHash())).isEqualTo(a.batcherHash());
    assertThat(chain.call(L1_BLOCK, L1Block.l1FeeOverhead())).isEqualTo(a.l1FeeOverhead());
    assertThat(chain.call(L1_BLOCK, L1Block.l1FeeScalar())).isEqualTo(a.l1FeeScalar());
  }
}
