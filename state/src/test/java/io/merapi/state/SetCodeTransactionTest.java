package io.merapi.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Delegation;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.SetCodeTransaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EIP-7702 through {@link TransactionProcessor}: authorizations, delegated code, gas, refunds. */
class SetCodeTransactionTest {
  private static final Address SENDER =
      Address.fromHex("0x00000000000000000000000000000000000005e0");
  private static final Address DELEGATE =
      Address.fromHex("0x00000000000000000000000000000000000000de");
  private static final Secp256k1.PrivateKey AUTHORITY_KEY =
      Secp256k1.PrivateKey.fromBytes(
          Hex.decode("0x4646464646464646464646464646464646464646464646464646464646464646"));
  private static final Address AUTHORITY = AUTHORITY_KEY.address();

  /** SSTORE(0, 42): shows in whose storage the delegated code runs. */
  private static final byte[] DELEGATE_CODE = Hex.decode("602a60005500");

  private record Run(JournaledState state, TransactionResult.Executed result) {}

  private static Run send(Authorization authorization) {
    InMemoryState committed = new InMemoryState();
    committed.put(SENDER, 0, UInt256.valueOf(1_000_000_000_000_000_000L), new byte[0], Map.of());
    committed.put(AUTHORITY, 0, UInt256.ONE, new byte[0], Map.of());
    committed.put(DELEGATE, 0, UInt256.ZERO, DELEGATE_CODE, Map.of());
    JournaledState state = new JournaledState(committed);
    BlockContext block =
        new BlockContext(
            Address.ZERO,
            1,
            1,
            30_000_000,
            UInt256.ONE,
            UInt256.ZERO,
            Hash.ZERO,
            UInt256.ONE,
            n -> Hash.ZERO);
    Evm evm = new Evm(EvmConfig.l1(Fork.PRAGUE, 1), state, block, Tracer.NONE);
    SetCodeTransaction tx =
        new SetCodeTransaction(
            1,
            0,
            UInt256.ZERO,
            UInt256.ONE,
            100_000,
            AUTHORITY,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            List.of(authorization),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    TransactionResult result =
        new TransactionProcessor(FeeRules.L1).process(evm, state, tx, SENDER, 30_000_000, 0);
    return new Run(state, (TransactionResult.Executed) result);
  }

  @Test
  void delegatesAndRunsTheDelegateCodeInTheAuthoritysAccount() {
    Run run = send(Authorization.sign(UInt256.ONE, DELEGATE, 0, AUTHORITY_KEY));
    assertThat(run.result().halt()).isEqualTo(Halt.STOP);
    assertThat(run.state().code(AUTHORITY)).isEqualTo(Delegation.designator(DELEGATE));
    assertThat(run.state().nonce(AUTHORITY)).isEqualTo(1);
    assertThat(run.state().storage(AUTHORITY, UInt256.ZERO)).isEqualTo(UInt256.valueOf(42));
    assertThat(run.state().storage(DELEGATE, UInt256.ZERO)).isEqualTo(UInt256.ZERO);
    // 21000 + 25000 per authorization, then PUSH1, PUSH1, a cold SSTORE; the delegate is warm.
    long beforeRefund = 21_000 + 25_000 + 3 + 3 + 22_100;
    // The authority already existed: 25000 - 12500 back, within the fifth of gas used.
    assertThat(run.result().gasRefunded()).isEqualTo(12_500);
    assertThat(run.result().gasUsed()).isEqualTo(beforeRefund - 12_500);
  }

  @Test
  void anAuthorizationForAnotherChainIsSkippedWithoutFailingTheTransaction() {
    Run run = send(Authorization.sign(UInt256.valueOf(5), DELEGATE, 0, AUTHORITY_KEY));
    assertThat(run.result().halt()).isEqualTo(Halt.STOP);
    assertThat(run.state().code(AUTHORITY)).isEmpty();
    assertThat(run.state().nonce(AUTHORITY)).isZero();
    assertThat(run.result().gasUsed()).isEqualTo(46_000);
  }

  @Test
  void aDelegationToTheZeroAddressClearsTheCode() {
    Run run = send(Authorization.sign(UInt256.ZERO, Address.ZERO, 0, AUTHORITY_KEY));
    assertThat(run.state().code(AUTHORITY)).isEmpty();
    assertThat(run.state().nonce(AUTHORITY)).isEqualTo(1);
  }
}
