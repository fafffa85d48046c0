package io.merapi.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.EcotoneScalars;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.node.client.BlockLabel;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.state.op.Predeploys;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import io.merapi.types.rollup.OutputRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup node's Engine API client and L2 reader against {@code merapi execution} started
 * in-process on a deployed rollup's L2 genesis: blocks built from derivation's payload attributes
 * (forkchoiceUpdated with attributes, getPayload, newPayload, forkchoiceUpdated), read back as
 * block references, system configs, payloads and output roots; and the failures a node meets.
 */
class EngineClientIT {
  @TempDir static Path dir;

  /** Every fork through Holocene from genesis (the devnet template). */
  static TestRollup rollup;

  static ExecutionNode engine;
  static JwtSecret secret;
  static EngineClient client;
  static RpcL2Client l2;

  @BeforeAll
  static void start() throws Exception {
    rollup = TestRollup.deploy(Map.of(), 3);
    secret = JwtSecret.generate();
    Path jwt = TestRollup.writeSecret(dir.resolve("jwt.hex"), secret);
    engine = rollup.startEngine(Optional.of(dir.resolve("engine")), jwt);
    client =
        new EngineClient(
            engine.authRpcUri().orElseThrow(), EngineClient.readJwtSecret(jwt), rollup.rollup);
    l2 = new RpcL2Client(engine.httpUri().orElseThrow(), rollup.rollup);
  }

  @AfterAll
  static void stop() {
    if (l2 != null) {
      l2.close();
    }
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  /** One block built the way a sequencer builds it; returns its reference read back. */
  static ExecutionPayloadEnvelope build(
      Engine engine, AttributesBuilder builder, L2BlockRef head, BlockId epoch) {
    PayloadAttributes attributes = builder.prepare(head, epoch);
    Engine.ForkchoiceUpdate started =
        engine.forkchoiceUpdated(
            new ForkchoiceState(head.hash(), Hash.ZERO, Hash.ZERO), Optional.of(attributes));
    assertThat(started.status().status()).isEqualTo(PayloadStatus.Status.VALID);
    PayloadId id = started.payloadId().orElseThrow();
    ExecutionPayloadEnvelope envelope = engine.getPayload(id, attributes.timestamp());
    assertThat(envelope.payload().parentHash()).isEqualTo(head.hash());
    assertThat(envelope.payload().transactions()).isEqualTo(attributes.transactions());
    assertThat(envelope.parentBeaconBlockRoot()).isEqualTo(attributes.parentBeaconBlockRoot());
    PayloadStatus imported = engine.newPayload(envelope);
    assertThat(imported.status()).isEqualTo(PayloadStatus.Status.VALID);
    Hash hash = envelope.payload().blockHash();
    Engine.ForkchoiceUpdate moved =
        engine.forkchoiceUpdated(new ForkchoiceState(hash, Hash.ZERO, Hash.ZERO), Optional.empty());
    assertThat(moved.status()).isEqualTo(PayloadStatus.valid(hash));
    assertThat(moved.payloadId()).isEmpty();
    return envelope;
  }

  @Test
  void buildsBlocksAndReadsThemBackWithTheirL1OriginsAndOutputs() throws Exception {
    AttributesBuilder builder = new AttributesBuilder(rollup.rollup, rollup.l1, l2);
    L2BlockRef genesis = l2.l2BlockRefByNumber(0).orElseThrow();
    assertThat(genesis.hash()).isEqualTo(rollup.rollup.genesis().l2().hash());
    assertThat(genesis.l1Origin()).isEqualTo(rollup.rollup.genesis().l1());
    assertThat(genesis.sequenceNumber()).isZero();
    assertThat(l2.systemConfigByL2Hash(genesis.hash()))
        .isEqualTo(rollup.rollup.genesis().systemConfig());

    // Epochs: L1 block 0 twice, then L1 blocks 1, 1, 2.
    long[] epochs = {0, 0, 1, 1, 2};
    long[] sequenceNumbers = {1, 2, 0, 1, 0};
    L2BlockRef head = genesis;
    List<ExecutionPayloadEnvelope> built = new ArrayList<>();
    for (int i = 0; i < epochs.length; i++) {
      // The genesis is block 0 with sequence number 0 in epoch 0: block 1 continues epoch 0.
      ExecutionPayloadEnvelope envelope = build(client, builder, head, rollup.l1.id(epochs[i]));
      built.add(envelope);
      L2BlockRef ref = l2.l2BlockRefByHash(envelope.payload().blockHash());
      assertThat(ref.number()).isEqualTo(i + 1);
      assertThat(ref.parentHash()).isEqualTo(head.hash());
      assertThat(ref.time()).isEqualTo(envelope.payload().timestamp());
      assertThat(ref.l1Origin()).isEqualTo(rollup.l1.id(epochs[i]));
      assertThat(ref.sequenceNumber()).as("block %d", i + 1).isEqualTo(sequenceNumbers[i]);
      assertThat(l2.l2BlockRefByNumber(i + 1)).contains(ref);
      head = ref;
    }
    assertThat(l2.l2BlockRefByNumber(epochs.length + 1)).isEmpty();

    // Each block reads back as the payload the engine built, and its transactions as sent.
    for (int i = 0; i < built.size(); i++) {
      assertThat(l2.payloadByNumber(i + 1)).contains(built.get(i));
      assertThat(l2.transactionsByNumber(i + 1)).contains(built.get(i).payload().transactions());
    }
    assertThat(l2.transactionsByNumber(0)).contains(List.of());

    // The system config read back from the L1 info deposit, gas limit and Holocene extraData.
    SystemConfig genesisConfig = rollup.rollup.genesis().systemConfig();
    SystemConfig config = l2.systemConfigByL2Hash(head.hash());
    assertThat(config.batcherAddr()).isEqualTo(genesisConfig.batcherAddr());
    assertThat(config.gasLimit()).isEqualTo(genesisConfig.gasLimit());
    assertThat(config.overhead()).isEqualTo(Hash.ZERO);
    assertThat(EcotoneScalars.decode(config.scalar()))
        .isEqualTo(EcotoneScalars.decode(genesisConfig.scalar()));
    Bytes extra = built.get(built.size() - 1).payload().extraData();
    assertThat(config.eip1559Params()).contains(extra.slice(1, 9));

    // Labels: no safe or finalized block until the forkchoice names them.
    assertThat(l2.blockRefByLabel(BlockLabel.LATEST)).contains(head);
    assertThat(l2.blockRefByLabel(BlockLabel.SAFE)).isEmpty();
    assertThat(l2.blockRefByLabel(BlockLabel.FINALIZED)).isEmpty();
    L2BlockRef safe = l2.l2BlockRefByNumber(3).orElseThrow();
    L2BlockRef finalized = l2.l2BlockRefByNumber(1).orElseThrow();
    client.forkchoiceUpdated(
        new ForkchoiceState(head.hash(), safe.hash(), finalized.hash()), Optional.empty());
    assertThat(l2.blockRefByLabel(BlockLabel.SAFE)).contains(safe);
    assertThat(l2.blockRefByLabel(BlockLabel.FINALIZED)).contains(finalized);

    // The output root, against one computed here from eth_getProof and the block's state root.
    for (L2BlockRef block : List.of(genesis, safe, head)) {
      OutputRoot output = l2.outputAt(block.hash());
      assertThat(output.blockHash()).isEqualTo(block.hash());
      assertThat(output.root()).isEqualTo(independentOutputRoot(block.hash()));
      assertThat(l2.outputAt(block.hash())).isEqualTo(output);
    }
  }

  /** keccak256(version 0 ++ stateRoot ++ storageHash of the message passer ++ blockHash). */
  private static Hash independentOutputRoot(Hash blockHash) throws Exception {
    try (HttpRpcClient rpc =
        HttpRpcClient.create(engine.httpUri().orElseThrow(), RpcClientOptions.defaults())) {
      JsonNode block = rpc.call("eth_getBlockByHash", blockHash.toHex(), false);
      JsonNode proof =
          rpc.call(
              "eth_getProof",
              Predeploys.L2_TO_L1_MESSAGE_PASSER.toHex(),
              List.of(),
              blockHash.toHex());
      byte[] preimage = new byte[128];
      byte[] stateRoot = Bytes.fromHex(block.get("stateRoot").asText()).toArray();
      byte[] storageHash = Bytes.fromHex(proof.get("storageHash").asText()).toArray();
      assertThat(Hash.wrap(storageHash)).isNotEqualTo(Hash.ZERO);
      System.arraycopy(stateRoot, 0, preimage, 32, 32);
      System.arraycopy(storageHash, 0, preimage, 64, 32);
      System.arraycopy(blockHash.toArray(), 0, preimage, 96, 32);
      return Keccak256.digest(preimage);
    }
  }

  @Test
  void anUnknownPayloadIdIsRejectedWithItsCode() {
    L2BlockRef head = l2.blockRefByLabel(BlockLabel.LATEST).orElseThrow();
    assertThatThrownBy(() -> client.getPayload(new PayloadId(0x0300_0000_dead_beefL), head.time()))
        .isInstanceOfSatisfying(
            EngineException.Rejected.class,
            e -> {
              assertThat(e.code()).isEqualTo(EngineException.Rejected.UNKNOWN_PAYLOAD);
              assertThat(e.getMessage())
                  .contains("engine_getPayloadV3")
                  .contains("Unknown payload");
            });
  }

  @Test
  void aWrongJwtSecretIsATemporaryFailureThatSaysSo() {
    try (EngineClient wrong =
        new EngineClient(engine.authRpcUri().orElseThrow(), JwtSecret.generate(), rollup.rollup)) {
      L2BlockRef head = l2.blockRefByLabel(BlockLabel.LATEST).orElseThrow();
      assertThatThrownBy(
              () ->
                  wrong.forkchoiceUpdated(
                      new ForkchoiceState(head.hash(), Hash.ZERO, Hash.ZERO), Optional.empty()))
          .isInstanceOf(EngineException.Temporary.class)
          .hasMessageContaining("401")
          .hasMessageContaining("JWT secret (--l2.jwt-secret) is not the engine's");
    }
  }

  @Test
  void anUnknownBlockHashIsAReset() {
    Hash unknown = Hash.fromHex("0x" + "ab".repeat(32));
    assertThatThrownBy(() -> l2.l2BlockRefByHash(unknown))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("does not know L2 block " + unknown);
  }

  @Test
  void aStoppedEngineIsATemporaryFailure() throws Exception {
    Path jwt = TestRollup.writeSecret(dir.resolve("jwt-stopped.hex"), secret);
    ExecutionNode stopped = rollup.startEngine(Optional.empty(), jwt);
    try (EngineClient engineClient =
            new EngineClient(stopped.authRpcUri().orElseThrow(), secret, rollup.rollup);
        RpcL2Client reader =
            new RpcL2Client(
                stopped.httpUri().orElseThrow(),
                rollup.rollup,
                new RpcL2Client.Options(
                    Duration.ofSeconds(5),
                    new RetryPolicy(
                        3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1)),
                    16))) {
      L2BlockRef genesis = reader.l2BlockRefByNumber(0).orElseThrow();
      stopped.close();
      assertThatThrownBy(
              () ->
                  engineClient.forkchoiceUpdated(
                      new ForkchoiceState(genesis.hash(), Hash.ZERO, Hash.ZERO), Optional.empty()))
          .isInstanceOf(EngineException.Temporary.class)
          .hasMessageContaining("engine_forkchoiceUpdatedV3")
          .hasMessageContaining("connection refused (is the engine running?)");
      assertThatThrownBy(() -> reader.l2BlockRefByNumber(0))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("connection refused")
          .hasMessageContaining("after 3 tries");
      // What was read before is still known by hash.
      assertThat(reader.l2BlockRefByHash(genesis.hash())).isEqualTo(genesis);
    } finally {
      stopped.close();
    }
  }

  @Test
  void theMethodVersionsFollowTheForkAcrossEcotone() throws Exception {
    // Ecotone (with Cancun on L2) two blocks after genesis; Fjord and later never.
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("l2GenesisEcotoneTimeOffset", "0x4");
    overrides.put("l2GenesisFjordTimeOffset", null);
    overrides.put("l2GenesisGraniteTimeOffset", null);
    overrides.put("l2GenesisHoloceneTimeOffset", null);
    TestRollup ecotoneLater = TestRollup.deploy(overrides, 2);
    Path jwt = TestRollup.writeSecret(dir.resolve("jwt-ecotone.hex"), secret);
    ExecutionNode node = ecotoneLater.startEngine(Optional.empty(), jwt);
    try (EngineClient engineClient =
            new EngineClient(node.authRpcUri().orElseThrow(), secret, ecotoneLater.rollup);
        RpcL2Client reader = new RpcL2Client(node.httpUri().orElseThrow(), ecotoneLater.rollup)) {
      AttributesBuilder builder =
          new AttributesBuilder(ecotoneLater.rollup, ecotoneLater.l1, reader);
      L2BlockRef head = reader.l2BlockRefByNumber(0).orElseThrow();
      long[] epochs = {0, 1, 1};
      for (int i = 0; i < epochs.length; i++) {
        ExecutionPayloadEnvelope envelope =
            build(engineClient, builder, head, ecotoneLater.l1.id(epochs[i]));
        // Block 1 is Canyon (V2, no beacon root); block 2 activates Ecotone, block 3 follows it.
        assertThat(envelope.parentBeaconBlockRoot().isPresent()).isEqualTo(i >= 1);
        assertThat(envelope.payload().blobGasUsed().isPresent()).isEqualTo(i >= 1);
        head = reader.l2BlockRefByHash(envelope.payload().blockHash());
        assertThat(head.l1Origin()).isEqualTo(ecotoneLater.l1.id(epochs[i]));
        assertThat(reader.payloadByNumber(head.number())).contains(envelope);
      }
      // Before Ecotone the L1 info deposit carries overhead and scalar; after, the packed scalars.
      SystemConfig genesisConfig = ecotoneLater.rollup.genesis().systemConfig();
      SystemConfig bedrockForm =
          reader.systemConfigByL2Hash(reader.l2BlockRefByNumber(2).orElseThrow().hash());
      assertThat(bedrockForm.overhead()).isEqualTo(genesisConfig.overhead());
      assertThat(bedrockForm.scalar()).isEqualTo(genesisConfig.scalar());
      SystemConfig ecotoneForm = reader.systemConfigByL2Hash(head.hash());
      assertThat(ecotoneForm.overhead()).isEqualTo(Hash.ZERO);
      assertThat(EcotoneScalars.decode(ecotoneForm.scalar()))
          .isEqualTo(EcotoneScalars.decode(genesisConfig.scalar()));
      assertThat(ecotoneForm.eip1559Params()).isEmpty();
    } finally {
      node.close();
    }
  }
}
