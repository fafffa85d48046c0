package io.merapi.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.explorer.Chain;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig.BlockId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadStatusTest {
  /** L1 head 50, safe 40, finalized 30; L2 unsafe 100, safe 80, finalized 60. */
  private static final SyncStatus STATUS =
      new SyncStatus(l1(45), l1(30), l1(50), l1(40), l1(30), l2(100), l2(80), l2(60), l2(80));

  private static L1BlockRef l1(long n) {
    return new L1BlockRef(Hash.ZERO, n, Hash.ZERO, 0);
  }

  private static L2BlockRef l2(long n) {
    return new L2BlockRef(Hash.ZERO, n, Hash.ZERO, 0, new BlockId(Hash.ZERO, 0), 0);
  }

  @ParameterizedTest
  @CsvSource({
    "L2, 0, finalized",
    "L2, 60, finalized",
    "L2, 61, safe",
    "L2, 80, safe",
    "L2, 81, unsafe",
    "L2, 100, unsafe",
    "L2, 101, unsafe",
    "L1, 30, finalized",
    "L1, 31, safe",
    "L1, 40, safe",
    "L1, 41, latest"
  })
  void aBlockStandsWhereTheNodesHeadsPutIt(Chain chain, long number, String word) {
    assertThat(HeadStatus.of(chain, number, STATUS).word()).isEqualTo(word);
  }
}
