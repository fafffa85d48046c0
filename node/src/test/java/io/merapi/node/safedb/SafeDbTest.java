package io.merapi.node.safedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L2BlockRef;
import io.merapi.storage.StoreLockedException;
import io.merapi.types.config.RollupConfig.BlockId;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeDbTest {
  @TempDir Path dir;
  private SafeDb db;

  private SafeDb db() {
    if (db == null) {
      db = SafeDb.open(dir);
    }
    return db;
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static Hash hash(String tag, long number) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) tag.charAt(0);
    for (int i = 0; i < 8; i++) {
      bytes[31 - i] = (byte) (number >>> (8 * i));
    }
    return Hash.wrap(bytes);
  }

  private static BlockId l1(long number) {
    return new BlockId(hash("a", number), number);
  }

  private static L2BlockRef l2(long number, long l1Origin) {
    return l2(number, l1Origin, "b");
  }

  private static L2BlockRef l2(long number, long l1Origin, String tag) {
    return new L2BlockRef(
        hash(tag, number), number, hash(tag, number - 1), 1000 + 2 * number, l1(l1Origin), 0);
  }

  private static SafeHeadEntry entry(long l1Number, L2BlockRef safe) {
    return new SafeHeadEntry(l1(l1Number), safe.id());
  }

  @Test
  void emptyDatabaseKnowsNothing() {
    assertThat(db().enabled()).isTrue();
    assertThat(db().safeHeadAtL1Block(0)).isEmpty();
    assertThat(db().safeHeadAtL1Block(-1L)).isEmpty();
  }

  @Test
  void findsTheGreatestL1BlockAtOrBelowTheQuery() {
    db().safeHeadUpdated(l2(100, 8), l1(10));
    db().safeHeadUpdated(l2(200, 18), l1(20));
    db().safeHeadUpdated(l2(300, 28), l1(30));

    assertThat(db().safeHeadAtL1Block(9)).isEmpty();
    assertThat(db().safeHeadAtL1Block(10)).contains(entry(10, l2(100, 8)));
    assertThat(db().safeHeadAtL1Block(19)).contains(entry(10, l2(100, 8)));
    assertThat(db().safeHeadAtL1Block(20)).contains(entry(20, l2(200, 18)));
    assertThat(db().safeHeadAtL1Block(29)).contains(entry(20, l2(200, 18)));
    assertThat(db().safeHeadAtL1Block(30)).contains(entry(30, l2(300, 28)));
    assertThat(db().safeHeadAtL1Block(1_000_000)).contains(entry(30, l2(300, 28)));
  }

  @Test
  void aLaterRecordForTheSameL1BlockReplacesTheEarlier() {
    db().safeHeadUpdated(l2(100, 8), l1(10));
    db().safeHeadUpdated(l2(101, 8), l1(10));
    assertThat(db().safeHeadAtL1Block(10)).contains(entry(10, l2(101, 8)));
  }

  @Test
  void numbersAreUnsigned64Bit() {
    db().safeHeadUpdated(l2(1, 0), l1(0));
    db().safeHeadUpdated(l2(Long.MAX_VALUE, 5), l1(Long.MAX_VALUE));
    db().safeHeadUpdated(l2(-1L, 6), l1(-2L)); // 2^64 - 2

    assertThat(db().safeHeadAtL1Block(0)).contains(entry(0, l2(1, 0)));
    assertThat(db().safeHeadAtL1Block(Long.MAX_VALUE - 1)).contains(entry(0, l2(1, 0)));
    assertThat(db().safeHeadAtL1Block(Long.MIN_VALUE)) // 2^63, above Long.MAX_VALUE
        .contains(entry(Long.MAX_VALUE, l2(Long.MAX_VALUE, 5)));
    assertThat(db().safeHeadAtL1Block(-1L)).contains(entry(-2L, l2(-1L, 6)));
  }

  @Test
  void survivesAReopen() {
    db().safeHeadUpdated(l2(100, 8), l1(10));
    db().safeHeadUpdated(l2(200, 18), l1(20));
    db().close();
    db = null;

    assertThat(db().safeHeadAtL1Block(25)).contains(entry(20, l2(200, 18)));
    assertThat(db().safeHeadAtL1Block(15)).contains(entry(10, l2(100, 8)));
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefused() {
    db();
    assertThatThrownBy(() -> SafeDb.open(dir)).isInstanceOf(StoreLockedException.class);
  }

  @Test
  void closeTwiceIsHarmless() {
    db().close();
    db().close();
  }

  private void threeRecords() {
    db().safeHeadUpdated(l2(100, 8), l1(10));
    db().safeHeadUpdated(l2(200, 18), l1(20));
    db().safeHeadUpdated(l2(300, 28), l1(30));
  }

  @Test
  void resetBetweenRecordsRecordsTheResetHeadWhereItBecameSafe() {
    threeRecords();
    L2BlockRef reset = l2(250, 15, "c");
    db().safeHeadReset(reset);

    // Block 250 was safe by L1 block 30 (the record said 300), no longer known past that.
    assertThat(db().safeHeadAtL1Block(35)).contains(entry(30, reset));
    assertThat(db().safeHeadAtL1Block(29)).contains(entry(20, l2(200, 18)));
    assertThat(db().safeHeadAtL1Block(10)).contains(entry(10, l2(100, 8)));
  }

  @Test
  void resetToARecordedHeadReplacesItAndDropsEverythingAbove() {
    threeRecords();
    L2BlockRef reset = l2(200, 15, "c");
    db().safeHeadReset(reset);

    assertThat(db().safeHeadAtL1Block(35)).contains(entry(20, reset));
    assertThat(db().safeHeadAtL1Block(19)).contains(entry(10, l2(100, 8)));
  }

  @Test
  void resetBeforeTheFirstRecordDropsEverything() {
    threeRecords();
    db().safeHeadReset(l2(50, 5));

    // The reset head may have become safe before the records start: nothing is claimed for it.
    assertThat(db().safeHeadAtL1Block(-1L)).isEmpty();
  }

  @Test
  void resetAboveEveryRecordChangesNothing() {
    threeRecords();
    db().safeHeadReset(l2(400, 35));

    assertThat(db().safeHeadAtL1Block(30)).contains(entry(30, l2(300, 28)));
    assertThat(db().safeHeadAtL1Block(20)).contains(entry(20, l2(200, 18)));
    assertThat(db().safeHeadAtL1Block(10)).contains(entry(10, l2(100, 8)));
  }

  @Test
  void resetOnlyLooksAtRecordsFromTheResetHeadsL1OriginUp() {
    threeRecords();
    // Origin 20: the record at L1 10 (safe head 100 < 150) is below the origin and kept; the one
    // at 20 is the first at or above 150.
    L2BlockRef reset = l2(150, 20, "c");
    db().safeHeadReset(reset);

    assertThat(db().safeHeadAtL1Block(30)).contains(entry(20, reset));
    assertThat(db().safeHeadAtL1Block(15)).contains(entry(10, l2(100, 8)));
  }

  @Test
  void resetIsKeptAcrossAReopen() {
    threeRecords();
    L2BlockRef reset = l2(250, 15, "c");
    db().safeHeadReset(reset);
    db().close();
    db = null;

    assertThat(db().safeHeadAtL1Block(100)).contains(entry(30, reset));
  }

  @Test
  void disabledDatabaseIgnoresUpdatesAndRefusesQueries() {
    SafeDb disabled = SafeDb.disabled();
    disabled.safeHeadUpdated(l2(100, 8), l1(10));
    disabled.safeHeadReset(l2(100, 8));
    assertThat(disabled.enabled()).isFalse();
    assertThatThrownBy(() -> disabled.safeHeadAtL1Block(10))
        .isInstanceOf(SafeDbDisabledException.class)
        .hasMessage("safe head database not enabled");
    disabled.close();
  }
}
