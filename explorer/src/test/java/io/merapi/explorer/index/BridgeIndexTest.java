package io.merapi.explorer.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.explorer.Chain;
import io.merapi.storage.InMemoryKeyValueStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bridge's entries in the index: lists newest first, lookups, and undone with their block. */
class BridgeIndexTest {
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final ChainIndex index = ChainIndex.open(store);

  private static Hash hash(int tag, long n) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) tag;
    bytes[31] = (byte) n;
    return Hash.wrap(bytes);
  }

  private static Address address(int b) {
    byte[] bytes = new byte[20];
    bytes[19] = (byte) b;
    return Address.wrap(bytes);
  }

  private static IndexedBlock block(Chain chain, long n, int fork) {
    return new IndexedBlock(
        n, hash(fork, n), n == 1 ? hash(0, 0) : hash(1, n - 1), 100 + n, List.of());
  }

  private static BridgeEntry.Deposit deposit(long block, long logIndex) {
    return new BridgeEntry.Deposit(
        block,
        logIndex,
        hash(0x11, block),
        hash(0x22, block * 10 + logIndex),
        address(1),
        Optional.of(address(2)),
        UInt256.valueOf(5),
        UInt256.valueOf(block));
  }

  private static BridgeEntry.Withdrawal withdrawal(long block, long logIndex) {
    return new BridgeEntry.Withdrawal(
        block,
        logIndex,
        hash(0x33, block),
        hash(0x44, block * 10 + logIndex),
        address(3),
        address(4),
        UInt256.valueOf(7));
  }

  @Test
  void depositsAndWithdrawalsListNewestFirstAndAreFoundByHash() {
    index.append(Chain.L1, block(Chain.L1, 1, 1), List.of(deposit(1, 0), deposit(1, 3)));
    index.append(Chain.L1, block(Chain.L1, 2, 1), List.of(deposit(2, 1)));
    index.append(Chain.L2, block(Chain.L2, 1, 1), List.of(withdrawal(1, 2)));
    index.append(
        Chain.L2,
        block(Chain.L2, 2, 1),
        List.of(withdrawal(2, 0), new BridgeEntry.Token(Chain.L2, 2, address(9), address(8))));

    assertThat(index.bridge().deposits(10))
        .containsExactly(deposit(2, 1), deposit(1, 3), deposit(1, 0));
    assertThat(index.bridge().deposits(1)).containsExactly(deposit(2, 1));
    // Pages: what follows a position, whether or not an entry sits exactly there.
    assertThat(index.bridge().deposits(Optional.of(new BridgeIndex.Position(2, 1)), 10))
        .containsExactly(deposit(1, 3), deposit(1, 0));
    assertThat(index.bridge().deposits(Optional.of(new BridgeIndex.Position(1, 3)), 1))
        .containsExactly(deposit(1, 0));
    assertThat(index.bridge().deposits(Optional.of(new BridgeIndex.Position(1, 2)), 10))
        .containsExactly(deposit(1, 0));
    assertThat(index.bridge().deposits(Optional.of(new BridgeIndex.Position(1, 0)), 10)).isEmpty();
    assertThat(index.bridge().withdrawals(Optional.of(new BridgeIndex.Position(2, 0)), 10))
        .containsExactly(withdrawal(1, 2));
    assertThat(index.bridge().withdrawals(10)).containsExactly(withdrawal(2, 0), withdrawal(1, 2));
    assertThat(index.bridge().withdrawal(hash(0x44, 12))).contains(withdrawal(1, 2));
    assertThat(index.bridge().withdrawal(hash(0x44, 99))).isEmpty();
    assertThat(index.bridge().tokens(Chain.L2))
        .containsExactly(new BridgeEntry.Token(Chain.L2, 2, address(9), address(8)));
    assertThat(index.bridge().tokens(Chain.L1)).isEmpty();

    Hash w = hash(0x44, 12);
    BridgeEntry.WithdrawalLeg proven =
        new BridgeEntry.WithdrawalLeg(
            BridgeEntry.WithdrawalLeg.Kind.PROVEN, w, 3, 4, hash(0x55, 3), true);
    BridgeEntry.WithdrawalLeg finalized =
        new BridgeEntry.WithdrawalLeg(
            BridgeEntry.WithdrawalLeg.Kind.FINALIZED, w, 3, 6, hash(0x66, 3), false);
    index.append(Chain.L1, block(Chain.L1, 3, 1), List.of(proven, finalized));
    assertThat(index.bridge().legs(w)).containsExactly(proven, finalized);
    assertThat(index.bridge().legs(hash(0x44, 20))).isEmpty();
  }

  @Test
  void aReorgUndoesTheEntriesOfTheDroppedBlocksOnly() {
    index.append(Chain.L1, block(Chain.L1, 1, 1), List.of(deposit(1, 0)));
    Hash w = hash(0x44, 10);
    index.append(
        Chain.L1,
        block(Chain.L1, 2, 1),
        List.of(
            deposit(2, 0),
            new BridgeEntry.WithdrawalLeg(
                BridgeEntry.WithdrawalLeg.Kind.PROVEN, w, 2, 1, hash(0x55, 2), true),
            new BridgeEntry.Token(Chain.L1, 2, address(9), address(8))));
    index.append(Chain.L2, block(Chain.L2, 1, 1), List.of(withdrawal(1, 0)));

    index.rewindTo(Chain.L1, 1);

    assertThat(index.bridge().deposits(10)).containsExactly(deposit(1, 0));
    assertThat(index.bridge().legs(w)).isEmpty();
    assertThat(index.bridge().tokens(Chain.L1)).isEmpty();
    // The other chain's entries stay.
    assertThat(index.bridge().withdrawals(10)).containsExactly(withdrawal(1, 0));

    index.rewindTo(Chain.L2, 0);
    assertThat(index.bridge().withdrawals(10)).isEmpty();
    assertThat(index.bridge().withdrawal(hash(0x44, 10))).isEmpty();
    // Only block 1's deposit and nothing else of the L1 is left.
    assertThat(index.bridge().deposits(10)).containsExactly(deposit(1, 0));
  }
}
