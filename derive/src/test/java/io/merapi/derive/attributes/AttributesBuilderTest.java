package io.merapi.derive.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2.Events.TransactionDeposited;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.SystemConfigUpdates;
import io.merapi.state.op.Eip1559Params;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.Predeploys;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.TransactionDecoder;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's TestPreparePayloadAttributes (attributes_test.go), restated, and the rest of the
 * builder's rules: each error with its level, deposit order and log indices, system config updates
 * of the epoch, upgrade transactions, the fork-dependent fields.
 */
class AttributesBuilderTest {
  final Fakes.L1 l1 = new Fakes.L1();
  final Fakes.L2 l2 = new Fakes.L2();

  // The parent's L1 origin (number 10) and its child (11), a non-canonical sibling of the child.
  final Header origin = Fakes.l1Header(10, Fakes.hash("l1 9"), 900, true);
  final Hash originHash = l1.add(origin);
  final Header next = Fakes.l1Header(11, originHash, 912, true);
  final Header sibling = Fakes.l1Header(11, Fakes.hash("elsewhere"), 912, true);

  final L2BlockRef parent =
      new L2BlockRef(
          Fakes.hash("l2 parent"),
          500,
          Fakes.hash("l2 grandparent"),
          1_000,
          new BlockId(originHash, 10),
          3);

  AttributesBuilderTest() {
    l2.configs.put(parent.hash(), Fakes.sysConfig());
  }

  AttributesBuilder builder(RollupConfig rollup) {
    return new AttributesBuilder(rollup, l1, l2);
  }

  AttributesBuilder bedrock() {
    return builder(Fakes.rollup(Map.of()));
  }

  static BlockId id(Header h) {
    return new BlockId(h.hash(), h.number());
  }

  Bytes expectedL1Info(RollupConfig rollup, SystemConfig sys, long seq, Header h, long l2Time) {
    return Fakes.bytes(
        L1InfoDeposit.deposit(
            rollup, sys, seq, h, h.hash(), l2Time, L1BlobFees.fromHeaderFields()));
  }

  // ---- op-node's table ----------------------------------------------------------------------

  @Test
  void inconsistentNextHeightOriginIsAReset() {
    l1.add(sibling);
    assertThatThrownBy(() -> bedrock().prepare(parent, id(sibling)))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("on top of L1 origin");
  }

  @Test
  void inconsistentEqualHeightOriginIsAResetWithoutAskingL1() {
    Header other = Fakes.l1Header(10, Fakes.hash("l1 9"), 901, true);
    assertThatThrownBy(() -> bedrock().prepare(parent, id(other)))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("in conflict with L1 origin");
    assertThat(l1.calls).isEmpty();
  }

  @Test
  void failingReceiptsAreTemporary() {
    l1.add(next);
    l1.failReceipts = true;
    assertThatThrownBy(() -> bedrock().prepare(parent, id(next)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("failed to fetch L1 receipts")
        .hasMessageContaining("mock rpc error")
        .hasCauseInstanceOf(DerivationException.Temporary.class);
  }

  @Test
  void failingHeaderOfTheNextOriginIsTemporary() {
    l1.add(next);
    l1.failHeaders = true;
    assertThatThrownBy(() -> bedrock().prepare(parent, id(next)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("failed to fetch L1 block info");
  }

  @Test
  void failingInfoOfTheSameOriginIsTemporary() {
    l1.failHeaders = true;
    assertThatThrownBy(() -> bedrock().prepare(parent, id(origin)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("mock rpc error");
  }

  @Test
  void failingL2SystemConfigIsTemporary() {
    l2.fail = true;
    assertThatThrownBy(() -> bedrock().prepare(parent, id(origin)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("system config of L2 block");
  }

  @Test
  void nextOriginWithoutDeposits() {
    l1.add(next);
    RollupConfig rollup = Fakes.rollup(Map.of());
    PayloadAttributes attrs = builder(rollup).prepare(parent, id(next));

    assertThat(attrs.timestamp()).isEqualTo(1_002);
    assertThat(attrs.prevRandao()).isEqualTo(next.mixHash());
    assertThat(attrs.suggestedFeeRecipient()).isEqualTo(Predeploys.SEQUENCER_FEE_VAULT);
    assertThat(attrs.transactions())
        .containsExactly(expectedL1Info(rollup, Fakes.sysConfig(), 0, next, 1_002));
    assertThat(attrs.noTxPool()).isTrue();
    assertThat(attrs.gasLimit()).isEqualTo(OptionalLong.of(30_000_000));
    // Pre-Canyon, pre-Ecotone, pre-Holocene: none of the later fields.
    assertThat(attrs.withdrawals()).isEmpty();
    assertThat(attrs.parentBeaconBlockRoot()).isEmpty();
    assertThat(attrs.eip1559Params()).isEmpty();
    assertThat(attrs.minBaseFee()).isEmpty();
  }

  @Test
  void nextOriginWithDeposits() {
    // op-node's makeReceipts: [good: deposit, other], [good: deposit], [failed: deposit],
    // [failed: other]; a log's index counts all the block's logs.
    Log d0 = depositLog(Fakes.DEPOSIT_CONTRACT, 1);
    Log other = new Log(Fakes.DEPOSIT_CONTRACT, List.of(Fakes.hash("other event")), Bytes.EMPTY);
    Log d2 = depositLog(Fakes.DEPOSIT_CONTRACT, 2);
    Log failed = depositLog(Fakes.DEPOSIT_CONTRACT, 3);
    l1.add(
        next,
        receipt(true, d0, other),
        receipt(true, d2),
        receipt(false, failed),
        receipt(false, other));
    RollupConfig rollup = Fakes.rollup(Map.of());

    PayloadAttributes attrs = builder(rollup).prepare(parent, id(next));

    assertThat(attrs.transactions())
        .containsExactly(
            expectedL1Info(rollup, Fakes.sysConfig(), 0, next, 1_002),
            Fakes.bytes(expectedDeposit(next.hash(), 0, 1)),
            Fakes.bytes(expectedDeposit(next.hash(), 2, 2)));
    assertThat(attrs.noTxPool()).isTrue();
  }

  @Test
  void sameOriginAgain() {
    RollupConfig rollup = Fakes.rollup(Map.of());
    PayloadAttributes attrs = builder(rollup).prepare(parent, id(origin));

    assertThat(attrs.timestamp()).isEqualTo(1_002);
    assertThat(attrs.prevRandao()).isEqualTo(origin.mixHash());
    assertThat(attrs.transactions())
        .containsExactly(expectedL1Info(rollup, Fakes.sysConfig(), 4, origin, 1_002));
    assertThat(l1.calls).containsExactly("headerByHash " + originHash);
  }

  @Test
  void holoceneEip1559ParamsComeFromTheSystemConfig() {
    SystemConfig sys = withEip1559(Fakes.sysConfig(), "0x0102030405060708");
    l2.configs.put(parent.hash(), sys);
    l1.add(next);
    RollupConfig rollup = Fakes.rollup(Fakes.through(OpFork.HOLOCENE, 0));

    PayloadAttributes attrs = builder(rollup).prepare(parent, id(next));

    assertThat(attrs.eip1559Params()).contains(Bytes.fromHex("0x0102030405060708"));
    assertThat(Eip1559Params.fromAttributes(attrs.eip1559Params().orElseThrow()).denominator())
        .isEqualTo(0x01020304);
    assertThat(attrs.transactions().get(0)).isEqualTo(expectedL1Info(rollup, sys, 0, next, 1_002));
  }

  record RegolithCase(
      String name, long l1Time, long l2ParentTime, long regolithTime, boolean regolith) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<RegolithCase> regolithCases() {
    return Stream.of(
        new RegolithCase("exactly", 900, 1000 - 2, 1000, true),
        new RegolithCase("almost", 900, 1000 - 2 - 1, 1000, false),
        new RegolithCase("inactive", 700, 700, 1000, false),
        new RegolithCase("l1 time before regolith", 1000, 1001, 1001, true),
        new RegolithCase("l1 time way before regolith", 1000, 2000, 2000, true),
        new RegolithCase("l1 time before regolith and l2 after", 1000, 3000, 2000, true));
  }

  /** Regolith follows the L2 block's time, not the L1 origin's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("regolithCases")
  void regolithDepositFormat(RegolithCase c) {
    Header l1Block = Fakes.l1Header(11, originHash, c.l1Time(), false);
    l1.add(l1Block);
    L2BlockRef p =
        new L2BlockRef(
            parent.hash(), 500, parent.parentHash(), c.l2ParentTime(), parent.l1Origin(), 3);
    RollupConfig rollup = Fakes.rollup(Map.of(OpFork.REGOLITH, c.regolithTime()));

    PayloadAttributes attrs = builder(rollup).prepare(p, id(l1Block));

    long time = c.regolith() ? c.regolithTime() : c.regolithTime() - 1;
    assertThat(attrs.transactions().get(0))
        .isEqualTo(expectedL1Info(rollup, Fakes.sysConfig(), 0, l1Block, time));
    DepositTransaction info = decodeDeposit(attrs.transactions().get(0));
    assertThat(info.isSystemTx()).isEqualTo(!c.regolith());
    assertThat(info.gasLimit()).isEqualTo(c.regolith() ? 1_000_000 : 150_000_000);
  }

  // ---- beyond op-node's table ---------------------------------------------------------------

  @Test
  void anL1OriginAheadOfTheBlockIsAReset() {
    Header late = Fakes.l1Header(11, originHash, 1_003, true);
    l1.add(late);
    assertThatThrownBy(() -> bedrock().prepare(parent, id(late)))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("for time 1002 before L1 origin");
    // At the same time as the block it is fine.
    Header onTime = Fakes.l1Header(11, originHash, 1_002, true);
    l1.add(onTime);
    assertThat(bedrock().prepare(parent, id(onTime)).timestamp()).isEqualTo(1_002);
  }

  @Test
  void aDepositThatDoesNotDecodeIsCritical() {
    Log bad =
        new Log(
            Fakes.DEPOSIT_CONTRACT,
            TransactionDeposited.EVENT.encodeTopics(
                List.of(Address.ZERO, Address.ZERO, UInt256.ONE, Bytes.EMPTY)),
            Bytes.wrap(
                TransactionDeposited.EVENT.encodeData(
                    List.of(Address.ZERO, Address.ZERO, UInt256.ONE, Bytes.EMPTY))));
    l1.add(next, receipt(true, depositLog(Fakes.DEPOSIT_CONTRACT, 1), bad));
    assertThatThrownBy(() -> bedrock().prepare(parent, id(next)))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("receipt 0, log 1")
        .rootCause()
        .hasMessageContaining("unknown deposit version");
  }

  @Test
  void depositsOfOtherContractsAndLogsOfOtherEventsAreNotDeposits() {
    Address elsewhere = Address.fromHex("0xbb00000000000000000000000000000000000001");
    Log notPortal = depositLog(elsewhere, 1);
    Log portalOtherEvent = new Log(Fakes.DEPOSIT_CONTRACT, List.of(), Bytes.EMPTY);
    Log real = depositLog(Fakes.DEPOSIT_CONTRACT, 7);
    l1.add(next, receipt(true, notPortal, portalOtherEvent), receipt(true, real));

    PayloadAttributes attrs = bedrock().prepare(parent, id(next));

    assertThat(attrs.transactions()).hasSize(2);
    assertThat(decodeDeposit(attrs.transactions().get(1)))
        .isEqualTo(expectedDeposit(next.hash(), 2, 7));
  }

  @Test
  void theEpochsSystemConfigUpdatesApplyToItsFirstBlock() {
    Address newBatcher = Address.fromHex("0x00000000000000000000000000000000000b47c4");
    l1.add(
        next,
        receipt(
            true,
            configUpdate(
                SystemConfigUpdates.UpdateType.GAS_LIMIT, word(UInt256.valueOf(45_000_000))),
            configUpdate(
                SystemConfigUpdates.UpdateType.BATCHER,
                word(UInt256.fromHash(Hash.leftPad(newBatcher.toArray()))))));
    RollupConfig rollup = Fakes.rollup(Map.of());

    PayloadAttributes attrs = builder(rollup).prepare(parent, id(next));

    assertThat(attrs.gasLimit()).isEqualTo(OptionalLong.of(45_000_000));
    L1Attributes info = L1Attributes.decode(decodeDeposit(attrs.transactions().get(0)).data());
    assertThat(Address.fromWord(info.batcherHash())).isEqualTo(newBatcher);
    // Within an epoch the L2 chain's own config holds; the L1 block is not read again.
    PayloadAttributes same = builder(rollup).prepare(parent, id(origin));
    assertThat(same.gasLimit()).isEqualTo(OptionalLong.of(30_000_000));
  }

  @Test
  void ecotoneActivationBlock() {
    Log deposit = depositLog(Fakes.DEPOSIT_CONTRACT, 1);
    l1.add(next, receipt(true, deposit));
    RollupConfig rollup =
        Fakes.rollup(withTime(Fakes.through(OpFork.DELTA, 0), OpFork.ECOTONE, 1_002));

    PayloadAttributes attrs = builder(rollup).prepare(parent, id(next));

    List<Bytes> expected = new ArrayList<>();
    expected.add(expectedL1Info(rollup, Fakes.sysConfig(), 0, next, 1_002));
    expected.add(Fakes.bytes(expectedDeposit(next.hash(), 0, 1)));
    NetworkUpgrades.ecotone().forEach(tx -> expected.add(Fakes.bytes(tx)));
    assertThat(attrs.transactions()).containsExactlyElementsOf(expected);
    // The activation block still uses the Bedrock L1 info form.
    assertThat(L1Attributes.decode(decodeDeposit(attrs.transactions().get(0)).data()))
        .isInstanceOf(L1Attributes.Bedrock.class);
    assertThat(attrs.withdrawals()).contains(List.of());
    assertThat(attrs.parentBeaconBlockRoot()).isEqualTo(next.parentBeaconBlockRoot());

    // The next block: Ecotone's form, no upgrade transactions.
    L2BlockRef after =
        new L2BlockRef(Fakes.hash("l2 after"), 501, parent.hash(), 1_002, id(next), 0);
    l2.configs.put(after.hash(), Fakes.sysConfig());
    PayloadAttributes second = builder(rollup).prepare(after, id(next));
    assertThat(second.transactions()).hasSize(1);
    assertThat(L1Attributes.decode(decodeDeposit(second.transactions().get(0)).data()))
        .isInstanceOf(L1Attributes.Ecotone.class);
  }

  @Test
  void fjordActivationBlockAndBothTogether() {
    l1.add(next);
    RollupConfig fjord =
        Fakes.rollup(withTime(Fakes.through(OpFork.ECOTONE, 0), OpFork.FJORD, 1_002));
    List<Bytes> fjordTxs = NetworkUpgrades.fjord().stream().map(Fakes::bytes).toList();
    assertThat(builder(fjord).prepare(parent, id(next)).transactions())
        .hasSize(4)
        .endsWith(fjordTxs.toArray(Bytes[]::new));

    Map<OpFork, Long> together = withTime(Fakes.through(OpFork.DELTA, 0), OpFork.ECOTONE, 1_002);
    together.put(OpFork.FJORD, 1_002L);
    List<Bytes> txs = builder(Fakes.rollup(together)).prepare(parent, id(next)).transactions();
    assertThat(txs).hasSize(10);
    assertThat(txs.subList(1, 7))
        .containsExactlyElementsOf(NetworkUpgrades.ecotone().stream().map(Fakes::bytes).toList());
    assertThat(txs.subList(7, 10)).containsExactlyElementsOf(fjordTxs);
  }

  @Test
  void ecotoneWithoutAnL1BeaconRootUsesTheZeroHash() {
    Header preCancun = Fakes.l1Header(11, originHash, 912, false);
    l1.add(preCancun);
    PayloadAttributes attrs =
        builder(Fakes.rollup(Fakes.through(OpFork.ECOTONE, 0))).prepare(parent, id(preCancun));
    assertThat(attrs.parentBeaconBlockRoot()).contains(Hash.ZERO);
    // The Ecotone L1 info form with the minimum blob base fee.
    L1Attributes.Ecotone info =
        (L1Attributes.Ecotone)
            L1Attributes.decode(decodeDeposit(attrs.transactions().get(0)).data());
    assertThat(info.blobBaseFee()).isEqualTo(UInt256.ONE);
  }

  record Eip1559Case(
      String name, long holoceneTime, Optional<String> sysParams, Optional<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Eip1559Case> eip1559Cases() {
    return Stream.of(
        new Eip1559Case(
            "before Holocene", 2_000, Optional.of("0x0000000a00000002"), Optional.empty()),
        // holocene/derivation.md: the activation block sends zeros, whatever the config says.
        new Eip1559Case(
            "activation block",
            1_002,
            Optional.of("0x0000000a00000002"),
            Optional.of("0x0000000000000000")),
        new Eip1559Case(
            "after activation",
            1_000,
            Optional.of("0x0000000a00000002"),
            Optional.of("0x0000000a00000002")),
        new Eip1559Case(
            "after activation, never set",
            1_000,
            Optional.empty(),
            Optional.of("0x0000000000000000")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eip1559Cases")
  void holoceneEip1559Params(Eip1559Case c) {
    SystemConfig sys =
        c.sysParams().map(p -> withEip1559(Fakes.sysConfig(), p)).orElse(Fakes.sysConfig());
    l2.configs.put(parent.hash(), sys);
    RollupConfig rollup =
        Fakes.rollup(withTime(Fakes.through(OpFork.GRANITE, 0), OpFork.HOLOCENE, c.holoceneTime()));
    PayloadAttributes attrs = builder(rollup).prepare(parent, id(origin));
    assertThat(attrs.eip1559Params()).isEqualTo(c.expected().map(Bytes::fromHex));
  }

  @Test
  void forksAfterHoloceneAreNotSupported() {
    RollupConfig rollup = Fakes.rollup(Fakes.through(OpFork.ISTHMUS, 0));
    assertThatThrownBy(() -> builder(rollup).prepare(parent, id(origin)))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("Isthmus is active");
  }

  @Test
  void anL1InfoDepositThatCannotBeBuiltIsCritical() {
    l2.configs.put(
        parent.hash(), withScalar(Fakes.sysConfig(), Hash.fromHex("0x07" + "00".repeat(31))));
    RollupConfig rollup = Fakes.rollup(Fakes.through(OpFork.ECOTONE, 0));
    assertThatThrownBy(() -> builder(rollup).prepare(parent, id(origin)))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("L1 info deposit");
  }

  @Test
  void theL1InfoDepositNamesTheEpochAndSequenceNumber() {
    l1.add(next);
    PayloadAttributes first = bedrock().prepare(parent, id(next));
    assertThat(decodeDeposit(first.transactions().get(0)).sourceHash())
        .isEqualTo(DepositSource.l1Info(next.hash(), 0));
    PayloadAttributes same = bedrock().prepare(parent, id(origin));
    assertThat(decodeDeposit(same.transactions().get(0)).sourceHash())
        .isEqualTo(DepositSource.l1Info(originHash, 4));
  }

  // ---- helpers --------------------------------------------------------------------------------

  static Map<OpFork, Long> withTime(Map<OpFork, Long> forks, OpFork fork, long time) {
    Map<OpFork, Long> out = new HashMap<>(forks);
    out.put(fork, time);
    return out;
  }

  static Receipt receipt(boolean success, Log... logs) {
    return Receipt.of(TransactionType.DYNAMIC_FEE, success, 50_000, List.of(logs));
  }

  static final Address FROM = Address.fromHex("0x00000000000000000000000000000000000000f1");
  static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000e1");

  /** A version 0 deposit event of {@code emitter} minting {@code mint} wei with 100,000 gas. */
  static Log depositLog(Address emitter, long mint) {
    byte[] opaque = new byte[73 + 2];
    UInt256.valueOf(mint).toBytes(opaque, 0);
    UInt256.valueOf(3).toBytes(opaque, 32);
    opaque[64 + 5] = 0x01;
    opaque[64 + 6] = (byte) 0x86;
    opaque[64 + 7] = (byte) 0xa0;
    opaque[73] = (byte) 0xc0;
    opaque[74] = (byte) 0xde;
    List<Object> values = List.of(FROM, TO, UInt256.ZERO, Bytes.wrap(opaque));
    return new Log(
        emitter,
        TransactionDeposited.EVENT.encodeTopics(values),
        Bytes.wrap(TransactionDeposited.EVENT.encodeData(values)));
  }

  /** The deposit {@link #depositLog} describes, written out from the spec's fields. */
  static DepositTransaction expectedDeposit(Hash l1Hash, long logIndex, long mint) {
    return new DepositTransaction(
        DepositSource.userDeposit(l1Hash, logIndex),
        FROM,
        Optional.of(TO),
        UInt256.valueOf(mint),
        UInt256.valueOf(3),
        100_000,
        false,
        Bytes.fromHex("0xc0de"));
  }

  static Log configUpdate(SystemConfigUpdates.UpdateType type, byte[] value) {
    byte[] data = new byte[64 + value.length];
    data[31] = 32;
    data[63] = (byte) value.length;
    System.arraycopy(value, 0, data, 64, value.length);
    return new Log(
        Fakes.SYSTEM_CONFIG,
        List.of(
            SystemConfigUpdates.CONFIG_UPDATE_TOPIC, SystemConfigUpdates.VERSION_0, type.topic()),
        Bytes.wrap(data));
  }

  static byte[] word(UInt256 value) {
    return value.toBytes();
  }

  static DepositTransaction decodeDeposit(Bytes encoded) {
    return (DepositTransaction) TransactionDecoder.decode(encoded.toArray());
  }

  static SystemConfig withEip1559(SystemConfig c, String params) {
    return new SystemConfig(
        c.batcherAddr(),
        c.overhead(),
        c.scalar(),
        c.gasLimit(),
        Optional.of(Bytes.fromHex(params)),
        c.operatorFeeParams(),
        c.minBaseFee(),
        c.daFootprintGasScalar());
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
}
