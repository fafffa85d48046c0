package io.merapi.derive;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.SystemConfig.Events.ConfigUpdate;
import io.merapi.derive.SystemConfigUpdates.LogUpdate;
import io.merapi.derive.SystemConfigUpdates.UpdateType;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.RollupGenesis;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.TransactionType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's {@code TestProcessSystemConfigUpdateLogEvent} table (system_config_test.go) and kona's
 * per-type cases (genesis/src/system/config.rs), restated, plus every way a log can fail to parse
 * and how a block's receipts are walked.
 */
class SystemConfigUpdatesTest {
  static final Address SYSTEM_CONFIG =
      Address.fromHex("0xcc00000000000000000000000000000000000000");

  static final SystemConfig EMPTY =
      new SystemConfig(
          Address.ZERO,
          Hash.ZERO,
          Hash.ZERO,
          0,
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());

  /** One log applied to {@link #EMPTY}; {@code expected} is the config after it. */
  record Case(
      String name,
      Log log,
      boolean ecotone,
      Class<? extends LogUpdate> outcome,
      SystemConfig expected,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // op-node: the unsafe block signer is ignored by consensus, whatever its payload.
        new Case(
            "SystemConfigUpdateUnsafeBlockSigner",
            log(UpdateType.UNSAFE_BLOCK_SIGNER.topic(), word(0)),
            false,
            LogUpdate.Ignored.class,
            EMPTY,
            "unsafe block signer"),
        new Case(
            "SystemConfigUpdateBatcher",
            update(UpdateType.BATCHER, addressWord(address(19, 0xaa))),
            false,
            LogUpdate.Applied.class,
            with(EMPTY, address(19, 0xaa), null, null, -1),
            ""),
        new Case(
            "SystemConfigUpdateGasConfig",
            update(UpdateType.FEE_SCALARS, word(0xff), word(0xaa)),
            false,
            LogUpdate.Applied.class,
            with(EMPTY, null, hash(31, 0xff), hash(31, 0xaa), -1),
            ""),
        new Case(
            "SystemConfigUpdateGasLimit",
            update(UpdateType.GAS_LIMIT, word(0xbb)),
            false,
            LogUpdate.Applied.class,
            with(EMPTY, null, null, null, 0xbb),
            ""),
        // From Ecotone the versioned scalar is kept as given and the overhead zeroed.
        new Case(
            "SystemConfigUpdateGasConfigEcotone",
            update(UpdateType.FEE_SCALARS, word(0xff), scalar(1, 27, 0xb3, 31, 0xbb).array()),
            true,
            LogUpdate.Applied.class,
            with(EMPTY, null, Hash.ZERO, scalar(1, 27, 0xb3, 31, 0xbb), -1),
            ""),
        new Case(
            "SystemConfigOneTopic",
            new Log(SYSTEM_CONFIG, List.of(SystemConfigUpdates.CONFIG_UPDATE_TOPIC), Bytes.EMPTY),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "expected 3 event topics"),
        new Case(
            "SystemConfigUpdateEIP1559Params",
            update(UpdateType.EIP_1559_PARAMS, padded(Bytes.fromHex("0x0102030405060708"))),
            false,
            LogUpdate.Applied.class,
            withEip1559(EMPTY, "0x0102030405060708"),
            ""),
        // kona's cases for the same types and the later ones.
        new Case(
            "kona batcher 0xbeef",
            update(UpdateType.BATCHER, word(0xbeef)),
            false,
            LogUpdate.Applied.class,
            with(
                EMPTY,
                Address.fromHex("0x000000000000000000000000000000000000bEEF"),
                null,
                null,
                -1),
            ""),
        new Case(
            "kona gas config pre-Ecotone",
            update(UpdateType.FEE_SCALARS, word(0xbabe), word(0xbeef)),
            false,
            LogUpdate.Applied.class,
            with(EMPTY, null, Hash.wrap(word(0xbabe)), Hash.wrap(word(0xbeef)), -1),
            ""),
        new Case(
            "kona gas config Ecotone (version 0 scalar)",
            update(UpdateType.FEE_SCALARS, word(0xbabe), word(0xbeef)),
            true,
            LogUpdate.Applied.class,
            with(EMPTY, null, Hash.ZERO, Hash.wrap(word(0xbeef)), -1),
            ""),
        new Case(
            "kona eip1559 0xbabe/0xbeef",
            update(UpdateType.EIP_1559_PARAMS, padded(Bytes.fromHex("0x0000babe0000beef"))),
            false,
            LogUpdate.Applied.class,
            withEip1559(EMPTY, "0x0000babe0000beef"),
            ""),
        new Case(
            "kona operator fee scalar 0xbabe constant 0xbeef",
            update(
                UpdateType.OPERATOR_FEE_PARAMS,
                Hash.fromHex(
                        "0x0000000000000000000000000000000000000000" + "0000babe000000000000beef")
                    .toArray()),
            false,
            LogUpdate.Applied.class,
            new SystemConfig(
                Address.ZERO,
                Hash.ZERO,
                Hash.ZERO,
                0,
                Optional.empty(),
                Optional.of(
                    Hash.fromHex(
                        "0x00000000000000000000000000000000000000000000babe000000000000beef")),
                OptionalLong.empty(),
                OptionalLong.empty()),
            ""),
        new Case(
            "Jovian min base fee",
            update(UpdateType.MIN_BASE_FEE, word(1_000_000_007L)),
            false,
            LogUpdate.Applied.class,
            new SystemConfig(
                Address.ZERO,
                Hash.ZERO,
                Hash.ZERO,
                0,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.of(1_000_000_007L),
                OptionalLong.empty()),
            ""),
        new Case(
            "Jovian DA footprint gas scalar",
            update(UpdateType.DA_FOOTPRINT_GAS_SCALAR, word(400)),
            false,
            LogUpdate.Applied.class,
            new SystemConfig(
                Address.ZERO,
                Hash.ZERO,
                Hash.ZERO,
                0,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.of(400)),
            ""),
        // A gas limit above 2^63 is still a uint64.
        new Case(
            "gas limit with the top bit set",
            update(UpdateType.GAS_LIMIT, word(-2L)),
            false,
            LogUpdate.Applied.class,
            with(EMPTY, null, null, null, -2L),
            ""),
        // Ecotone ignores scalars it cannot read, keeping the old one.
        new Case(
            "Ecotone scalar of unknown version",
            update(UpdateType.FEE_SCALARS, word(0xff), scalar(2, 31, 1).array()),
            true,
            LogUpdate.Ignored.class,
            EMPTY,
            "unknown version 2"),
        new Case(
            "Ecotone version 1 scalar with padding",
            update(UpdateType.FEE_SCALARS, word(0xff), scalar(1, 5, 1, 31, 1).array()),
            true,
            LogUpdate.Ignored.class,
            EMPTY,
            "version 1 padding"),
        new Case(
            "Ecotone version 0 scalar with padding",
            update(UpdateType.FEE_SCALARS, word(0xff), scalar(0, 1, 1, 31, 1).array()),
            true,
            LogUpdate.Ignored.class,
            EMPTY,
            "version 0 padding"),
        // Before Ecotone the same words are plain numbers.
        new Case(
            "pre-Ecotone any scalar",
            update(UpdateType.FEE_SCALARS, word(0xff), scalar(2, 31, 1).array()),
            false,
            LogUpdate.Applied.class,
            with(EMPTY, null, Hash.wrap(word(0xff)), scalar(2, 31, 1), -1),
            ""),
        // Malformed logs, each failing one check.
        new Case(
            "four topics",
            new Log(
                SYSTEM_CONFIG,
                List.of(
                    SystemConfigUpdates.CONFIG_UPDATE_TOPIC,
                    Hash.ZERO,
                    UpdateType.BATCHER.topic(),
                    Hash.ZERO),
                Bytes.wrap(payload(32, addressWord(address(19, 1))))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "got 4"),
        new Case(
            "version 1",
            new Log(
                SYSTEM_CONFIG,
                List.of(
                    SystemConfigUpdates.CONFIG_UPDATE_TOPIC,
                    Hash.wrap(word(1)),
                    UpdateType.BATCHER.topic()),
                Bytes.wrap(payload(32, addressWord(address(19, 1))))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "unrecognized ConfigUpdate version"),
        new Case(
            "type 8",
            log(Hash.wrap(word(8)), payload(32, word(1))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "unrecognized ConfigUpdate type"),
        // op-node compares the whole topic to the type's word.
        new Case(
            "type topic with a high byte",
            log(hash(0, 1, 31, 0), payload(32, addressWord(address(19, 1)))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "unrecognized ConfigUpdate type"),
        new Case(
            "pointer 64",
            log(
                UpdateType.BATCHER.topic(),
                concat(word(64), word(32), addressWord(address(19, 1)))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "invalid pointer field"),
        new Case(
            "pointer word with padding",
            log(
                UpdateType.BATCHER.topic(),
                concat(hash(0, 1, 31, 32).toArray(), word(32), addressWord(address(19, 1)))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "invalid pointer field"),
        new Case(
            "empty data",
            log(UpdateType.GAS_LIMIT.topic(), new byte[0]),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "invalid pointer field"),
        new Case(
            "length 64 for a batcher",
            log(
                UpdateType.BATCHER.topic(),
                concat(word(32), word(64), addressWord(address(19, 1)))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "invalid length field"),
        new Case(
            "length 32 for fee scalars",
            log(UpdateType.FEE_SCALARS.topic(), concat(word(32), word(32), word(1), word(2))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "invalid length field"),
        new Case(
            "batcher address with dirty padding",
            update(UpdateType.BATCHER, hash(0, 1, 31, 1).toArray()),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "address padding"),
        new Case(
            "batcher word missing",
            log(UpdateType.BATCHER.topic(), concat(word(32), word(32))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "could not read batcher address"),
        new Case(
            "scalar word missing",
            log(UpdateType.FEE_SCALARS.topic(), concat(word(32), word(64), word(1))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "could not read scalar"),
        new Case(
            "gas limit above uint64",
            update(UpdateType.GAS_LIMIT, hash(23, 1, 31, 0).toArray()),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "could not read gas limit"),
        new Case(
            "trailing word after a gas limit",
            log(UpdateType.GAS_LIMIT.topic(), concat(word(32), word(32), word(7), word(0))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "too many bytes"),
        new Case(
            "trailing byte after fee scalars",
            log(
                UpdateType.FEE_SCALARS.topic(),
                concat(word(32), word(64), word(1), word(2), new byte[1])),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "too many bytes"),
        new Case(
            "trailing bytes after eip-1559 params",
            log(UpdateType.EIP_1559_PARAMS.topic(), concat(word(32), word(32), word(7), word(0))),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "too many bytes"),
        new Case(
            "min base fee above uint64",
            update(UpdateType.MIN_BASE_FEE, hash(0, 1, 31, 0).toArray()),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "could not read min base fee"),
        new Case(
            "DA footprint gas scalar above uint16",
            update(UpdateType.DA_FOOTPRINT_GAS_SCALAR, word(0x1_0000)),
            false,
            LogUpdate.Malformed.class,
            EMPTY,
            "could not read DA footprint gas scalar"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesOneLog(Case c) {
    LogUpdate update = SystemConfigUpdates.applyLog(EMPTY, c.log(), c.ecotone());

    assertThat(update).isInstanceOf(c.outcome());
    switch (update) {
      case LogUpdate.Applied applied -> assertThat(applied.config()).isEqualTo(c.expected());
      case LogUpdate.Ignored ignored -> assertThat(ignored.reason()).contains(c.reason());
      case LogUpdate.Malformed malformed -> assertThat(malformed.reason()).contains(c.reason());
    }
    // The same log inside a block: applied, or skipped with the same reason and the config kept.
    RollupConfig rollup = rollup(c.ecotone() ? 0L : null);
    SystemConfigUpdates.Result result =
        SystemConfigUpdates.process(
            EMPTY, List.of(receipt(true, c.log())), SYSTEM_CONFIG, rollup, 100);
    assertThat(result.config()).isEqualTo(c.expected());
    if (update instanceof LogUpdate.Applied) {
      assertThat(result.skipped()).isEmpty();
    } else {
      assertThat(result.skipped()).containsExactly(new SystemConfigUpdates.Skipped(0, 0, update));
    }
  }

  @Test
  void topicIsTheEventSignatureHash() {
    assertThat(SystemConfigUpdates.CONFIG_UPDATE_TOPIC)
        .isEqualTo(
            Keccak256.digest("ConfigUpdate(uint256,uint8,bytes)".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void logsEncodedByTheBindingParse() {
    byte[] inner = concat(word(0), scalar(1, 27, 7, 31, 9).array());
    Log log =
        new Log(
            SYSTEM_CONFIG,
            ConfigUpdate.EVENT.encodeTopics(
                List.of(UInt256.ZERO, UpdateType.FEE_SCALARS.ordinal(), Bytes.wrap(inner))),
            Bytes.wrap(
                ConfigUpdate.EVENT.encodeData(
                    List.of(UInt256.ZERO, UpdateType.FEE_SCALARS.ordinal(), Bytes.wrap(inner)))));

    LogUpdate update = SystemConfigUpdates.applyLog(EMPTY, log, true);

    assertThat(update)
        .isEqualTo(
            new LogUpdate.Applied(
                UpdateType.FEE_SCALARS, with(EMPTY, null, Hash.ZERO, scalar(1, 27, 7, 31, 9), -1)));
    assertThat(EcotoneScalars.decode(((LogUpdate.Applied) update).config().scalar()))
        .isEqualTo(new EcotoneScalars(9, 7));
  }

  @Test
  void walksSuccessfulReceiptsOfTheContractInLogOrder() {
    Log gasLimit1 = update(UpdateType.GAS_LIMIT, word(1_000));
    Log gasLimit2 = update(UpdateType.GAS_LIMIT, word(2_000));
    Log batcher = update(UpdateType.BATCHER, addressWord(address(19, 0x77)));
    Log fromElsewhere =
        new Log(
            Address.fromHex("0xdd00000000000000000000000000000000000000"),
            update(UpdateType.GAS_LIMIT, word(9)).topics(),
            update(UpdateType.GAS_LIMIT, word(9)).data());
    Log otherEvent = new Log(SYSTEM_CONFIG, List.of(Hash.wrap(word(5))), Bytes.EMPTY);
    Log noTopics = new Log(SYSTEM_CONFIG, List.of(), Bytes.EMPTY);
    Log failedUpdate = update(UpdateType.GAS_LIMIT, word(3_000));
    Log malformed = log(UpdateType.GAS_LIMIT.topic(), word(1));
    List<Receipt> receipts =
        List.of(
            receipt(true, gasLimit1, fromElsewhere, otherEvent, noTopics),
            receipt(false, failedUpdate),
            receipt(true, batcher, malformed, gasLimit2));

    SystemConfigUpdates.Result result =
        SystemConfigUpdates.process(EMPTY, receipts, SYSTEM_CONFIG, rollup(null), 100);

    // The last gas limit wins; the failed receipt, other contracts and other events count not.
    assertThat(result.config()).isEqualTo(with(EMPTY, address(19, 0x77), null, null, 2_000));
    assertThat(result.skipped()).hasSize(1);
    assertThat(result.skipped().get(0).receiptIndex()).isEqualTo(2);
    assertThat(result.skipped().get(0).logIndex()).isEqualTo(1);
    assertThat(result.skipped().get(0).update())
        .isEqualTo(new LogUpdate.Malformed("GAS_LIMIT: invalid pointer field"));
    assertThat(SystemConfigUpdates.apply(EMPTY, receipts, SYSTEM_CONFIG, rollup(null), 100))
        .isEqualTo(result.config());
  }

  @Test
  void ecotoneIsDecidedByTheL1BlockTime() {
    Log log = update(UpdateType.FEE_SCALARS, word(0xff), word(0xaa));
    RollupConfig rollup = rollup(1_000L);

    assertThat(
            SystemConfigUpdates.apply(
                    EMPTY, List.of(receipt(true, log)), SYSTEM_CONFIG, rollup, 999)
                .overhead())
        .isEqualTo(Hash.wrap(word(0xff)));
    assertThat(
            SystemConfigUpdates.apply(
                    EMPTY, List.of(receipt(true, log)), SYSTEM_CONFIG, rollup, 1_000)
                .overhead())
        .isEqualTo(Hash.ZERO);
  }

  @Test
  void everyFieldSurvivesAnUpdateOfAnother() {
    SystemConfig full =
        new SystemConfig(
            address(19, 1),
            Hash.wrap(word(2)),
            Hash.wrap(word(3)),
            4,
            Optional.of(Bytes.fromHex("0x0000000500000006")),
            Optional.of(Hash.wrap(word(7))),
            OptionalLong.of(8),
            OptionalLong.of(9));
    for (UpdateType type : UpdateType.values()) {
      LogUpdate update =
          SystemConfigUpdates.applyLog(
              full,
              update(type, type == UpdateType.FEE_SCALARS ? concat(word(2), word(3)) : word(0)),
              false);
      SystemConfig after = update instanceof LogUpdate.Applied applied ? applied.config() : full;
      int changed = 0;
      changed += after.batcherAddr().equals(full.batcherAddr()) ? 0 : 1;
      changed += after.gasLimit() == full.gasLimit() ? 0 : 1;
      changed += after.eip1559Params().equals(full.eip1559Params()) ? 0 : 1;
      changed += after.operatorFeeParams().equals(full.operatorFeeParams()) ? 0 : 1;
      changed += after.minBaseFee().equals(full.minBaseFee()) ? 0 : 1;
      changed += after.daFootprintGasScalar().equals(full.daFootprintGasScalar()) ? 0 : 1;
      assertThat(changed).as(type.toString()).isLessThanOrEqualTo(1);
      if (type == UpdateType.FEE_SCALARS) {
        assertThat(after).isEqualTo(full);
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  static RollupConfig rollup(Long ecotoneTime) {
    Map<OpFork, Long> forks = ecotoneTime == null ? Map.of() : Map.of(OpFork.ECOTONE, ecotoneTime);
    return new RollupConfig(
        new RollupGenesis(new BlockId(Hash.ZERO, 0), new BlockId(Hash.ZERO, 0), 0, EMPTY),
        2,
        600,
        3600,
        300,
        1,
        10,
        forks,
        OptionalLong.empty(),
        Map.of(),
        Address.ZERO,
        Address.ZERO,
        SYSTEM_CONFIG,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static Receipt receipt(boolean success, Log... logs) {
    return Receipt.of(TransactionType.DYNAMIC_FEE, success, 21_000, List.of(logs));
  }

  /** A version 0 log of {@code type} whose payload is {@code abi.encode(bytes(words))}. */
  static Log update(UpdateType type, byte[]... words) {
    byte[] value = concat(words);
    return log(type.topic(), payload(value.length, value));
  }

  static Log log(Hash typeTopic, byte[] data) {
    return new Log(
        SYSTEM_CONFIG,
        List.of(SystemConfigUpdates.CONFIG_UPDATE_TOPIC, SystemConfigUpdates.VERSION_0, typeTopic),
        Bytes.wrap(data));
  }

  static byte[] payload(long length, byte[]... words) {
    return concat(word(32), word(length), concat(words));
  }

  static byte[] word(long value) {
    return UInt256.valueOf(value).toBytes();
  }

  static byte[] padded(Bytes value) {
    return Hash.leftPad(value.toArray()).toArray();
  }

  static byte[] addressWord(Address address) {
    return Hash.leftPad(address.toArray()).toArray();
  }

  static Address address(int index, int value) {
    byte[] b = new byte[20];
    b[index] = (byte) value;
    return Address.wrap(b);
  }

  /** A word with the given (index, value) bytes set. */
  static Hash hash(int... indexValue) {
    byte[] b = new byte[32];
    for (int i = 0; i < indexValue.length; i += 2) {
      b[indexValue[i]] = (byte) indexValue[i + 1];
    }
    return Hash.wrap(b);
  }

  /** A scalar word: byte 0 the version, then (index, value) pairs. */
  static Hash scalar(int version, int... indexValue) {
    Hash h = hash(indexValue);
    byte[] b = h.toArray();
    b[0] = (byte) version;
    return Hash.wrap(b);
  }

  static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** {@code base} with the given fields replaced (null / -1 keeps a field). */
  static SystemConfig with(
      SystemConfig base, Address batcher, Hash overhead, Hash scalar, long gasLimit) {
    return new SystemConfig(
        batcher != null ? batcher : base.batcherAddr(),
        overhead != null ? overhead : base.overhead(),
        scalar != null ? scalar : base.scalar(),
        gasLimit != -1 ? gasLimit : base.gasLimit(),
        base.eip1559Params(),
        base.operatorFeeParams(),
        base.minBaseFee(),
        base.daFootprintGasScalar());
  }

  static SystemConfig withEip1559(SystemConfig base, String params) {
    return new SystemConfig(
        base.batcherAddr(),
        base.overhead(),
        base.scalar(),
        base.gasLimit(),
        Optional.of(Bytes.fromHex(params)),
        base.operatorFeeParams(),
        base.minBaseFee(),
        base.daFootprintGasScalar());
  }
}
