package io.merapi.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.state.TransactionResult.InvalidReason;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionProcessorTest {
  private static final Address SENDER =
      Address.fromHex("0x00000000000000000000000000000000000005e0");
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000f0");
  private static final Address COINBASE =
      Address.fromHex("0x00000000000000000000000000000000000000cb");
  private static final UInt256 BASE_FEE = UInt256.valueOf(7);
  private static final long ETHER = 1_000_000_000_000_000_000L;

  private static BlockContext block() {
    return new BlockContext(
        COINBASE, 1, 1, 30_000_000, BASE_FEE, UInt256.ZERO, Hash.ZERO, UInt256.ONE, n -> Hash.ZERO);
  }

  private static Transaction tx(
      long nonce, long gas, long maxFee, long tip, long value, byte[] data) {
    return new DynamicFeeTransaction(
        1,
        nonce,
        UInt256.valueOf(tip),
        UInt256.valueOf(maxFee),
        gas,
        Optional.of(TO),
        UInt256.valueOf(value),
        Bytes.wrap(data),
        AccessList.EMPTY,
        UInt256.ZERO,
        UInt256.ZERO,
        UInt256.ZERO);
  }

  private record Run(JournaledState state, TransactionResult result) {}

  private static Run apply(Transaction tx, byte[] toCode) {
    InMemoryState committed = new InMemoryState();
    committed.put(SENDER, 0, UInt256.valueOf(ETHER), new byte[0], Map.of());
    committed.put(TO, 0, UInt256.ZERO, toCode, Map.of());
    JournaledState state = new JournaledState(committed);
    Evm evm = new Evm(EvmConfig.l1(Fork.CANCUN, 1), state, block(), Tracer.NONE);
    TransactionResult result =
        new TransactionProcessor(FeeRules.L1).process(evm, state, tx, SENDER, 30_000_000, 0);
    return new Run(state, result);
  }

  @Test
  void valueTransferPaysTipToCoinbaseAndBurnsBaseFee() {
    Run run = apply(tx(0, 50_000, 10, 2, 1234, new byte[0]), new byte[0]);
    assertThat(run.result()).isInstanceOf(TransactionResult.Executed.class);
    TransactionResult.Executed executed = (TransactionResult.Executed) run.result();
    assertThat(executed.halt()).isEqualTo(Halt.STOP);
    assertThat(executed.gasUsed()).isEqualTo(21_000);
    // effective price = min(10, 7 + 2) = 9; tip 2 goes to the coinbase, 7 per gas is burnt
    assertThat(run.state().balance(SENDER)).isEqualTo(UInt256.valueOf(ETHER - 1234 - 21_000L * 9));
    assertThat(run.state().balance(TO)).isEqualTo(UInt256.valueOf(1234));
    assertThat(run.state().balance(COINBASE)).isEqualTo(UInt256.valueOf(21_000L * 2));
    assertThat(run.state().nonce(SENDER)).isEqualTo(1);
  }

  @Test
  void refundIsCappedAtAFifthOfGasUsed() {
    // Clears a slot set earlier in the same code: SSTORE(0, 1) then SSTORE(0, 0).
    byte[] code = io.merapi.base.bytes.Hex.decode("0x60016000556000600055");
    Run run = apply(tx(0, 100_000, 10, 2, 0, new byte[0]), code);
    TransactionResult.Executed executed = (TransactionResult.Executed) run.result();
    long beforeRefund = 21_000 + 3 + 3 + 22_100 + 3 + 3 + 100;
    assertThat(executed.gasRefunded()).isEqualTo(Math.min(19_900, beforeRefund / 5));
    assertThat(executed.gasUsed()).isEqualTo(beforeRefund - executed.gasRefunded());
  }

  record InvalidCase(String name, Transaction tx, InvalidReason reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<InvalidCase> invalidCases() {
    return Stream.of(
        new InvalidCase(
            "nonce too high",
            tx(1, 50_000, 10, 2, 0, new byte[0]),
            InvalidReason.NONCE_MISMATCH_TOO_HIGH),
        new InvalidCase(
            "intrinsic gas",
            tx(0, 20_999, 10, 2, 0, new byte[0]),
            InvalidReason.INTRINSIC_GAS_TOO_LOW),
        new InvalidCase(
            "fee cap below base fee",
            tx(0, 50_000, 6, 2, 0, new byte[0]),
            InvalidReason.INSUFFICIENT_MAX_FEE_PER_GAS),
        new InvalidCase(
            "tip above fee cap",
            tx(0, 50_000, 10, 11, 0, new byte[0]),
            InvalidReason.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS),
        new InvalidCase(
            "funds",
            tx(0, 50_000, 10, 2, ETHER, new byte[0]),
            InvalidReason.INSUFFICIENT_ACCOUNT_FUNDS),
        new InvalidCase(
            "block gas",
            tx(0, 30_000_001, 10, 2, 0, new byte[0]),
            InvalidReason.GAS_ALLOWANCE_EXCEEDED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void invalidTransactionsLeaveTheStateAlone(InvalidCase c) {
    Run run = apply(c.tx(), new byte[0]);
    assertThat(run.result())
        .isInstanceOfSatisfying(
            TransactionResult.Invalid.class,
            invalid -> assertThat(invalid.reason()).isEqualTo(c.reason()));
    assertThat(run.state().balance(SENDER)).isEqualTo(UInt256.valueOf(ETHER));
    assertThat(run.state().nonce(SENDER)).isZero();
    assertThat(run.state().changes()).isEmpty();
  }
}
