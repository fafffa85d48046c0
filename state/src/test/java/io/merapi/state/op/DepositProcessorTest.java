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
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.DepositTransaction;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deposit execution (specs deposits.md "Execution") and its edge cases. */
class DepositProcessorTest {
  static final Address FROM = Address.fromHex("0x00000000000000000000000000000000000de905");
  static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000f0");
  static final Address COINBASE = Predeploys.SEQUENCER_FEE_VAULT;
  static final long GAS_POOL = 30_000_000;

  /** PUSH1 0 PUSH1 0 SSTORE STOP: clears slot 0. */
  static final byte[] CLEAR_SLOT = {0x60, 0x00, 0x60, 0x00, 0x55, 0x00};

  /** JUMPDEST PUSH1 0 JUMP: loops until out of gas. */
  static final byte[] LOOP = {0x5b, 0x60, 0x00, 0x56};

  /** PUSH1 0 PUSH1 0 LOG0 PUSH1 0 PUSH1 0 REVERT. */
  static final byte[] LOG_THEN_REVERT = {
    0x60, 0x00, 0x60, 0x00, (byte) 0xa0, 0x60, 0x00, 0x60, 0x00, (byte) 0xfd
  };

  record Run(JournaledState state, DepositResult result) {
    DepositResult.Included included() {
      return (DepositResult.Included) result;
    }
  }

  static DepositTransaction deposit(
      long mint, long value, long gas, boolean isSystemTx, Optional<Address> to, byte[] data) {
    return new DepositTransaction(
        Hash.fromHex("0x" + "11".repeat(32)),
        FROM,
        to,
        UInt256.valueOf(mint),
        UInt256.valueOf(value),
        gas,
        isSystemTx,
        Bytes.wrap(data));
  }

  static Run run(DepositTransaction tx, boolean regolith, byte[] toCode, long fromBalance) {
    InMemoryState committed = new InMemoryState();
    committed.put(FROM, 5, UInt256.valueOf(fromBalance), new byte[0], Map.of());
    committed.put(TO, 1, UInt256.ZERO, toCode, Map.of(UInt256.ZERO, UInt256.ONE));
    JournaledState state = new JournaledState(committed);
    BlockContext block =
        new BlockContext(
            COINBASE,
            1,
            1,
            GAS_POOL,
            UInt256.valueOf(1_000),
            UInt256.ZERO,
            Hash.ZERO,
            UInt256.ONE,
            n -> Hash.ZERO);
    Evm evm = new Evm(EvmConfig.l1(Fork.CANCUN, 10), state, block, Tracer.NONE);
    return new Run(state, new DepositProcessor(regolith).process(evm, state, tx, GAS_POOL));
  }

  @Test
  void mintsTransfersAndBumpsTheNonceWithoutFees() {
    Run r =
        run(
            deposit(1_000, 600, 100_000, false, Optional.of(TO), new byte[0]),
            true,
            new byte[0],
            0);
    DepositResult.Included result = r.included();
    assertThat(result.success()).isTrue();
    assertThat(r.state().balance(FROM)).isEqualTo(UInt256.valueOf(400));
    assertThat(r.state().balance(TO)).isEqualTo(UInt256.valueOf(600));
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
    assertThat(result.depositNonce()).isEqualTo(5);
    // Regolith: the gas actually used; no tip, base fee or L1 fee paid by anyone.
    assertThat(result.gasUsed()).isEqualTo(21_000);
    assertThat(result.blockGasUsed()).isEqualTo(21_000);
    assertThat(r.state().balance(COINBASE)).isEqualTo(UInt256.ZERO);
    assertThat(r.state().balance(Predeploys.BASE_FEE_VAULT)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void beforeRegolithTheWholeGasLimitIsUsed() {
    Run r = run(deposit(0, 0, 100_000, false, Optional.of(TO), new byte[0]), false, new byte[0], 0);
    assertThat(r.included().gasUsed()).isEqualTo(100_000);
    assertThat(r.included().blockGasUsed()).isEqualTo(100_000);
  }

  @Test
  void beforeRegolithASystemTransactionUsesNoGasAnywhere() {
    Run r =
        run(deposit(0, 0, 1_000_000, true, Optional.of(TO), new byte[0]), false, new byte[0], 0);
    assertThat(r.included().success()).isTrue();
    assertThat(r.included().gasUsed()).isZero();
    assertThat(r.included().blockGasUsed()).isZero();
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
  }

  @Test
  void fromRegolithASystemTransactionIsAFailedDeposit() {
    Run r =
        run(deposit(50, 0, 1_000_000, true, Optional.of(TO), new byte[0]), true, new byte[0], 0);
    DepositResult.Included result = r.included();
    assertThat(result.success()).isFalse();
    assertThat(result.error()).contains("system tx not supported");
    // op-geth: reported as using all its gas, but the gas pool was never charged.
    assertThat(result.gasUsed()).isEqualTo(1_000_000);
    assertThat(result.blockGasUsed()).isZero();
    assertThat(r.state().balance(FROM)).isEqualTo(UInt256.valueOf(50));
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
  }

  @Test
  void aValueItCannotPayFailsButKeepsTheMintAndBumpsTheNonce() {
    Run r =
        run(deposit(100, 1_000, 50_000, false, Optional.of(TO), new byte[0]), true, new byte[0], 0);
    DepositResult.Included result = r.included();
    assertThat(result.success()).isFalse();
    assertThat(result.error()).contains("insufficient funds for transfer");
    assertThat(result.gasUsed()).isEqualTo(50_000);
    assertThat(result.blockGasUsed()).isEqualTo(50_000);
    assertThat(result.logs()).isEmpty();
    assertThat(r.state().balance(FROM)).isEqualTo(UInt256.valueOf(100));
    assertThat(r.state().balance(TO)).isEqualTo(UInt256.ZERO);
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
  }

  @Test
  void tooLittleIntrinsicGasIsAFailedDeposit() {
    Run r = run(deposit(7, 0, 20_000, false, Optional.of(TO), new byte[0]), true, new byte[0], 0);
    assertThat(r.included().success()).isFalse();
    assertThat(r.included().error()).contains("intrinsic gas too low");
    assertThat(r.included().gasUsed()).isEqualTo(20_000);
    assertThat(r.state().balance(FROM)).isEqualTo(UInt256.valueOf(7));
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
  }

  @Test
  void outOfGasInTheEvmUsesAllGasAndKeepsTheMint() {
    Run r = run(deposit(1_000, 10, 60_000, false, Optional.of(TO), new byte[0]), true, LOOP, 0);
    DepositResult.Included result = r.included();
    assertThat(result.success()).isFalse();
    assertThat(result.error()).isEqualTo("out of gas");
    assertThat(result.gasUsed()).isEqualTo(60_000);
    // The value transfer is undone with the frame; mint and nonce stay.
    assertThat(r.state().balance(FROM)).isEqualTo(UInt256.valueOf(1_000));
    assertThat(r.state().balance(TO)).isEqualTo(UInt256.ZERO);
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
  }

  @Test
  void aRevertDropsTheLogs() {
    Run r =
        run(deposit(0, 0, 60_000, false, Optional.of(TO), new byte[0]), true, LOG_THEN_REVERT, 0);
    assertThat(r.included().success()).isFalse();
    assertThat(r.included().error()).isEqualTo("execution reverted");
    assertThat(r.included().logs()).isEmpty();
  }

  @Test
  void fromRegolithTheRefundLowersTheGasUsedButNoEthIsReturned() {
    Run r = run(deposit(0, 0, 100_000, false, Optional.of(TO), new byte[0]), true, CLEAR_SLOT, 0);
    // 21000 + 3 + 3 + 5000 (cold SSTORE reset) = 26006, refund 4800 (EIP-3529).
    assertThat(r.included().gasUsed()).isEqualTo(26_006 - 4_800);
    assertThat(r.state().balance(FROM)).isEqualTo(UInt256.ZERO);
    Run before =
        run(deposit(0, 0, 100_000, false, Optional.of(TO), new byte[0]), false, CLEAR_SLOT, 0);
    assertThat(before.included().gasUsed()).isEqualTo(100_000);
  }

  @Test
  void aDepositThatDoesNotFitTheBlockMakesItInvalid() {
    Run r =
        run(deposit(0, 0, GAS_POOL + 1, false, Optional.of(TO), new byte[0]), true, new byte[0], 0);
    assertThat(r.result()).isInstanceOf(DepositResult.BlockGasExceeded.class);
  }

  @Test
  void contractCreationUsesTheSendersNonce() {
    // Init code returning one byte of runtime code: PUSH1 1 PUSH1 0 RETURN.
    byte[] init = {0x60, 0x01, 0x60, 0x00, (byte) 0xf3};
    Run r = run(deposit(0, 0, 100_000, false, Optional.empty(), init), true, new byte[0], 0);
    assertThat(r.included().success()).isTrue();
    assertThat(r.state().nonce(FROM)).isEqualTo(6);
    Address created = r.included().contractAddress().orElseThrow();
    assertThat(r.state().codeSize(created)).isEqualTo(1);
  }
}
