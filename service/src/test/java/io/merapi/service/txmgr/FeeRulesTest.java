package io.merapi.service.txmgr;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.uint.UInt256;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FeeRulesTest {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private static UInt256 wei(long value) {
    return UInt256.valueOf(value);
  }

  @Test
  void theFirstVersionOffersTheTipAndRoomForTheBaseFeeToDouble() {
    GasPriceEstimate estimate = new GasPriceEstimate(wei(2), wei(100), wei(5));
    assertThat(FeeRules.initial(estimate, false)).isEqualTo(new FeeCaps(wei(2), wei(202), wei(0)));
    // Blob fee cap: twice the blob base fee, but never under geth's 1 gwei floor.
    assertThat(FeeRules.initial(estimate, true).blobFeeCap()).isEqualTo(GWEI);
    GasPriceEstimate dearBlobs = new GasPriceEstimate(wei(2), wei(100), GWEI);
    assertThat(FeeRules.initial(dearBlobs, true).blobFeeCap()).isEqualTo(GWEI.multiply(2));
  }

  record Threshold(long old, boolean blob, long least) {}

  static List<Threshold> thresholds() {
    return List.of(
        new Threshold(100, false, 110),
        new Threshold(101, false, 112), // 111.1 rounds up: geth compares against old * 110 / 100
        new Threshold(1, false, 2), // always at least one wei more
        new Threshold(0, false, 0),
        new Threshold(100, true, 200),
        new Threshold(7, true, 14));
  }

  @ParameterizedTest
  @MethodSource("thresholds")
  void aReplacementMustBeatTheOldFeeByThePoolsBump(Threshold c) {
    assertThat(FeeRules.threshold(wei(c.old()), c.blob())).isEqualTo(wei(c.least()));
  }

  @Test
  void aBumpRaisesEveryFeeByAtLeastTenPercentWhenTheMarketIsFlat() {
    FeeCaps old = new FeeCaps(wei(1000), wei(3000), UInt256.ZERO);
    GasPriceEstimate flat = new GasPriceEstimate(wei(1000), wei(1000), wei(1));
    FeeCaps bumped = FeeRules.bump(old, flat, false);
    assertThat(bumped.tipCap()).isEqualTo(wei(1100));
    // tip + 2 * base fee = 3100 < 3300: the threshold wins.
    assertThat(bumped.feeCap()).isEqualTo(wei(3300));
    assertThat(bumped.blobFeeCap()).isEqualTo(UInt256.ZERO);
  }

  @Test
  void aBumpFollowsTheMarketWhenItRoseMoreThanTheThreshold() {
    FeeCaps old = new FeeCaps(wei(1000), wei(3000), UInt256.ZERO);
    GasPriceEstimate risen = new GasPriceEstimate(wei(5000), wei(10_000), wei(1));
    FeeCaps bumped = FeeRules.bump(old, risen, false);
    assertThat(bumped.tipCap()).isEqualTo(wei(5000));
    assertThat(bumped.feeCap()).isEqualTo(wei(25_000));
  }

  @Test
  void aBaseFeeRiseRecomputesTheFeeCapOverTheThresholdTip() {
    FeeCaps old = new FeeCaps(wei(1000), wei(3000), UInt256.ZERO);
    GasPriceEstimate baseUp = new GasPriceEstimate(wei(500), wei(4000), wei(1));
    FeeCaps bumped = FeeRules.bump(old, baseUp, false);
    assertThat(bumped.tipCap()).isEqualTo(wei(1100));
    assertThat(bumped.feeCap()).isEqualTo(wei(1100 + 8000));
  }

  @Test
  void blobTransactionsDoubleAllThreeFees() {
    FeeCaps old = new FeeCaps(wei(1000), wei(3000), GWEI);
    GasPriceEstimate flat = new GasPriceEstimate(wei(1000), wei(1000), wei(1));
    FeeCaps bumped = FeeRules.bump(old, flat, true);
    assertThat(bumped.tipCap()).isEqualTo(wei(2000));
    assertThat(bumped.feeCap()).isEqualTo(wei(6000));
    assertThat(bumped.blobFeeCap()).isEqualTo(GWEI.multiply(2));
  }

  @Test
  void successiveBumpsStayAcceptableToThePool() {
    FeeCaps fees = FeeRules.initial(new GasPriceEstimate(wei(3), wei(7), wei(1)), false);
    GasPriceEstimate flat = new GasPriceEstimate(wei(3), wei(7), wei(1));
    for (int i = 0; i < 20; i++) {
      FeeCaps next = FeeRules.bump(fees, flat, false);
      assertThat(next.tipCap()).isGreaterThanOrEqualTo(FeeRules.threshold(fees.tipCap(), false));
      assertThat(next.feeCap()).isGreaterThanOrEqualTo(FeeRules.threshold(fees.feeCap(), false));
      assertThat(next.feeCap()).isGreaterThanOrEqualTo(next.tipCap());
      fees = next;
    }
  }

  @Test
  void theFeeLimitAppliesOnlyAboveTheThreshold() {
    GasPriceEstimate estimate = new GasPriceEstimate(GWEI, GWEI.multiply(10), wei(1));
    // Suggested fee cap 21 gwei, limit 5x = 105 gwei.
    FeeCaps within = new FeeCaps(GWEI.multiply(5), GWEI.multiply(105), UInt256.ZERO);
    FeeCaps over = new FeeCaps(GWEI.multiply(5), GWEI.multiply(106), UInt256.ZERO);
    UInt256 threshold = GWEI.multiply(100);
    assertThat(FeeRules.overLimit(within, estimate, 5, threshold)).isEmpty();
    assertThat(FeeRules.overLimit(over, estimate, 5, threshold))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("fee cap 106000000000 wei is over 5x the suggested 21000000000"));
    // Under the threshold any bump is allowed.
    assertThat(FeeRules.overLimit(over, estimate, 5, GWEI.multiply(200))).isEmpty();
  }

  @Test
  void theBlobFeeCapHasItsOwnLimit() {
    GasPriceEstimate estimate = new GasPriceEstimate(GWEI, GWEI, wei(1));
    FeeCaps blobOver = new FeeCaps(GWEI, GWEI.multiply(3), GWEI.multiply(6));
    assertThat(FeeRules.overLimit(blobOver, estimate, 5, UInt256.ZERO))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("bumped blob fee cap"));
  }
}
