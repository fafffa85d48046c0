package io.merapi.derive.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.EcotoneScalars;
import io.merapi.state.BlobGas;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.Predeploys;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's l1_block_info_test.go and deposit_source_test.go cases, restated: the deposit's
 * calldata reads back to the values it was built from, the form switches one block after Ecotone
 * activates, Regolith changes gas and the system flag; kona's blob fee cases.
 */
class L1InfoDepositTest {
  static final L1BlobFees CANCUN = L1BlobFees.fromHeaderFields();

  /** deposit_source_test.go: TestL1InfoDepositSource. */
  @Test
  void sourceHashIsTheSpecs() {
    Hash l1Hash =
        Hash.fromHex("0xc00e5d67c2755389aded7d8b151cbd5bcdf7ed275ad5e028b664880fc7581c77");
    assertThat(DepositSource.l1Info(l1Hash, 4))
        .isEqualTo(
            Hash.fromHex("0x0586c503340591999b8b38bc9834bb16aec7d5bc00eb5587ab139c9ddab81977"));
    Header header = Fakes.l1Header(10, Hash.ZERO, 100, false);
    DepositTransaction tx =
        L1InfoDeposit.deposit(
            Fakes.rollup(Map.of()), Fakes.sysConfig(), 4, header, l1Hash, 100, CANCUN);
    assertThat(tx.sourceHash()).isEqualTo(DepositSource.l1Info(l1Hash, 4));
  }

  record InfoCase(String name, long number, long time, long baseFee, long seq) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** TestParseL1InfoDepositTxData's cases (random values drawn once with a fixed seed). */
  static Stream<InfoCase> infoCases() {
    Random rng = new Random(1234);
    return Stream.of(
        new InfoCase(
            "random",
            rng.nextLong() >>> 1,
            rng.nextLong() >>> 1,
            1 + rng.nextInt(1 << 30),
            rng.nextLong()),
        new InfoCase("zero basefee", 123, 456, 0, 7),
        new InfoCase("zero time", 123, 0, 9, 7),
        new InfoCase("zero num", 0, 456, 9, 7),
        new InfoCase("zero seq", 123, 456, 9, 0),
        new InfoCase("all zero", 0, 0, 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("infoCases")
  void bedrockCalldataReadsBack(InfoCase c) {
    Header header =
        Header.builder()
            .number(c.number())
            .timestamp(c.time())
            .baseFeePerGas(Optional.of(UInt256.valueOf(c.baseFee())))
            .build();
    Hash l1Hash = Fakes.hash("l1 " + c.name());
    SystemConfig sys = randomSysConfig(new Random(c.name().hashCode()));
    DepositTransaction tx =
        L1InfoDeposit.deposit(Fakes.rollup(Map.of()), sys, c.seq(), header, l1Hash, 0, CANCUN);

    L1Attributes decoded = L1Attributes.decode(tx.data());
    assertThat(decoded).isInstanceOf(L1Attributes.Bedrock.class);
    L1Attributes.Bedrock b = (L1Attributes.Bedrock) decoded;
    assertThat(b.number()).isEqualTo(c.number());
    assertThat(b.timestamp()).isEqualTo(c.time());
    assertThat(b.baseFee()).isEqualTo(UInt256.valueOf(c.baseFee()));
    assertThat(b.hash()).isEqualTo(l1Hash);
    assertThat(b.sequenceNumber()).isEqualTo(c.seq());
    assertThat(Address.fromWord(b.batcherHash())).isEqualTo(sys.batcherAddr());
    assertThat(b.l1FeeOverhead()).isEqualTo(UInt256.fromHash(sys.overhead()));
    assertThat(b.l1FeeScalar()).isEqualTo(UInt256.fromHash(sys.scalar()));
    assertThat(tx.data().length()).isEqualTo(L1Attributes.BEDROCK_LENGTH);
    // Pre-Regolith: a system transaction with 150M gas, from the depositor to L1Block.
    assertThat(tx.isSystemTx()).isTrue();
    assertThat(tx.gasLimit()).isEqualTo(150_000_000);
    assertThat(tx.from()).isEqualTo(Predeploys.L1_ATTRIBUTES_DEPOSITOR);
    assertThat(tx.to()).contains(Predeploys.L1_BLOCK);
    assertThat(tx.mint().isZero()).isTrue();
    assertThat(tx.value().isZero()).isTrue();
  }

  static SystemConfig randomSysConfig(Random rng) {
    byte[] batcher = new byte[20];
    rng.nextBytes(batcher);
    return new SystemConfig(
        Address.wrap(batcher),
        Hash.ZERO,
        Hash.ZERO,
        1_234_567,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  record ForkCase(
      String name, Map<OpFork, Long> forks, long l2Time, boolean systemTx, long gas, int length) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The regolith / ecotone / activation-block / genesis-block cases (genesis L2 time 1000). */
  static Stream<ForkCase> forkCases() {
    return Stream.of(
        new ForkCase("regolith", Map.of(OpFork.REGOLITH, 0L), 0, false, 1_000_000, 260),
        new ForkCase("ecotone", Fakes.through(OpFork.ECOTONE, 0), 1_002, false, 1_000_000, 164),
        // The activation block still carries the Bedrock form: its upgrade deploys the reader.
        new ForkCase(
            "activation-block ecotone",
            withTime(Fakes.through(OpFork.DELTA, 0), OpFork.ECOTONE, 1_002),
            1_002,
            false,
            1_000_000,
            260),
        new ForkCase(
            "genesis-block ecotone",
            Fakes.through(OpFork.ECOTONE, 0),
            1_000,
            false,
            1_000_000,
            164),
        new ForkCase(
            "block after activation",
            withTime(Fakes.through(OpFork.DELTA, 0), OpFork.ECOTONE, 1_002),
            1_004,
            false,
            1_000_000,
            164),
        new ForkCase(
            "holocene keeps the Ecotone form",
            Fakes.through(OpFork.HOLOCENE, 0),
            1_002,
            false,
            1_000_000,
            164));
  }

  static Map<OpFork, Long> withTime(Map<OpFork, Long> forks, OpFork fork, long time) {
    Map<OpFork, Long> out = new java.util.HashMap<>(forks);
    out.put(fork, time);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forkCases")
  void formAndGasFollowTheForks(ForkCase c) {
    Header header = Fakes.l1Header(10, Hash.ZERO, 900, true);
    DepositTransaction tx =
        L1InfoDeposit.deposit(
            Fakes.rollup(c.forks()),
            Fakes.sysConfig(),
            3,
            header,
            header.hash(),
            c.l2Time(),
            CANCUN);
    assertThat(tx.isSystemTx()).isEqualTo(c.systemTx());
    assertThat(tx.gasLimit()).isEqualTo(c.gas());
    assertThat(tx.data().length()).isEqualTo(c.length());
  }

  @Test
  void ecotoneFormCarriesTheScalarsAndTheBlobBaseFee() {
    Header header = Fakes.l1Header(10, Hash.ZERO, 900, true);
    SystemConfig sys =
        new SystemConfig(
            Address.fromHex("0x6887246668a3b87f54deb3b94ba47a6f63f32985"),
            Hash.ZERO,
            new EcotoneScalars(0x558, 0xc5fc5).encode(),
            30_000_000,
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
    L1Attributes attrs =
        L1InfoDeposit.attributes(
            Fakes.rollup(Fakes.through(OpFork.ECOTONE, 0)),
            sys,
            5,
            header,
            header.hash(),
            1_002,
            CANCUN);

    assertThat(attrs)
        .isEqualTo(
            new L1Attributes.Ecotone(
                0x558,
                0xc5fc5,
                5,
                900,
                10,
                header.baseFeePerGas().orElseThrow(),
                BlobGas.baseFee(0x5080000),
                header.hash(),
                Hash.leftPad(sys.batcherAddr().toArray())));
  }

  @Test
  void anInvalidScalarCannotMakeAnEcotoneDeposit() {
    Header header = Fakes.l1Header(10, Hash.ZERO, 900, true);
    SystemConfig sys = withScalar(Fakes.sysConfig(), Hash.fromHex("0x02" + "00".repeat(31)));
    assertThatThrownBy(
            () ->
                L1InfoDeposit.attributes(
                    Fakes.rollup(Fakes.through(OpFork.ECOTONE, 0)),
                    sys,
                    0,
                    header,
                    header.hash(),
                    1_002,
                    CANCUN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scalar");
    // Before Ecotone the same word is a plain number.
    assertThat(
            L1InfoDeposit.attributes(
                Fakes.rollup(Map.of()), sys, 0, header, header.hash(), 1_002, CANCUN))
        .isInstanceOf(L1Attributes.Bedrock.class);
  }

  @Test
  void aPreLondonL1HeaderHasNoBaseFee() {
    Header header = Header.builder().number(1).timestamp(1).build();
    assertThatThrownBy(
            () ->
                L1InfoDeposit.attributes(
                    Fakes.rollup(Map.of()), Fakes.sysConfig(), 0, header, Hash.ZERO, 2, CANCUN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no base fee");
  }

  record BlobCase(
      String name, Header header, OptionalLong pectraBlobSchedule, L1BlobFees fees, long expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Header blobHeader(long time, long excess, boolean prague) {
    Header.Builder b =
        Header.builder()
            .number(7)
            .timestamp(time)
            .baseFeePerGas(Optional.of(UInt256.ONE))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .blobGasUsed(OptionalLong.of(0x100000))
            .excessBlobGas(OptionalLong.of(excess))
            .parentBeaconBlockRoot(Optional.of(Hash.ZERO));
    if (prague) {
      b.requestsHash(Optional.of(Hash.ZERO));
    }
    return b.build();
  }

  /** Values of fake_exponential(1, excess, fraction) computed independently. */
  static Stream<BlobCase> blobCases() {
    ChainConfig l1 =
        ChainConfig.mergedAtGenesis(
            11155111, Map.of(Fork.SHANGHAI, 0L, Fork.CANCUN, 0L, Fork.PRAGUE, 2L));
    return Stream.of(
        new BlobCase(
            "pre-Cancun L1: minimum",
            Fakes.l1Header(7, Hash.ZERO, 1, false),
            OptionalLong.empty(),
            CANCUN,
            1),
        new BlobCase("zero excess", blobHeader(1, 0, false), OptionalLong.empty(), CANCUN, 1),
        new BlobCase(
            "Cancun",
            blobHeader(1, 0x5080000, false),
            OptionalLong.empty(),
            CANCUN,
            95_662_720_442L),
        new BlobCase(
            "Prague by header",
            blobHeader(2, 0x5080000, true),
            OptionalLong.empty(),
            CANCUN,
            20_916_760),
        // kona test_try_new_ecotone_with_optional_prague_fee_fork: Prague on L1 at 2, the fix at 2.
        new BlobCase(
            "L1 config, before Prague",
            blobHeader(1, 0x5080000, true),
            OptionalLong.of(2),
            L1BlobFees.of(l1),
            95_662_720_442L),
        new BlobCase(
            "L1 config, Prague",
            blobHeader(2, 0x5080000, true),
            OptionalLong.of(2),
            L1BlobFees.of(l1),
            20_916_760),
        new BlobCase(
            "L1 config, Prague, no fix",
            blobHeader(2, 0x5080000, true),
            OptionalLong.empty(),
            L1BlobFees.of(l1),
            20_916_760),
        // The Pectra blob schedule fork keeps Cancun's fraction for older L1 origins.
        new BlobCase(
            "Prague header before the fix time",
            blobHeader(2, 0x5080000, true),
            OptionalLong.of(3),
            CANCUN,
            95_662_720_442L),
        new BlobCase(
            "large excess, Prague",
            blobHeader(2, 100_000_000, true),
            OptionalLong.empty(),
            CANCUN,
            470_442_149));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blobCases")
  void blobBaseFee(BlobCase c) {
    RollupConfig rollup = Fakes.rollup(Map.of(), c.pectraBlobSchedule());
    assertThat(c.fees().blobBaseFee(rollup, c.header())).isEqualTo(UInt256.valueOf(c.expected()));
  }

  @Test
  void cancunBlobFeeAgreesWithTheExecutionLayer() {
    RollupConfig rollup = Fakes.rollup(Map.of());
    for (long excess = 0; excess < 50_000_000; excess += 393_216 * 7 + 12_345) {
      assertThat(CANCUN.blobBaseFee(rollup, blobHeader(1, excess, false)))
          .isEqualTo(BlobGas.baseFee(excess));
    }
    assertThat(BlobSchedule.CANCUN.baseFeeUpdateFraction())
        .isEqualTo(BlobGas.BLOB_BASE_FEE_UPDATE_FRACTION);
  }

  static SystemConfig withScalar(SystemConfig c, Hash scalar) {
    return new SystemConfig(
        c.batcherAddr(),
        c.overhead(),
        scalar,
        c.gasLimit(),
        c.eip1559Params(),
        c.operatorFeeParams(),
        c.minBaseFee(),
        c.daFootprintGasScalar());
  }

  @Test
  void scalarWithBadVersion0PaddingGivesMaxBaseFeeScalar() {
    Header header = Fakes.l1Header(10, Hash.ZERO, 900, true);
    SystemConfig sys =
        withScalar(
            Fakes.sysConfig(),
            Hash.fromHex("0x0000000000000000000000000000000000000000000000000000000100000005"));
    L1Attributes.Ecotone attrs =
        (L1Attributes.Ecotone)
            L1InfoDeposit.attributes(
                Fakes.rollup(Fakes.through(OpFork.ECOTONE, 0)),
                sys,
                0,
                header,
                header.hash(),
                1_002,
                CANCUN);
    assertThat(attrs.baseFeeScalar()).isEqualTo(0xffff_ffffL);
    assertThat(attrs.blobBaseFeeScalar()).isZero();
  }
}
