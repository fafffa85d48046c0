package io.merapi.derive.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.EcotoneScalars;
import io.merapi.derive.L2BlockRef;
import io.merapi.state.op.Eip1559Params;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Reading an L2 block's derivation facts back (op-node payload_util.go): a block holding the
 * attributes builder's transactions gives back the epoch, the sequence number and the system config
 * the builder used.
 */
class L2BlockInfoTest {
  final Fakes.L1 l1 = new Fakes.L1();
  final Fakes.L2 l2 = new Fakes.L2();
  final Header origin = Fakes.l1Header(10, Fakes.hash("l1 9"), 900, true);
  final Hash originHash = l1.add(origin);
  final L2BlockRef parent =
      new L2BlockRef(Fakes.hash("p"), 500, Fakes.hash("pp"), 1_000, new BlockId(originHash, 10), 3);

  static SystemConfig config(Hash overhead, Hash scalar, Optional<Bytes> eip1559) {
    return new SystemConfig(
        Address.fromHex("0x00000000000000000000000000000000000b47c4"),
        overhead,
        scalar,
        45_000_000,
        eip1559,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** A block as an engine would build it from {@code attrs} (execution results left out). */
  static Block block(PayloadAttributes attrs, long number, Bytes extraData) {
    List<Transaction> txs =
        attrs.transactions().stream().map(b -> TransactionDecoder.decode(b.toArray())).toList();
    Header header =
        Header.builder()
            .parentHash(Fakes.hash("p"))
            .number(number)
            .timestamp(attrs.timestamp())
            .gasLimit(attrs.gasLimit().orElseThrow())
            .extraData(extraData)
            .mixHash(attrs.prevRandao())
            .build();
    return new Block(header, new BlockBody(txs, List.of(), attrs.withdrawals()));
  }

  SystemConfig roundTrip(RollupConfig rollup, SystemConfig sys, Bytes extraData) {
    l2.configs.put(parent.hash(), sys);
    PayloadAttributes attrs =
        new AttributesBuilder(rollup, l1, l2).prepare(parent, new BlockId(originHash, 10));
    Block block = block(attrs, 501, extraData);
    L2BlockRef ref = L2BlockInfo.blockRef(rollup, block);
    assertThat(ref)
        .isEqualTo(
            new L2BlockRef(
                block.hash(), 501, Fakes.hash("p"), 1_002, new BlockId(originHash, 10), 4));
    // The payload of the same block reads the same (op-node PayloadToBlockRef, ...SystemConfig).
    ExecutionPayload payload = ExecutionPayload.of(block, block.hash());
    assertThat(L2BlockInfo.blockRef(rollup, payload)).isEqualTo(ref);
    SystemConfig read = L2BlockInfo.systemConfig(rollup, block);
    assertThat(L2BlockInfo.systemConfig(rollup, payload)).isEqualTo(read);
    return read;
  }

  @Test
  void bedrockGivesBackEveryWord() {
    SystemConfig sys =
        config(
            Hash.fromHex("0x" + "00".repeat(31) + "bc"),
            Hash.fromHex("0x" + "ab".repeat(32)),
            Optional.empty());
    assertThat(roundTrip(Fakes.rollup(Map.of()), sys, Bytes.EMPTY)).isEqualTo(sys);
  }

  @Test
  void ecotoneGivesBackTheScalarsAsAVersion1Word() {
    Hash version0 =
        Hash.fromHex("0x00000000000000000000000000000000000000000000000000000000000a6fe0");
    SystemConfig read =
        roundTrip(
            Fakes.rollup(Fakes.through(OpFork.ECOTONE, 0)),
            config(Hash.ZERO, version0, Optional.empty()),
            Bytes.EMPTY);
    assertThat(read.scalar()).isEqualTo(new EcotoneScalars(0xa6fe0, 0).encode());
    assertThat(EcotoneScalars.decode(read.scalar())).isEqualTo(EcotoneScalars.decode(version0));
    assertThat(read.overhead()).isEqualTo(Hash.ZERO);
    assertThat(read.batcherAddr())
        .isEqualTo(Address.fromHex("0x00000000000000000000000000000000000b47c4"));
    assertThat(read.gasLimit()).isEqualTo(45_000_000);
  }

  @Test
  void holoceneReadsTheEip1559ParamsFromExtraData() {
    SystemConfig read =
        roundTrip(
            Fakes.rollup(Fakes.through(OpFork.HOLOCENE, 0)),
            config(
                Hash.ZERO,
                new EcotoneScalars(1, 2).encode(),
                Optional.of(Bytes.fromHex("0x000000fa00000006"))),
            new Eip1559Params(250, 6).toExtraData());
    assertThat(read.eip1559Params()).contains(Bytes.fromHex("0x000000fa00000006"));
    Block bad =
        block(
            new AttributesBuilder(Fakes.rollup(Fakes.through(OpFork.HOLOCENE, 0)), l1, l2)
                .prepare(parent, new BlockId(originHash, 10)),
            501,
            Bytes.EMPTY);
    assertThatThrownBy(
            () -> L2BlockInfo.systemConfig(Fakes.rollup(Fakes.through(OpFork.HOLOCENE, 0)), bad))
        .hasMessageContaining("extraData");
  }

  @Test
  void theGenesisBlockIsTheRollupConfigs() {
    RollupConfig rollup = Fakes.rollup(Map.of());
    Header genesis = Header.builder().number(0).timestamp(0).gasLimit(30_000_000).build();
    RollupConfig withHash =
        new RollupConfig(
            new RollupConfig.RollupGenesis(
                rollup.genesis().l1(),
                new BlockId(genesis.hash(), 0),
                0,
                rollup.genesis().systemConfig()),
            rollup.blockTime(),
            rollup.maxSequencerDrift(),
            rollup.seqWindowSize(),
            rollup.channelTimeout(),
            rollup.l1ChainId(),
            rollup.l2ChainId(),
            rollup.forkTimes(),
            rollup.pectraBlobScheduleTime(),
            rollup.laterForkTimes(),
            rollup.batchInboxAddress(),
            rollup.depositContractAddress(),
            rollup.l1SystemConfigAddress(),
            rollup.protocolVersionsAddress(),
            rollup.altDa(),
            rollup.chainOpConfig());
    Block block = new Block(genesis, BlockBody.EMPTY);
    assertThat(L2BlockInfo.blockRef(withHash, block))
        .isEqualTo(new L2BlockRef(genesis.hash(), 0, Hash.ZERO, 0, withHash.genesis().l1(), 0));
    assertThat(L2BlockInfo.systemConfig(withHash, block))
        .isEqualTo(withHash.genesis().systemConfig());
    assertThatThrownBy(() -> L2BlockInfo.blockRef(rollup, block))
        .hasMessageContaining("genesis hash");
  }

  @Test
  void aBlockWithoutItsL1InfoDepositIsRefused() {
    RollupConfig rollup = Fakes.rollup(Map.of());
    Header header = Header.builder().number(7).timestamp(14).build();
    assertThatThrownBy(() -> L2BlockInfo.blockRef(rollup, new Block(header, BlockBody.EMPTY)))
        .hasMessageContaining("missing the L1 info deposit");
    Block empty = new Block(header, BlockBody.EMPTY);
    assertThatThrownBy(() -> L2BlockInfo.blockRef(rollup, ExecutionPayload.of(empty, empty.hash())))
        .hasMessageContaining("missing the L1 info deposit");
  }

  @Test
  void aPayloadWhoseFirstTransactionDoesNotDecodeIsRefused() {
    RollupConfig rollup = Fakes.rollup(Map.of());
    Header header = Header.builder().number(7).timestamp(14).build();
    Block empty = new Block(header, BlockBody.EMPTY);
    ExecutionPayload good = ExecutionPayload.of(empty, empty.hash());
    ExecutionPayload bad =
        new ExecutionPayload(
            good.parentHash(),
            good.feeRecipient(),
            good.stateRoot(),
            good.receiptsRoot(),
            good.logsBloom(),
            good.prevRandao(),
            good.blockNumber(),
            good.gasLimit(),
            good.gasUsed(),
            good.timestamp(),
            good.extraData(),
            good.baseFeePerGas(),
            good.blockHash(),
            List.of(Bytes.fromHex("0x7eff")),
            good.withdrawals(),
            good.blobGasUsed(),
            good.excessBlobGas());
    assertThatThrownBy(() -> L2BlockInfo.blockRef(rollup, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first transaction of L2 block 7 does not decode");
  }

  @Test
  void theFormMustMatchTheBlocksFork() {
    l2.configs.put(parent.hash(), Fakes.sysConfig());
    PayloadAttributes bedrockAttrs =
        new AttributesBuilder(Fakes.rollup(Map.of()), l1, l2)
            .prepare(parent, new BlockId(originHash, 10));
    Block block = block(bedrockAttrs, 501, Bytes.EMPTY);
    Map<OpFork, Long> ecotone = new HashMap<>(Fakes.through(OpFork.ECOTONE, 0));
    assertThatThrownBy(() -> L2BlockInfo.blockRef(Fakes.rollup(ecotone), block))
        .hasMessageContaining("L1 info form");
    // In the Ecotone activation block the Bedrock form is the right one.
    ecotone.put(OpFork.ECOTONE, 1_002L);
    assertThat(L2BlockInfo.blockRef(Fakes.rollup(ecotone), block).sequenceNumber()).isEqualTo(4);
  }
}
