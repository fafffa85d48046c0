package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Tracer;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fees of a sequenced transaction on an OP chain (exec-engine.md "Fees"). */
class OpFeeRulesTest {
  static final Address SENDER = Address.fromHex("0x00000000000000000000000000000000000005e0");
  static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000f0");
  static final UInt256 BASE_FEE = UInt256.valueOf(7);

  static Transaction tx() {
    return new DynamicFeeTransaction(
        10,
        0,
        UInt256.valueOf(2),
        UInt256.valueOf(10),
        50_000,
        Optional.of(TO),
        UInt256.valueOf(1234),
        Bytes.EMPTY,
        AccessList.EMPTY,
        UInt256.ONE,
        UInt256.ONE,
        UInt256.ONE);
  }

  record Run(JournaledState state, TransactionResult result, UInt256 l1Cost) {}

  static Run run(long senderBalance) {
    InMemoryState committed = new InMemoryState();
    committed.put(SENDER, 0, UInt256.valueOf(senderBalance), new byte[0], Map.of());
    Map<UInt256, UInt256> l1Block = new HashMap<>();
    l1Block.put(L1BlockInfo.L1_BASE_FEE_SLOT, UInt256.valueOf(1_000_000_000L));
    l1Block.put(L1BlockInfo.L1_BLOB_BASE_FEE_SLOT, UInt256.valueOf(1));
    l1Block.put(
        L1BlockInfo.FEE_SCALARS_SLOT, UInt256.fromHash(L1BlockInfo.packScalars(0, 1368, 810949)));
    committed.put(Predeploys.L1_BLOCK, 0, UInt256.ZERO, new byte[] {0x00}, l1Block);
    JournaledState state = new JournaledState(committed);
    BlockContext block =
        new BlockContext(
            Predeploys.SEQUENCER_FEE_VAULT,
            1,
            1,
            30_000_000,
            BASE_FEE,
            UInt256.ZERO,
            Hash.ZERO,
            UInt256.ONE,
            n -> Hash.ZERO);
    Evm evm = new Evm(EvmConfig.l1(Fork.CANCUN, 10), state, block, Tracer.NONE);
    OpFeeRules fees = new OpFeeRules(state::storage, true, true, true);
    UInt256 l1Cost = fees.l1Cost(tx());
    TransactionResult result =
        new TransactionProcessor(fees).process(evm, state, tx(), SENDER, 30_000_000, 0);
    return new Run(state, result, l1Cost);
  }

  @Test
  void tipToSequencerVaultBaseFeeToBaseFeeVaultL1FeeToL1FeeVault() {
    Run r = run(1_000_000_000_000L);
    assertThat(r.result()).isInstanceOf(TransactionResult.Executed.class);
    // Fjord, a ~100-byte transaction: the minimum size, 100 * (1368*1e9*16 + 810949) / 1e6.
    assertThat(r.l1Cost())
        .isEqualTo(UInt256.valueOf(100L * (1368L * 1_000_000_000L * 16 + 810949) / 1_000_000));
    assertThat(r.state().balance(Predeploys.SEQUENCER_FEE_VAULT))
        .isEqualTo(UInt256.valueOf(21_000L * 2));
    assertThat(r.state().balance(Predeploys.BASE_FEE_VAULT))
        .isEqualTo(UInt256.valueOf(21_000L * 7));
    assertThat(r.state().balance(Predeploys.L1_FEE_VAULT)).isEqualTo(r.l1Cost());
    UInt256 spent = UInt256.valueOf(21_000L * 9 + 1234).add(r.l1Cost());
    assertThat(r.state().balance(SENDER))
        .isEqualTo(UInt256.valueOf(1_000_000_000_000L).subtract(spent));
  }

  @Test
  void theL1FeeCountsInTheBalanceCheck() {
    // Enough for gas at the fee cap and the value, not for the L1 fee on top.
    Run r = run(50_000L * 10 + 1234);
    assertThat(r.result()).isInstanceOf(TransactionResult.Invalid.class);
    assertThat(((TransactionResult.Invalid) r.result()).message()).contains("insufficient funds");
  }
}
