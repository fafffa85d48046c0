package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.derive.source.BlobSource;
import io.merapi.state.BlobGas;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The L1 miner on its own: real blocks over the deployed contracts, deposits, reorgs. */
class L1MinerTest {
  static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

  @Test
  void minesCancunBlocksWithADepositThroughThePortal() {
    RollupSetup setup = RollupSetup.of(Map.of());
    L1Miner miner = new L1Miner(setup.l1Genesis());
    assertThat(miner.head().hash()).isEqualTo(setup.rollup().genesis().l1().hash());

    Wallet alice =
        new Wallet(
            RollupSetup.ALICE, miner.chainId(), () -> miner.nonce(RollupSetup.ALICE.address()));
    Transaction deposit =
        alice.call(
            setup.l1Contracts().optimismPortalProxy(),
            ETHER,
            OptimismPortal2.depositTransaction(alice.address(), ETHER, 100_000, false, Bytes.EMPTY)
                .data(),
            500_000);
    miner.submit(deposit);
    L1Miner.L1Block block = miner.mine();

    assertThat(block.number()).isEqualTo(1);
    assertThat(block.header().timestamp())
        .isEqualTo(RollupSetup.L1_GENESIS_TIME + L1Miner.BLOCK_TIME);
    assertThat(block.header().parentBeaconBlockRoot()).isPresent();
    assertThat(block.header().excessBlobGas()).hasValue(0);
    assertThat(block.receipts()).hasSize(1);
    assertThat(block.receipts().get(0).status()).contains(true);
    List<DepositTransaction> deposits =
        UserDeposits.fromBlock(setup.rollup().depositContractAddress(), block.hash(), block.logs());
    assertThat(deposits).hasSize(1);
    assertThat(deposits.get(0).mint()).isEqualTo(ETHER);
    assertThat(deposits.get(0).from()).isEqualTo(alice.address());
    assertThat(miner.recomputedStateRoot()).isEqualTo(block.header().stateRoot());
    assertThat(miner.blockRefByNumber(1)).contains(block.ref());
    assertThat(BlobGas.baseFee(block.header().excessBlobGas().getAsLong())).isEqualTo(UInt256.ONE);
  }

  @Test
  void aReorgReplacesTheTipAndKeepsTheOldBlocksByHash() {
    RollupSetup setup = RollupSetup.of(Map.of());
    L1Miner miner = new L1Miner(setup.l1Genesis());
    Wallet alice =
        new Wallet(
            RollupSetup.ALICE, miner.chainId(), () -> miner.nonce(RollupSetup.ALICE.address()));
    miner.mine();
    miner.submit(alice.transfer(RollupSetup.BOB.address(), ETHER));
    L1Miner.L1Block old = miner.mine();
    assertThat(miner.nonce(alice.address())).isEqualTo(1);

    List<Transaction> dropped = miner.reorg(1);
    assertThat(dropped).hasSize(1);
    assertThat(miner.head().number()).isEqualTo(1);
    assertThat(miner.nonce(alice.address())).isZero();
    L1Miner.L1Block replacement = miner.mine(L1Miner.BLOCK_TIME, List.of());
    assertThat(replacement.number()).isEqualTo(2);
    assertThat(replacement.hash()).isNotEqualTo(old.hash());
    assertThat(miner.blockRefByNumber(2)).contains(replacement.ref());
    assertThat(miner.blockRefByHash(old.hash())).isEqualTo(old.ref());
    assertThat(replacement.header().stateRoot()).isNotEqualTo(old.header().stateRoot());
    assertThat(miner.recomputedStateRoot()).isEqualTo(replacement.header().stateRoot());
  }

  @Test
  void keepsTheBlobsOfIncludedBlobTransactions() {
    RollupSetup setup = RollupSetup.of(Map.of());
    L1Miner miner = new L1Miner(setup.l1Genesis());
    InboxSender sender =
        new InboxSender(
            new Wallet(
                RollupSetup.BATCHER_KEY,
                miner.chainId(),
                () -> miner.nonce(RollupSetup.BATCHER_KEY.address())),
            setup.rollup().batchInboxAddress());
    byte[] blob = new byte[BlobSidecar.BYTES_PER_BLOB];
    for (int i = 1; i < blob.length; i += 32) {
      blob[i] = (byte) i; // the top byte of every field element stays zero
    }
    Transaction tx = sender.blobs(List.of(Bytes.wrap(blob), Bytes.wrap(new byte[blob.length])));
    miner.submit(tx);
    L1Miner.L1Block block = miner.mine();

    assertThat(block.header().blobGasUsed()).hasValue(2 * BlobGas.GAS_PER_BLOB);
    assertThat(block.transactions().get(0).hash()).isEqualTo(tx.hash());
    List<Hash> hashes = block.transactions().get(0).blobVersionedHashes();
    assertThat(
            miner.blobs(
                block.ref(),
                List.of(
                    new BlobSource.IndexedBlobHash(1, hashes.get(1)),
                    new BlobSource.IndexedBlobHash(0, hashes.get(0)))))
        .containsExactly(Bytes.wrap(new byte[blob.length]), Bytes.wrap(blob));
    assertThat(miner.mine().header().excessBlobGas()).hasValue(0);
  }
}
