package io.merapi.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournaledStateTest {
  private static final Address A = Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final Address B = Address.fromHex("0x00000000000000000000000000000000000000b2");
  private static final Address RIPEMD =
      Address.fromHex("0x0000000000000000000000000000000000000003");
  private static final UInt256 KEY = UInt256.valueOf(7);

  private static InMemoryState committed() {
    InMemoryState s = new InMemoryState();
    s.put(A, 1, UInt256.valueOf(100), new byte[] {0x00}, Map.of(KEY, UInt256.valueOf(5)));
    s.put(RIPEMD, 0, UInt256.ZERO, new byte[0], Map.of());
    return s;
  }

  @Test
  void revertUndoesEverySinceTheCheckpoint() {
    JournaledState state = new JournaledState(committed());
    state.addBalance(A, UInt256.valueOf(1));
    int checkpoint = state.checkpoint();
    state.addBalance(A, UInt256.valueOf(10));
    state.setNonce(A, 9);
    state.setStorage(A, KEY, UInt256.valueOf(6));
    state.addBalance(B, UInt256.valueOf(3));
    assertThat(state.accessAccount(B)).isTrue();
    state.addRefund(4800);
    state.revertTo(checkpoint);

    assertThat(state.balance(A)).isEqualTo(UInt256.valueOf(101));
    assertThat(state.nonce(A)).isEqualTo(1);
    assertThat(state.storage(A, KEY)).isEqualTo(UInt256.valueOf(5));
    assertThat(state.exists(B)).isFalse();
    assertThat(state.accessAccount(B)).as("warmth is reverted too").isTrue();
    assertThat(state.refund()).isZero();
  }

  @Test
  void originalStorageIsTheValueAtTransactionStart() {
    JournaledState state = new JournaledState(committed());
    state.setStorage(A, KEY, UInt256.valueOf(6));
    assertThat(state.originalStorage(A, KEY)).isEqualTo(UInt256.valueOf(5));
    state.finishTransaction(true);
    assertThat(state.originalStorage(A, KEY)).isEqualTo(UInt256.valueOf(6));
  }

  @Test
  void touchedEmptyAccountsAreDeletedAtTheEndOfTheTransaction() {
    InMemoryState committed = committed();
    committed.put(B, 0, UInt256.ZERO, new byte[0], Map.of());
    JournaledState state = new JournaledState(committed);
    state.addBalance(B, UInt256.ZERO); // EIP-161 touch
    state.finishTransaction(true);
    assertThat(state.exists(B)).isFalse();
    assertThat(state.changes())
        .anySatisfy(
            c -> {
              assertThat(c.address()).isEqualTo(B);
              assertThat(c.exists()).isFalse();
            });
  }

  @Test
  void aRevertedTouchOfRipemdStillDeletesIt() {
    JournaledState state = new JournaledState(committed());
    int checkpoint = state.checkpoint();
    state.addBalance(RIPEMD, UInt256.ZERO);
    state.revertTo(checkpoint);
    state.finishTransaction(true);
    assertThat(state.exists(RIPEMD)).as("mainnet block 2675119 behaviour").isFalse();
  }

  @Test
  void aSecondSelfDestructRevertedKeepsTheFirst() {
    JournaledState state = new JournaledState(committed());
    state.createContractAccount(B);
    state.markSelfDestructed(B);
    int checkpoint = state.checkpoint();
    state.markSelfDestructed(B);
    state.revertTo(checkpoint);
    assertThat(state.hasSelfDestructed(B)).isTrue();
    state.finishTransaction(true);
    assertThat(state.exists(B)).isFalse();
  }

  @Test
  void aDeletedAccountReadsEmptyStorageWhenCreatedAgain() {
    JournaledState state = new JournaledState(committed());
    state.markSelfDestructed(A);
    state.finishTransaction(true);
    state.createContractAccount(A);
    state.setNonce(A, 1);
    assertThat(state.storage(A, KEY)).isEqualTo(UInt256.ZERO);
    state.finishTransaction(true);
    InMemoryState next = committed();
    next.apply(state.changes());
    assertThat(next.storage(A, KEY)).isEqualTo(UInt256.ZERO);
    assertThat(next.account(A)).hasValueSatisfying(a -> assertThat(a.nonce()).isEqualTo(1));
  }

  @Test
  void transientStorageIsJournaledAndClearedPerTransaction() {
    JournaledState state = new JournaledState(committed());
    state.setTransientStorage(A, KEY, UInt256.ONE);
    int checkpoint = state.checkpoint();
    state.setTransientStorage(A, KEY, UInt256.valueOf(2));
    state.revertTo(checkpoint);
    assertThat(state.transientStorage(A, KEY)).isEqualTo(UInt256.ONE);
    state.finishTransaction(true);
    assertThat(state.transientStorage(A, KEY)).isEqualTo(UInt256.ZERO);
  }
}
