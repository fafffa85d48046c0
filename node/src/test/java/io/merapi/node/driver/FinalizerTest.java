package io.merapi.node.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig;
import org.junit.jupiter.api.Test;

class FinalizerTest {
  private static Hash hash(long n, int salt) {
    byte[] b = new byte[32];
    b[0] = (byte) salt;
    b[31] = (byte) n;
    b[30] = (byte) (n >>> 8);
    return Hash.wrap(b);
  }

  private static L1BlockRef l1(long n) {
    return new L1BlockRef(hash(n, 1), n, hash(n - 1, 1), 100 + 12 * n);
  }

  private static L2BlockRef l2(long n, long origin) {
    return new L2BlockRef(
        hash(n, 2),
        n,
        hash(n - 1, 2),
        100 + 2 * n,
        new RollupConfig.BlockId(hash(origin, 1), origin),
        0);
  }

  @Test
  void finalizesTheHighestSafeBlockDerivedFromFinalizedL1Data() {
    Finalizer finalizer = new Finalizer();
    finalizer.safeHeadUpdated(l1(10), l2(5, 8));
    finalizer.safeHeadUpdated(l1(11), l2(9, 9));
    finalizer.safeHeadUpdated(l1(12), l2(14, 11));

    assertThat(finalizer.finalizable(l1(9))).isEmpty();
    assertThat(finalizer.finalizable(l1(11))).contains(l2(9, 9));
    // Until the engine took it, the same block is offered again.
    assertThat(finalizer.finalizable(l1(11))).contains(l2(9, 9));
    finalizer.finalized(l2(9, 9));
    assertThat(finalizer.finalizable(l1(11))).isEmpty();
    assertThat(finalizer.finalizable(l1(20))).contains(l2(14, 11));
  }

  @Test
  void aLaterSafeHeadFromTheSameL1BlockReplacesTheEarlierOne() {
    Finalizer finalizer = new Finalizer();
    finalizer.safeHeadUpdated(l1(10), l2(5, 8));
    finalizer.safeHeadUpdated(l1(10), l2(7, 8));
    assertThat(finalizer.finalizable(l1(10))).contains(l2(7, 8));
  }

  @Test
  void aResetForgetsSafeHeadsAboveTheNewSafeHead() {
    Finalizer finalizer = new Finalizer();
    finalizer.safeHeadUpdated(l1(10), l2(5, 8));
    finalizer.safeHeadUpdated(l1(11), l2(9, 9));
    finalizer.safeHeadReset(l2(6, 8));
    assertThat(finalizer.finalizable(l1(20))).contains(l2(5, 8));
  }

  @Test
  void keepsABoundedNumberOfEntries() {
    Finalizer finalizer = new Finalizer();
    for (long n = 1; n <= 1000; n++) {
      finalizer.safeHeadUpdated(l1(n), l2(n, n));
    }
    // The oldest entries were dropped; the newest one still finalizes.
    assertThat(finalizer.finalizable(l1(1000))).contains(l2(1000, 1000));
  }
}
