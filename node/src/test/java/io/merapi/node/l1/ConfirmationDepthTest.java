package io.merapi.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConfirmationDepthTest {
  /** An L1 of blocks 0..100 that answers every number. */
  private static final L1Source CHAIN =
      new L1Source() {
        @Override
        public Optional<L1BlockRef> blockRefByNumber(long number) {
          return number <= 100 ? Optional.of(ref(number)) : Optional.empty();
        }

        @Override
        public L1BlockRef blockRefByHash(Hash hash) {
          return ref(hash.toArray()[31]);
        }

        @Override
        public Header headerByHash(Hash hash) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<Transaction> transactionsByHash(Hash hash) {
          return List.of();
        }

        @Override
        public List<Receipt> receiptsByHash(Hash hash) {
          return List.of();
        }
      };

  private static L1BlockRef ref(long n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    return new L1BlockRef(Hash.wrap(b), n, Hash.ZERO, n * 12);
  }

  @Test
  void hidesTheNewestBlocksByNumber() {
    AtomicReference<Optional<L1BlockRef>> head = new AtomicReference<>(Optional.of(ref(50)));
    ConfirmationDepth l1 = new ConfirmationDepth(CHAIN, 4, head::get);
    assertThat(l1.blockRefByNumber(46)).contains(ref(46));
    assertThat(l1.blockRefByNumber(47)).isEmpty();
    head.set(Optional.of(ref(51)));
    assertThat(l1.blockRefByNumber(47)).contains(ref(47));
    // By hash: a block the caller already knows.
    assertThat(l1.blockRefByHash(ref(50).hash())).isEqualTo(ref(50));
  }

  @Test
  void zeroDepthOrAnUnknownHeadHidesNothing() {
    assertThat(new ConfirmationDepth(CHAIN, 0, () -> Optional.of(ref(10))).blockRefByNumber(60))
        .contains(ref(60));
    assertThat(new ConfirmationDepth(CHAIN, 4, Optional::empty).blockRefByNumber(60))
        .contains(ref(60));
  }

  @Test
  void aNegativeDepthIsRefused() {
    assertThatThrownBy(() -> new ConfirmationDepth(CHAIN, -1, Optional::empty))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
