package io.merapi.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractArtifact.StorageSlot;
import io.merapi.contracts.structs.ResourceConfig;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * The deposit gas market (specs guaranteed-gas-market.md), through OptimismPortal2's deposits: the
 * base fee after each block follows the spec's pseudocode (computed here in Java), purchases beyond
 * the limit fail with OutOfGas, and the price is paid in burnt L1 gas.
 */
class ResourceMeteringTest {
  private static final long GWEI = 1_000_000_000L;

  private final Address alice = TestChain.address("alice");

  /** The market's state as params() returns it. */
  record Params(BigInteger prevBaseFee, long prevBoughtGas, long prevBlockNum) {}

  private static Params params(L1Fixture f) {
    OptimismPortal2.ParamsResult p = f.call(f.portal2, OptimismPortal2.params());
    return new Params(p.prevBaseFee().toBigInteger(), p.prevBoughtGas(), p.prevBlockNum());
  }

  /** A deposit buying `gasLimit` L2 gas, in a transaction with room for the L1 gas it burns. */
  private static Outcome deposit(L1Fixture f, Address from, long gasLimit) {
    return f.chain.send(
        from,
        java.util.Optional.of(f.portal2),
        UInt256.ZERO,
        OptimismPortal2.depositTransaction(from, UInt256.ZERO, gasLimit, false, Bytes.EMPTY).data(),
        29_000_000);
  }

  /** One block of the spec's pseudocode: the base fee after a block that bought `boughtGas`. */
  static BigInteger nextBaseFee(ResourceConfig c, BigInteger prevBaseFee, long boughtGas) {
    long target = c.maxResourceLimit() / c.elasticityMultiplier();
    BigInteger delta =
        prevBaseFee
            .multiply(BigInteger.valueOf(boughtGas - target))
            .divide(BigInteger.valueOf(target))
            .divide(BigInteger.valueOf(c.baseFeeMaxChangeDenominator()));
    return clamp(c, prevBaseFee.add(delta));
  }

  static BigInteger clamp(ResourceConfig c, BigInteger v) {
    BigInteger min = BigInteger.valueOf(c.minimumBaseFee());
    BigInteger max = c.maximumBaseFee().toBigInteger();
    return v.max(min).min(max);
  }

  @Test
  void theMarketStartsAt1GweiInTheInitializationBlockAndSitsInSlot1() {
    L1Fixture f = new L1Fixture();
    Params p = params(f);
    assertThat(p.prevBaseFee()).isEqualTo(BigInteger.valueOf(GWEI));
    assertThat(p.prevBoughtGas()).isZero();
    assertThat(p.prevBlockNum()).isBetween(1L, f.chain.number() - 1);

    // ResourceParams packed in slot 1: prevBaseFee (bytes 0-15), prevBoughtGas (16-23),
    // prevBlockNum (24-31), low-order first, as the OP Stack's portal has it.
    StorageSlot slot = OptimismPortal2.ARTIFACT.slot("params").orElseThrow();
    assertThat(slot.slot()).isEqualTo(1);
    deposit(f, alice, 123_456).requireSuccess();
    UInt256 raw = f.chain.storage(f.portal2, UInt256.ONE);
    BigInteger word = raw.toBigInteger();
    Params after = params(f);
    assertThat(word.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)))
        .isEqualTo(after.prevBaseFee());
    assertThat(word.shiftRight(128).longValue() & 0xffff_ffff_ffff_ffffL).isEqualTo(123_456L);
    assertThat(word.shiftRight(192).longValueExact()).isEqualTo(f.chain.number());
  }

  @Test
  void purchasesInOneBlockAddUpAndTheNextBlockMovesTheBaseFeeAsTheSpecSays() {
    L1Fixture f = new L1Fixture();
    ResourceConfig c = L1Fixture.DEFAULT_RESOURCE_CONFIG;
    BigInteger baseFee = params(f).prevBaseFee();

    // Block A buys 9M (target 2M): the fee rises in block B.
    f.chain.mine();
    baseFee = nextBaseFee(c, baseFee, 0); // the initialization block bought nothing
    deposit(f, alice, 4_000_000).requireSuccess();
    deposit(f, alice, 5_000_000).requireSuccess();
    assertThat(params(f)).isEqualTo(new Params(baseFee, 9_000_000, f.chain.number()));

    f.chain.mine();
    deposit(f, alice, 100_000).requireSuccess();
    baseFee = nextBaseFee(c, baseFee, 9_000_000);
    assertThat(params(f).prevBaseFee()).isEqualTo(baseFee).isGreaterThan(BigInteger.valueOf(GWEI));

    // Block B bought 100k, under the target: the fee falls in block C.
    f.chain.mine();
    deposit(f, alice, 2_000_000).requireSuccess();
    baseFee = nextBaseFee(c, baseFee, 100_000);
    assertThat(params(f).prevBaseFee()).isEqualTo(baseFee);

    // Exactly the target: unchanged.
    f.chain.mine();
    deposit(f, alice, 100_000).requireSuccess();
    assertThat(params(f).prevBaseFee()).isEqualTo(baseFee);
  }

  @Test
  void emptyBlocksDecayTheFeeByOneEighthEach() {
    // A small market (2M per block, target 200k), so that the burns of a rising fee stay within
    // a block's gas.
    ResourceConfig c = new ResourceConfig(2_000_000, 10, 8, GWEI, 1_000_000, L1Fixture.UINT128_MAX);
    L1Fixture f = new L1Fixture(c);
    // Drive the fee up: three blocks buying the whole limit.
    BigInteger baseFee = params(f).prevBaseFee();
    long lastBought = 0;
    for (int i = 0; i < 3; i++) {
      f.chain.mine();
      baseFee = nextBaseFee(c, baseFee, lastBought);
      deposit(f, alice, 1_000_000).requireSuccess();
      deposit(f, alice, 1_000_000).requireSuccess();
      lastBought = 2_000_000;
    }
    assertThat(params(f).prevBaseFee()).isEqualTo(baseFee);

    // Then 6 blocks without deposits: one step for the full block, then (7/8)^5 for the empty
    // ones (the spec's pow; the contract's exp/ln is within its wad precision of it).
    f.chain.mine(6);
    deposit(f, alice, 100_000).requireSuccess();
    BigInteger afterFull = nextBaseFee(c, baseFee, lastBought);
    BigDecimal exact =
        new BigDecimal(afterFull).multiply(new BigDecimal("0.875").pow(5), MathContext.DECIMAL128);
    BigInteger got = params(f).prevBaseFee();
    BigDecimal tolerance =
        new BigDecimal(afterFull).multiply(new BigDecimal("1e-15")).add(BigDecimal.TEN);
    assertThat(new BigDecimal(got).subtract(exact).abs()).isLessThanOrEqualTo(tolerance);

    // Many empty blocks: clamped to the minimum, never below.
    f.chain.mine(500);
    deposit(f, alice, 100_000).requireSuccess();
    assertThat(params(f).prevBaseFee()).isEqualTo(BigInteger.valueOf(c.minimumBaseFee()));
  }

  @Test
  void theBaseFeeIsClampedToTheMaximum() {
    ResourceConfig capped =
        new ResourceConfig(20_000_000, 10, 8, GWEI, 1_000_000, UInt256.valueOf(2 * GWEI));
    L1Fixture f = new L1Fixture(capped);
    f.chain.mine();
    deposit(f, alice, 10_000_000).requireSuccess();
    deposit(f, alice, 10_000_000).requireSuccess();
    f.chain.mine();
    deposit(f, alice, 100_000).requireSuccess();
    // Unclamped: 1 gwei * (1 + 18M / 16M) = 2.125 gwei.
    assertThat(nextBaseFee(L1Fixture.DEFAULT_RESOURCE_CONFIG, BigInteger.valueOf(GWEI), 20_000_000))
        .isEqualTo(BigInteger.valueOf(2_125_000_000L));
    assertThat(params(f).prevBaseFee()).isEqualTo(BigInteger.valueOf(2 * GWEI));
  }

  @Test
  void noBlockBuysMoreThanTheLimit() {
    L1Fixture f = new L1Fixture();
    f.chain.mine();
    deposit(f, alice, 10_000_000).requireSuccess();
    deposit(f, alice, 10_000_000).requireSuccess();
    Outcome over = deposit(f, alice, 21_000);
    assertThat(OptimismPortal2.Errors.OutOfGas.from(over.revertData())).isPresent();
    // A later block has the whole limit again (once the fee has fallen back to 1 gwei, so that
    // its burn fits a block), but not more.
    f.chain.mine(100);
    deposit(f, alice, 20_000_000).requireSuccess();
    f.chain.mine();
    assertThat(OptimismPortal2.Errors.OutOfGas.from(deposit(f, alice, 20_000_001).revertData()))
        .isPresent();
  }

  @Test
  void theL2GasIsPaidByBurningL1Gas() {
    L1Fixture f = new L1Fixture();
    f.chain.mine();
    // At 1 gwei and an L1 base fee under 1 gwei, each L2 gas costs one L1 gas: a large purchase
    // burns about its size, whatever the call itself used (the stipend).
    Outcome small = deposit(f, alice, 21_000);
    Outcome large = deposit(f, alice, 5_000_000);
    assertThat(large.gasUsed()).isBetween(5_000_000L, 5_000_000L + 60_000);
    assertThat(small.gasUsed()).isLessThan(120_000);

    // A pricier market burns proportionally more: prevBaseFee 50 gwei in this block.
    f.chain.mine();
    UInt256 packed =
        UInt256.valueOf(f.chain.number())
            .multiply(UInt256.fromLimbs(1, 0, 0, 0))
            .add(UInt256.valueOf(50 * GWEI));
    f.chain.setStorage(f.portal2, UInt256.ONE, packed);
    assertThat(params(f).prevBaseFee()).isEqualTo(BigInteger.valueOf(50 * GWEI));
    Outcome pricey = deposit(f, alice, 100_000);
    assertThat(pricey.gasUsed()).isBetween(5_000_000L, 5_000_000L + 60_000);
  }
}
