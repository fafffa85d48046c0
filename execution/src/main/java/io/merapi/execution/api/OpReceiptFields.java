package io.merapi.execution.api;

import io.merapi.base.uint.UInt256;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.L1CostFunction;
import io.merapi.state.op.RollupCostData;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.OpFork;
import io.merapi.types.json.L1FeeInfo;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The L1 fee fields of an OP chain's receipts, derived the way op-geth's {@code
 * Receipts.DeriveFields} does: from the block's first transaction (the L1 attributes deposit), not
 * from state. Ecotone-format calldata gives {@code l1GasPrice} (the L1 base fee), {@code
 * l1BlobBaseFee}, {@code l1BaseFeeScalar} and {@code l1BlobBaseFeeScalar}; Bedrock-format calldata
 * (also in the first Ecotone block) gives {@code l1GasPrice} and {@code l1FeeScalar}, the scalar
 * divided by 1e6 printed as Go's {@code big.Float} prints it. {@code l1Fee} and {@code l1GasUsed}
 * come from the fork's cost function on the transaction's encoding. Deposits get none.
 */
public final class OpReceiptFields {
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  private OpReceiptFields() {}

  /**
   * One entry per transaction: the fields for a non-deposit on an OP chain, empty otherwise. Only
   * blocks with at least two transactions from Bedrock on carry them (op-geth needs an info
   * transaction and another); other non-deposits of an OP chain get the fields all absent.
   *
   * @throws IllegalArgumentException if the first transaction's calldata is not L1 attributes of
   *     the expected length
   */
  public static List<Optional<L1FeeInfo>> derive(
      ChainConfig config, long number, long timestamp, List<Transaction> txs) {
    List<Optional<L1FeeInfo>> out = new ArrayList<>(txs.size());
    if (!config.isOptimism()) {
      txs.forEach(tx -> out.add(Optional.empty()));
      return out;
    }
    Optional<Params> params = blockParams(config, number, timestamp, txs);
    for (Transaction tx : txs) {
      out.add(fields(params, tx));
    }
    return out;
  }

  /**
   * The fields of transaction {@code index} alone, as {@link #derive} gives them: a receipt lookup
   * costs one transaction's L1 cost (a FastLZ pass since Fjord), not its whole block's.
   *
   * @throws IllegalArgumentException as {@link #derive}
   */
  public static Optional<L1FeeInfo> derive(
      ChainConfig config, long number, long timestamp, List<Transaction> txs, int index) {
    if (!config.isOptimism()) {
      return Optional.empty();
    }
    return fields(blockParams(config, number, timestamp, txs), txs.get(index));
  }

  private static Optional<Params> blockParams(
      ChainConfig config, long number, long timestamp, List<Transaction> txs) {
    if (txs.size() >= 2 && config.isActive(OpFork.BEDROCK, number, timestamp)) {
      return Optional.of(params(config, number, timestamp, txs.get(0).data().array()));
    }
    return Optional.empty();
  }

  private static Optional<L1FeeInfo> fields(Optional<Params> params, Transaction tx) {
    if (tx.type() == TransactionType.DEPOSIT) {
      return Optional.empty();
    }
    return Optional.of(params.map(p -> p.fields(tx)).orElse(NONE));
  }

  private static final L1FeeInfo NONE =
      new L1FeeInfo(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());

  /** The block's parameters from the info transaction's calldata (op-geth extractL1GasParams). */
  private record Params(
      L1CostFunction cost,
      BigInteger l1BaseFee,
      Optional<BigInteger> l1BlobBaseFee,
      Optional<String> feeScalar,
      OptionalLong baseFeeScalar,
      OptionalLong blobBaseFeeScalar) {

    L1FeeInfo fields(Transaction tx) {
      RollupCostData data = RollupCostData.of(tx.encoded());
      return new L1FeeInfo(
          Optional.of(UInt256.valueOf(l1BaseFee)),
          Optional.of(UInt256.valueOf(cost.gasUsed(data))),
          Optional.of(cost.fee(data)),
          feeScalar,
          l1BlobBaseFee.map(UInt256::valueOf),
          baseFeeScalar,
          blobBaseFeeScalar,
          OptionalLong.empty(),
          OptionalLong.empty());
    }
  }

  private static Params params(ChainConfig config, long number, long timestamp, byte[] data) {
    boolean bedrockSelector =
        data.length >= 4
            && java.util.Arrays.equals(data, 0, 4, L1Attributes.BEDROCK_SELECTOR.array(), 0, 4);
    if (config.isActive(OpFork.ECOTONE, number, timestamp)
        && data.length >= 4
        && !bedrockSelector) {
      // op-geth reads the packed layout by position whatever the selector; so do we.
      if (data.length != L1Attributes.ECOTONE_LENGTH) {
        throw new IllegalArgumentException(
            "expected " + L1Attributes.ECOTONE_LENGTH + " L1 info bytes, got " + data.length);
      }
      BigInteger baseFee = new BigInteger(1, java.util.Arrays.copyOfRange(data, 36, 68));
      BigInteger blobBaseFee = new BigInteger(1, java.util.Arrays.copyOfRange(data, 68, 100));
      long baseFeeScalar = uint32(data, 4);
      long blobBaseFeeScalar = uint32(data, 8);
      L1CostFunction cost =
          config.isActive(OpFork.FJORD, number, timestamp)
              ? new L1CostFunction.Fjord(baseFee, blobBaseFee, baseFeeScalar, blobBaseFeeScalar)
              : new L1CostFunction.Ecotone(baseFee, blobBaseFee, baseFeeScalar, blobBaseFeeScalar);
      return new Params(
          cost,
          baseFee,
          Optional.of(blobBaseFee),
          Optional.empty(),
          OptionalLong.of(baseFeeScalar),
          OptionalLong.of(blobBaseFeeScalar));
    }
    if (data.length < L1Attributes.BEDROCK_LENGTH) {
      throw new IllegalArgumentException(
          "expected at least "
              + L1Attributes.BEDROCK_LENGTH
              + " L1 info bytes, got "
              + data.length);
    }
    BigInteger baseFee = word(data, 2);
    BigInteger overhead = word(data, 6);
    BigInteger scalar = word(data, 7);
    boolean regolith = config.isActive(OpFork.REGOLITH, number, timestamp);
    return new Params(
        new L1CostFunction.Bedrock(baseFee, overhead, scalar, regolith),
        baseFee,
        Optional.empty(),
        Optional.of(scaledScalar(scalar)),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  private static BigInteger word(byte[] data, int index) {
    int from = 4 + 32 * index;
    return new BigInteger(1, java.util.Arrays.copyOfRange(data, from, from + 32));
  }

  private static long uint32(byte[] b, int offset) {
    return ((b[offset] & 0xffL) << 24)
        | ((b[offset + 1] & 0xffL) << 16)
        | ((b[offset + 2] & 0xffL) << 8)
        | (b[offset + 3] & 0xffL);
  }

  /**
   * {@code scalar / 1e6} as op-geth prints {@code l1FeeScalar}: a Go {@code big.Float} quotient
   * (binary mantissa of max(64, bits of scalar) bits, rounded to nearest even), formatted by {@code
   * Float.String()}, i.e. {@code Text('g', 10)}: ten significant digits, trailing zeros dropped,
   * exponent form below 1e-4 and from 1e10.
   */
  static String scaledScalar(BigInteger scalar) {
    if (scalar.signum() == 0) {
      return "0";
    }
    int precision = Math.max(64, scalar.bitLength());
    // Find k with 2^(p-1) <= scalar * 2^k / 1e6 < 2^p, then round the quotient to p bits.
    int k = precision - scalar.bitLength() + MILLION.bitLength();
    BigInteger[] qr = shift(scalar, k).divideAndRemainder(MILLION);
    while (qr[0].bitLength() > precision) {
      k--;
      qr = shift(scalar, k).divideAndRemainder(MILLION);
    }
    while (qr[0].bitLength() < precision) {
      k++;
      qr = shift(scalar, k).divideAndRemainder(MILLION);
    }
    BigInteger mantissa = qr[0];
    int half = qr[1].shiftLeft(1).compareTo(MILLION);
    if (half > 0 || (half == 0 && mantissa.testBit(0))) {
      mantissa = mantissa.add(BigInteger.ONE);
    }
    // The binary value mantissa * 2^-k, exactly, then Go's decimal rounding to 10 digits.
    BigDecimal exact =
        k >= 0
            ? new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(k)), k)
            : new BigDecimal(mantissa.shiftLeft(-k));
    BigDecimal rounded = exact.round(new MathContext(10, RoundingMode.HALF_EVEN));
    return formatG(rounded.stripTrailingZeros(), 10);
  }

  private static BigInteger shift(BigInteger value, int k) {
    return k >= 0 ? value.shiftLeft(k) : value.shiftRight(-k);
  }

  /** Go's 'g' format of a positive decimal already rounded to {@code prec} digits. */
  private static String formatG(BigDecimal value, int prec) {
    String mant = value.unscaledValue().toString();
    int exp = mant.length() - value.scale(); // value = 0.mant * 10^exp
    int eprec = prec;
    if (eprec > mant.length() && mant.length() >= exp) {
      eprec = mant.length();
    }
    int x = exp - 1;
    StringBuilder out = new StringBuilder();
    if (x < -4 || x >= eprec) {
      int digits = Math.min(prec, mant.length()) - 1;
      out.append(mant.charAt(0));
      if (digits > 0) {
        out.append('.');
        for (int i = 1; i <= digits; i++) {
          out.append(i < mant.length() ? mant.charAt(i) : '0');
        }
      }
      out.append('e').append(x < 0 ? '-' : '+');
      int abs = Math.abs(x);
      if (abs < 10) {
        out.append('0');
      }
      return out.append(abs).toString();
    }
    int fraction = Math.max((prec > exp ? mant.length() : prec) - exp, 0);
    if (exp > 0) {
      for (int i = 0; i < exp; i++) {
        out.append(i < mant.length() ? mant.charAt(i) : '0');
      }
    } else {
      out.append('0');
    }
    if (fraction > 0) {
      out.append('.');
      for (int i = 0; i < fraction; i++) {
        int j = exp + i;
        out.append(j >= 0 && j < mant.length() ? mant.charAt(j) : '0');
      }
    }
    return out.toString();
  }
}
