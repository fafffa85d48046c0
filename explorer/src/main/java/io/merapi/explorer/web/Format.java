package io.merapi.explorer.web;

import io.merapi.base.uint.UInt256;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, amounts, times and hashes read on the pages. */
public final class Format {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Format() {}

  /** An amount of wei in ether, exact, without trailing zeros: {@code 1.5 ETH}, {@code 0 ETH}. */
  public static String ether(UInt256 wei) {
    return decimal(wei, 18) + " ETH";
  }

  /** An amount of wei in gwei (gas prices): {@code 1.000000007 gwei}. */
  public static String gwei(UInt256 wei) {
    return decimal(wei, 9) + " gwei";
  }

  private static String decimal(UInt256 value, int scale) {
    BigDecimal amount = new BigDecimal(value.toBigInteger(), scale).stripTrailingZeros();
    return amount.signum() == 0 ? "0" : amount.toPlainString();
  }

  /** A count with thousands separators: {@code 1,234,567}. */
  public static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A block time as a person reads it next to now: {@code 12 s ago}, {@code 3 min ago}. */
  public static String age(long timestamp, long nowSeconds) {
    long seconds = nowSeconds - timestamp;
    if (seconds < 0) {
      return "in " + span(-seconds);
    }
    return span(seconds) + " ago";
  }

  /**
   * A duration in the largest whole unit: {@code 45 s}, {@code 2 min}, {@code 5 h}, {@code 3 d}.
   */
  public static String span(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 2 * 86_400) {
      return seconds / 3600 + " h";
    }
    return seconds / 86_400 + " d";
  }

  /** A block time in UTC: {@code 2026-12-07 13:15:36 UTC}. */
  public static String utc(long timestamp) {
    return UTC.format(Instant.ofEpochSecond(timestamp));
  }

  /** {@code 0x1234ab…cdef} for a hash or an address; short values as they are. */
  public static String shortHex(String hex) {
    return hex.length() <= 14 ? hex : hex.substring(0, 8) + "…" + hex.substring(hex.length() - 4);
  }
}
