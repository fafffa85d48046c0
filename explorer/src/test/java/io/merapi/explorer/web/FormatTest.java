package io.merapi.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0 ETH",
    "1, 0.000000000000000001 ETH",
    "1500000000000000000, 1.5 ETH",
    "10000000000000000000000, 10000 ETH",
    "115792089237316195423570985008687907853269984665640564039457584007913129639935,"
        + " 115792089237316195423570985008687907853269984665640564039457.584007913129639935 ETH"
  })
  void etherIsExactWithoutTrailingZeros(String wei, String shown) {
    assertThat(Format.ether(UInt256.valueOf(new BigInteger(wei)))).isEqualTo(shown);
  }

  @Test
  void gasPricesReadInGwei() {
    assertThat(Format.gwei(UInt256.valueOf(1_000_000_007L))).isEqualTo("1.000000007 gwei");
    assertThat(Format.gwei(UInt256.valueOf(2_000_000_000L))).isEqualTo("2 gwei");
  }

  @ParameterizedTest
  @CsvSource({
    "100, 100, 0 s ago",
    "88, 100, 12 s ago",
    "0, 119, 119 s ago",
    "0, 120, 2 min ago",
    "0, 7199, 119 min ago",
    "0, 7200, 2 h ago",
    "0, 172800, 2 d ago",
    "105, 100, in 5 s"
  })
  void agesUseTheLargestWholeUnit(long timestamp, long now, String shown) {
    assertThat(Format.age(timestamp, now)).isEqualTo(shown);
  }

  @Test
  void timesAreShownInUtc() {
    assertThat(Format.utc(1_796_650_536L)).isEqualTo("2026-12-07 13:35:36 UTC");
  }

  @Test
  void longHexIsShortenedAndShortHexKept() {
    assertThat(Format.shortHex("0x" + "ab".repeat(32))).isEqualTo("0xababab…abab");
    assertThat(Format.shortHex("0x1234")).isEqualTo("0x1234");
  }

  @Test
  void countsHaveSeparators() {
    assertThat(Format.number(1_234_567)).isEqualTo("1,234,567");
  }
}
