package io.merapi.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.engine.CannedRpcServer.Answer;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.state.op.Predeploys;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How {@link RpcL2Client} reads blocks, retries an engine that does not answer, and grades bad
 * answers, against an HTTP server with canned answers. (Reading real blocks is {@code
 * EngineClientIT}'s part.)
 */
class RpcL2ClientTest {
  static final Block GENESIS = block(0, Hash.ZERO);
  static final RollupConfig ROLLUP =
      Rollups.withForks(
          Map.of(OpFork.REGOLITH, 0L, OpFork.CANYON, 0L, OpFork.DELTA, 0L), GENESIS.hash());

  /** Block 1 without the L1 info deposit every L2 block after the genesis starts with. */
  static final Block NO_L1_INFO = block(1, GENESIS.hash());

  static final RpcL2Client.Options FAST =
      new RpcL2Client.Options(
          Duration.ofSeconds(5),
          new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)),
          8);

  static Block block(long number, Hash parent) {
    Header header =
        new Header(
            parent,
            Header.EMPTY_OMMERS_HASH,
            Address.ZERO,
            Hash.fromHex("0x" + "5a".repeat(32)),
            Header.EMPTY_ROOT,
            Header.EMPTY_ROOT,
            LogsBloom.EMPTY,
            UInt256.ZERO,
            number,
            30_000_000,
            0,
            number * 2,
            Bytes.EMPTY,
            Hash.ZERO,
            0,
            Optional.of(UInt256.valueOf(1_000_000_000)),
            Optional.of(Header.EMPTY_ROOT),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            Optional.empty());
    return new Block(header, new BlockBody(List.of(), List.of(), Optional.of(List.of())));
  }

  static JsonNode json(Block block) {
    return Json.mapper().valueToTree(RpcBlock.of(block, true, List.of()));
  }

  @Test
  void anEngineThatFailsIsTriedAgainAndABlockReadOnceIsKeptByHash() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    calls.incrementAndGet() <= 2
                        ? new Answer(503, "starting")
                        : Answer.result(json(GENESIS), request));
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      L2BlockRef genesis = client.l2BlockRefByNumber(0).orElseThrow();
      assertThat(genesis)
          .isEqualTo(new L2BlockRef(GENESIS.hash(), 0, Hash.ZERO, 0, ROLLUP.genesis().l1(), 0));
      assertThat(server.requests).hasSize(3);
      JsonNode params = server.requests.get(2).body().get("params");
      assertThat(params.get(0).asText()).isEqualTo("0x0");
      assertThat(params.get(1).asBoolean()).isTrue();
      assertThat(client.l2BlockRefByHash(GENESIS.hash())).isEqualTo(genesis);
      assertThat(client.systemConfigByL2Hash(GENESIS.hash()))
          .isEqualTo(ROLLUP.genesis().systemConfig());
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void anEngineThatKeepsFailingIsATemporaryFailureAfterTheLastAttempt() throws Exception {
    try (CannedRpcServer server = new CannedRpcServer(request -> new Answer(503, "down"));
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      assertThatThrownBy(() -> client.l2BlockRefByNumber(0))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("eth_getBlockByNumber to " + server.uri())
          .hasMessageContaining("server error (503")
          .hasMessageContaining("after 3 tries");
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void answersThatAreNotTheBlockAskedForAreTemporaryFailures() throws Exception {
    ObjectNode noStateRoot = (ObjectNode) json(GENESIS);
    noStateRoot.remove("stateRoot");
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    switch (request.get("method").asText()) {
                      case "eth_getBlockByNumber" ->
                          request.get("params").get(0).asText().equals("0x0")
                              ? Answer.result(noStateRoot, request)
                              : Answer.result(json(GENESIS), request);
                      default -> Answer.result(json(NO_L1_INFO), request);
                    });
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      assertThatThrownBy(() -> client.l2BlockRefByNumber(0))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("malformed answer")
          .hasMessageContaining("stateRoot");
      assertThatThrownBy(() -> client.l2BlockRefByNumber(5))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("asked for block 5, got block 0");
      assertThatThrownBy(() -> client.l2BlockRefByHash(GENESIS.hash()))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("asked for block " + GENESIS.hash() + ", got " + NO_L1_INFO.hash());
    }
  }

  @Test
  void aBlockWithoutTheL1InfoDepositIsNotOfThisRollup() throws Exception {
    try (CannedRpcServer server =
            new CannedRpcServer(request -> Answer.result(json(NO_L1_INFO), request));
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      assertThatThrownBy(() -> client.l2BlockRefByNumber(1))
          .isInstanceOf(DerivationException.Critical.class)
          .hasMessageContaining("L2 block 1 (" + NO_L1_INFO.hash() + ")")
          .hasMessageContaining("is not a block of this rollup")
          .hasMessageContaining("missing the L1 info deposit");
      // Its transactions and payload need no L1 info.
      assertThat(client.transactionsByNumber(1)).contains(List.of());
      assertThat(client.payloadByNumber(1).orElseThrow().payload().blockHash())
          .isEqualTo(NO_L1_INFO.hash());
    }
  }

  @Test
  void labelsTheEngineHasNotSetAreEmpty() throws Exception {
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    switch (request.get("params").get(0).asText()) {
                      case "safe" -> Answer.error(-32000, "safe block not found", null, request);
                      case "finalized" -> Answer.error(-32601, "no such method", null, request);
                      default -> Answer.result(null, request);
                    });
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      assertThat(client.blockRefByLabel(BlockLabel.SAFE)).isEmpty();
      assertThat(client.blockRefByLabel(BlockLabel.LATEST)).isEmpty();
      assertThat(client.l2BlockRefByNumber(9)).isEmpty();
      assertThatThrownBy(() -> client.blockRefByLabel(BlockLabel.FINALIZED))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("the engine answered error -32601: no such method");
      assertThatThrownBy(() -> client.l2BlockRefByHash(Hash.fromHex("0x" + "77".repeat(32))))
          .isInstanceOf(DerivationException.Reset.class)
          .hasMessageContaining("does not know L2 block 0x7777");
    }
  }

  @Test
  void anOutputNeedsAProofThatHoldsForTheBlocksStateRoot() throws Exception {
    Map<String, Object> proof =
        Map.of(
            "address",
            Predeploys.L2_TO_L1_MESSAGE_PASSER.toHex(),
            "accountProof",
            List.of(),
            "balance",
            "0x0",
            "codeHash",
            "0x" + "c0".repeat(32),
            "nonce",
            "0x0",
            "storageHash",
            "0x" + "5e".repeat(32),
            "storageProof",
            List.of());
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    request.get("method").asText().equals("eth_getProof")
                        ? Answer.result(proof, request)
                        : Answer.result(json(GENESIS), request));
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      assertThatThrownBy(() -> client.outputAt(GENESIS.hash()))
          .isInstanceOf(DerivationException.Critical.class)
          .hasMessageContaining("does not match the block's state root");
      JsonNode getProof = server.requests.get(1).body().get("params");
      assertThat(getProof.get(0).asText())
          .isEqualToIgnoringCase(Predeploys.L2_TO_L1_MESSAGE_PASSER.toHex());
      assertThat(getProof.get(1)).isEmpty();
      assertThat(getProof.get(2).asText()).isEqualTo(GENESIS.hash().toHex());
    }
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    request.get("method").asText().equals("eth_getProof")
                        ? Answer.result(Map.of("address", "0x01"), request)
                        : Answer.result(json(GENESIS), request));
        RpcL2Client client = new RpcL2Client(server.uri(), ROLLUP, FAST)) {
      assertThatThrownBy(() -> client.outputAt(GENESIS.hash()))
          .isInstanceOf(DerivationException.Temporary.class)
          .hasMessageContaining("eth_getProof")
          .hasMessageContaining("malformed answer");
    }
  }
}
