package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.ChainRules;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.state.op.stateless.WitnessStateTest;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Building an L2 block from attributes, and re-executing it statelessly from a witness. */
class OpBlockBuilderTest {
  static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
  static final Address USER = KEY.address();
  static final Address DEPOSITOR = Address.fromHex("0x00000000000000000000000000000000000de905");
  static final Address RECIPIENT = Address.fromHex("0x00000000000000000000000000000000000000f0");
  static final long ETHER = 1_000_000_000_000_000_000L;
  static final long TIME = 300;

  static InMemoryState genesisState() {
    InMemoryState state = new InMemoryState();
    state.put(USER, 0, UInt256.valueOf(ETHER), new byte[0], Map.of());
    Map<UInt256, UInt256> l1Block = new HashMap<>();
    l1Block.put(L1BlockInfo.L1_BASE_FEE_SLOT, UInt256.valueOf(20_000_000_000L));
    l1Block.put(L1BlockInfo.L1_BLOB_BASE_FEE_SLOT, UInt256.valueOf(1));
    l1Block.put(
        L1BlockInfo.FEE_SCALARS_SLOT, UInt256.fromHash(L1BlockInfo.packScalars(3, 1368, 810949)));
    state.put(Predeploys.L1_BLOCK, 1, UInt256.ZERO, new byte[] {0x00}, l1Block);
    return state;
  }

  static Header parent(Hash stateRoot) {
    return new Header(
        Hash.fromHex("0x" + "ab".repeat(32)),
        Header.EMPTY_OMMERS_HASH,
        Predeploys.SEQUENCER_FEE_VAULT,
        stateRoot,
        Header.EMPTY_ROOT,
        Header.EMPTY_ROOT,
        LogsBloom.EMPTY,
        UInt256.ZERO,
        1000,
        30_000_000,
        0,
        TIME,
        new Eip1559Params(250, 6).toExtraData(),
        Hash.ZERO,
        0,
        Optional.of(UInt256.valueOf(1_000_000_000L)),
        Optional.of(Header.EMPTY_ROOT),
        OptionalLong.of(0),
        OptionalLong.of(0),
        Optional.of(Hash.ZERO),
        Optional.empty());
  }

  static DepositTransaction deposit() {
    return new DepositTransaction(
        Hash.fromHex("0x" + "22".repeat(32)),
        DEPOSITOR,
        Optional.of(RECIPIENT),
        UInt256.valueOf(ETHER),
        UInt256.valueOf(5),
        100_000,
        false,
        Bytes.EMPTY);
  }

  static Transaction transfer() {
    return new DynamicFeeTransaction(
            10,
            0,
            UInt256.valueOf(1_000),
            UInt256.valueOf(2_000_000_000L),
            21_000,
            Optional.of(RECIPIENT),
            UInt256.valueOf(777),
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(KEY);
  }

  static PayloadAttributes attributes(List<Transaction> txs) {
    return new PayloadAttributes(
        TIME + 2,
        Hash.fromHex("0x" + "33".repeat(32)),
        Predeploys.SEQUENCER_FEE_VAULT,
        Optional.of(List.of()),
        Optional.of(Hash.fromHex("0x" + "44".repeat(32))),
        txs.stream().map(tx -> Bytes.wrap(tx.encoded())).toList(),
        true,
        OptionalLong.of(30_000_000),
        Optional.of(Bytes.fromHex("0x0000000000000000")),
        Optional.empty());
  }

  @Test
  void buildsTheBlockAndStatelessReExecutionGivesTheSameHash() {
    InMemoryState state = genesisState();
    Header parent = parent(state.stateRoot());
    ExecutionWitness witness = WitnessStateTest.witnessOf(state, Map.of());
    OpChainRules rules = HoloceneEip1559Test.rules();
    PayloadAttributes attributes = attributes(List.of(deposit(), transfer()));

    OpBlockBuilder.Built built =
        new OpBlockBuilder(rules)
            .build(
                parent,
                attributes,
                state,
                n -> Hash.ZERO,
                changes -> {
                  state.apply(changes);
                  return state.stateRoot();
                });
    Header header = built.header();
    assertThat(header.number()).isEqualTo(1001);
    assertThat(header.parentHash()).isEqualTo(parent.hash());
    assertThat(header.extraData().toHex()).isEqualTo("0x00000000fa00000006");
    assertThat(header.gasUsed()).isEqualTo(42_000);
    // Empty parent, target 5M of 30M, denominator 250: -1/250.
    assertThat(header.baseFeePerGas()).contains(UInt256.valueOf(996_000_000L));
    assertThat(header.withdrawalsRoot()).contains(Header.EMPTY_ROOT);
    assertThat(header.blobGasUsed()).hasValue(0);
    assertThat(header.parentBeaconBlockRoot()).contains(Hash.fromHex("0x" + "44".repeat(32)));
    Receipt depositReceipt = built.receipts().get(0);
    assertThat(depositReceipt.depositNonce()).hasValue(0);
    assertThat(depositReceipt.depositReceiptVersion()).hasValue(1);
    assertThat(built.receipts().get(1).cumulativeGasUsed()).isEqualTo(42_000);
    assertThat(state.account(RECIPIENT).orElseThrow().balance()).isEqualTo(UInt256.valueOf(782));
    assertThat(state.account(Predeploys.L1_FEE_VAULT).orElseThrow().balance().isZero()).isFalse();
    assertThat(state.account(Predeploys.BASE_FEE_VAULT).orElseThrow().balance())
        .isEqualTo(UInt256.valueOf(21_000L * 996_000_000L));

    OpBlockBuilder.Built again = new StatelessExecutor(rules).execute(parent, attributes, witness);
    assertThat(again.header()).isEqualTo(header);
    assertThat(again.header().hash()).isEqualTo(header.hash());
  }

  @Test
  void theChainsBlockExecutorImportsTheBuiltBlock() {
    InMemoryState state = genesisState();
    InMemoryState importer = genesisState();
    Header parent = parent(state.stateRoot());
    OpChainRules rules = HoloceneEip1559Test.rules();
    OpBlockBuilder.Built built =
        new OpBlockBuilder(rules)
            .build(
                parent,
                attributes(List.of(deposit(), transfer())),
                state,
                n -> Hash.ZERO,
                changes -> {
                  state.apply(changes);
                  return state.stateRoot();
                });
    Block block =
        new Block(
            built.header(), new BlockBody(built.transactions(), List.of(), Optional.of(List.of())));
    rules.validateHeader(parent, block.header());
    BlockExecution execution =
        new BlockExecutor(ChainRules.of(rules.config())).execute(block, importer, n -> Hash.ZERO);
    importer.apply(execution.changes());
    assertThat(importer.stateRoot()).isEqualTo(block.header().stateRoot());
    assertThat(execution.receiptsRoot()).isEqualTo(block.header().receiptsRoot());
    assertThat(execution.gasUsed()).isEqualTo(block.header().gasUsed());
    // A deposit after a user transaction makes the block invalid on import too.
    Block reordered =
        new Block(
            built.header(),
            new BlockBody(
                List.of(built.transactions().get(1), built.transactions().get(0)),
                List.of(),
                Optional.of(List.of())));
    assertThatThrownBy(
            () -> new BlockExecutor(rules).execute(reordered, genesisState(), n -> Hash.ZERO))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("deposit after");
  }

  @Test
  void aRefusedSystemDepositCountsItsGasButLeavesTheGasPool() {
    // From Regolith a system deposit fails, and op-geth records its whole gas limit as used
    // while its gas pool never gave that gas up: a deposit after it still finds the whole limit.
    DepositTransaction system =
        new DepositTransaction(
            Hash.fromHex("0x" + "55".repeat(32)),
            DEPOSITOR,
            Optional.of(RECIPIENT),
            UInt256.ZERO,
            UInt256.ZERO,
            20_000_000,
            true,
            Bytes.EMPTY);
    DepositTransaction large =
        new DepositTransaction(
            Hash.fromHex("0x" + "66".repeat(32)),
            DEPOSITOR,
            Optional.of(RECIPIENT),
            UInt256.valueOf(9),
            UInt256.valueOf(9),
            15_000_000,
            false,
            Bytes.EMPTY);
    InMemoryState state = genesisState();
    OpBlockBuilder.Built built =
        new OpBlockBuilder(HoloceneEip1559Test.rules())
            .build(
                parent(state.stateRoot()),
                attributes(List.of(system, large)),
                state,
                n -> Hash.ZERO,
                changes -> {
                  state.apply(changes);
                  return state.stateRoot();
                });
    assertThat(built.receipts().get(0).outcome()).isEqualTo(new Receipt.Status(false));
    assertThat(built.receipts().get(0).cumulativeGasUsed()).isEqualTo(20_000_000);
    assertThat(built.receipts().get(1).outcome()).isEqualTo(new Receipt.Status(true));
    assertThat(built.header().gasUsed()).isEqualTo(20_021_000);
    assertThat(state.account(RECIPIENT).orElseThrow().balance()).isEqualTo(UInt256.valueOf(9));
  }

  @Test
  void depositsComeFirst() {
    InMemoryState state = genesisState();
    assertThatThrownBy(
            () ->
                new OpBlockBuilder(HoloceneEip1559Test.rules())
                    .build(
                        parent(state.stateRoot()),
                        attributes(List.of(transfer(), deposit())),
                        state,
                        n -> Hash.ZERO,
                        c -> Hash.ZERO))
        .isInstanceOf(InvalidL2BlockException.class)
        .hasMessageContaining("deposits come first");
  }

  @Test
  void attributesMustCarryTheForksFields() {
    InMemoryState state = genesisState();
    OpBlockBuilder builder = new OpBlockBuilder(HoloceneEip1559Test.rules());
    PayloadAttributes good = attributes(List.of(deposit()));
    PayloadAttributes noGasLimit =
        new PayloadAttributes(
            good.timestamp(),
            good.prevRandao(),
            good.suggestedFeeRecipient(),
            good.withdrawals(),
            good.parentBeaconBlockRoot(),
            good.transactions(),
            true,
            OptionalLong.empty(),
            good.eip1559Params(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                builder.build(
                    parent(state.stateRoot()), noGasLimit, state, n -> Hash.ZERO, c -> Hash.ZERO))
        .hasMessageContaining("gasLimit");
    PayloadAttributes noWithdrawals =
        new PayloadAttributes(
            good.timestamp(),
            good.prevRandao(),
            good.suggestedFeeRecipient(),
            Optional.empty(),
            good.parentBeaconBlockRoot(),
            good.transactions(),
            true,
            good.gasLimit(),
            good.eip1559Params(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                builder.build(
                    parent(state.stateRoot()),
                    noWithdrawals,
                    state,
                    n -> Hash.ZERO,
                    c -> Hash.ZERO))
        .hasMessageContaining("withdrawals");
    PayloadAttributes noParams =
        new PayloadAttributes(
            good.timestamp(),
            good.prevRandao(),
            good.suggestedFeeRecipient(),
            good.withdrawals(),
            good.parentBeaconBlockRoot(),
            good.transactions(),
            true,
            good.gasLimit(),
            Optional.empty(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                builder.build(
                    parent(state.stateRoot()), noParams, state, n -> Hash.ZERO, c -> Hash.ZERO))
        .hasMessageContaining("eip1559Params");
  }
}
