package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.SignedTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch whose last block carries a transaction with a broken signature (op-e2e {@code
 * BadTxInBatch}), in a span batch of one or two blocks. The engine cannot build that block. Before
 * Holocene the batch is dropped: the safe head stays where it was until the batcher posts the
 * blocks again. With Holocene the block is derived with its deposits only, on the verifier and on
 * the sequencer alike, and the sequencer sequences the user's transaction again afterwards.
 */
class BadTransactionTest {

  @ParameterizedTest(name = "holocene={0}, blocks={1}")
  @CsvSource({"false,1", "false,2", "true,1", "true,2"})
  void aBlockThatCannotBeBuilt(boolean holocene, int blocks) {
    Map<String, Object> forks = new HashMap<>();
    if (!holocene) {
      forks.put("l2GenesisHoloceneTimeOffset", null);
    }
    Actors a =
        Actors.start(
            forks,
            Batcher.Config.of(
                Batcher.BatchType.SPAN, CompressionAlgo.ZLIB, Batcher.DataAvailability.CALLDATA));
    for (int i = 0; i < blocks; i++) {
      a.l2Transfer();
      a.sequencer.buildBlock();
    }
    L2Chain.L2Block last = a.sequencer.chain().head();
    for (int i = 0; i < blocks - 1; i++) {
      a.batcher.bufferBlock();
    }
    a.batcher.bufferBlock(BadTransactionTest::breakUserSignature);
    a.batcher.send(a.batcher.closeChannel());
    a.miner.mine();
    a.deriveBoth();

    assertThat(a.verifier.stats.invalidPayloads).isEqualTo(1);
    assertThat(a.verifier.stats.invalidReasons.get(0)).contains("cannot be included");
    if (!holocene) {
      assertThat(a.verifier.safeHead().number()).as("the batch is dropped").isZero();
      assertThat(a.sequencer.safeHead().number()).isZero();
      assertThat(a.sequencer.unsafeHead()).as("the unsafe chain stays").isEqualTo(last.ref());
      a.batcher.startOverFromSafeHead();
      a.batcher.submitAll();
      a.miner.mine();
      a.deriveBoth();
      a.assertAllSafe();
      assertThat(a.verifier.safeHead()).isEqualTo(last.ref());
    } else {
      L2Chain.L2Block derived = a.verifier.chain().block(blocks);
      assertThat(a.verifier.safeHead().number()).isEqualTo(blocks);
      assertThat(a.verifier.stats.depositsOnly).isEqualTo(1);
      assertThat(derived.depositsOnly()).as("the block keeps its deposits only").isTrue();
      assertThat(derived.hash()).isNotEqualTo(last.hash());
      if (blocks == 2) {
        assertThat(a.verifier.chain().block(1).hash())
            .as("the span batch's valid first block stays")
            .isEqualTo(a.sequencer.chain().block(1).hash());
      }
      // The sequencer derived the same, and gets its user's transaction back.
      assertThat(a.sequencer.safeHead()).isEqualTo(a.verifier.safeHead());
      assertThat(a.sequencer.stats.depositsOnly).isEqualTo(1);
      assertThat(a.sequencer.pool()).hasSize(1);
    }
    a.round();
    a.round();
    a.assertAllSafe();
    assertThat(a.sequencer.pool()).isEmpty();
    long userTxs =
        a.verifier.chain().blocks().stream().mapToLong(b -> b.batchTransactions().size()).sum();
    assertThat(userTxs).isEqualTo(a.userTransactions());
    System.out.println(a.summary("bad transaction holocene=" + holocene + " blocks=" + blocks));
  }

  /** The block's user transaction with a zero signature, which recovers to no sender. */
  static List<Transaction> breakUserSignature(List<Transaction> txs) {
    List<Transaction> out = new ArrayList<>();
    for (Transaction tx : txs) {
      out.add(
          tx instanceof DepositTransaction
              ? tx
              : ((SignedTransaction) tx).withSignature(new Signature(UInt256.ONE, UInt256.ONE, 0)));
    }
    return out;
  }
}
