package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.cli.MerapiRun.Output;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.OpChainRules;
import io.merapi.state.op.Predeploys;
import io.merapi.state.store.StateCommitter;
import io.merapi.storage.TrieNodeStore;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.config.Genesis;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip at the node level: an OP execution node (the small Holocene chain of
 * {@code op/op-devnet-genesis.json}, predeploys by alloc) builds blocks from OP payload attributes
 * (an Ecotone-layout L1 info deposit first, a user deposit, user transactions) and imports them;
 * then, for each block, the witness the node serves over JSON-RPC ({@code debug_executionWitness}),
 * the parent header it serves ({@code eth_getBlockByNumber}), the attributes and a rollup.json for
 * the chain go through {@code merapi execution stateless}, which must print the node's block hash.
 *
 * <p>Blocks are built through the chain here; driving them through the Engine API waits for the
 * Engine API in the node assembly.
 */
class OpRoundTripTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Secp256k1.PrivateKey ALICE =
      Secp256k1.PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final Address BLOCKHASHER = Address.fromHex("0x00000000000000000000000000000000000b10c0");
  static final Address RECEIVER = Address.fromHex("0x0000000000000000000000000000000000f7e500");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void blocksBuiltByTheNodeReExecuteThroughTheCliToTheSameHashes(@TempDir Path dir)
      throws Exception {
    Genesis genesis;
    try (InputStream in = getClass().getResourceAsStream("/op/op-devnet-genesis.json")) {
      genesis = Genesis.fromJson(JSON.readTree(in));
    }
    try (ExecutionNode node =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .inMemory()
                .genesis(genesis)
                .http(
                    Optional.of(
                        RpcServerConfig.httpDefaults()
                            .withPort(0)
                            .withModules(Set.of(RpcServerConfig.ALL_MODULES))))
                .build())) {
      URI uri = node.httpUri().orElseThrow();
      OpChainRules rules = new OpChainRules(node.chain().config());
      Files.writeString(dir.resolve("rollup.json"), rollupJson(node.chain().genesis().hash()));

      List<PayloadAttributes> attributes = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        List<Transaction> txs = new ArrayList<>();
        long l1Number = 7_000_000 + (i + 1) / 2;
        txs.add(
            new L1Attributes.Ecotone(
                    1368,
                    810_949,
                    (i + 1) % 2,
                    0x67000000L + 12 * (l1Number - 7_000_000),
                    l1Number,
                    UInt256.valueOf(6_000_000_000L + i),
                    UInt256.valueOf(2),
                    Keccak256.digest(UInt256.valueOf(l1Number).toBytes()),
                    Hash.fromHex("0x" + "00".repeat(12) + "77".repeat(20)))
                .deposit(true));
        if (i % 2 == 1) {
          txs.add(
              new DepositTransaction(
                  Keccak256.digest(UInt256.valueOf(i).toBytes()),
                  Address.fromHex("0x00000000000000000000000000000000000a11a5"),
                  Optional.of(RECEIVER),
                  UInt256.valueOf(1_000_000_000_000_000L),
                  UInt256.valueOf(i),
                  100_000,
                  false,
                  Bytes.EMPTY));
        }
        long nonce = node.chain().headState().account(ALICE.address()).orElseThrow().nonce();
        txs.add(userTx(node, nonce, RECEIVER, 1));
        txs.add(userTx(node, nonce + 1, BLOCKHASHER, 0));
        PayloadAttributes a = attributes(node.chain().head(), txs, i == 3);
        attributes.add(a);
        build(node, rules, a);
      }
      assertThat(node.chain().head().number()).isEqualTo(5);

      for (int n = 1; n <= 5; n++) {
        Path block = Files.createDirectories(dir.resolve("block" + n));
        Files.writeString(
            block.resolve("witness.json"),
            JSON.writeValueAsString(
                result(uri, "debug_executionWitness", "[\"" + Hex.quantity(n) + "\"]")));
        Files.writeString(
            block.resolve("parent.json"),
            JSON.writeValueAsString(
                result(uri, "eth_getBlockByNumber", "[\"" + Hex.quantity(n - 1) + "\", false]")));
        Files.writeString(
            block.resolve("attrs.json"), JSON.writeValueAsString(attributes.get(n - 1).toJson()));
        Output output =
            merapi(
                "execution",
                "stateless",
                "--rollup.config",
                dir.resolve("rollup.json").toString(),
                "--parent",
                block.resolve("parent.json").toString(),
                "--attributes",
                block.resolve("attrs.json").toString(),
                "--witness",
                block.resolve("witness.json").toString());
        assertThat(output.exitCode()).as(output.err()).isZero();
        String served =
            result(uri, "eth_getBlockByNumber", "[\"" + Hex.quantity(n) + "\", false]")
                .get("hash")
                .asText();
        assertThat(JSON.readTree(output.out()).get("hash").asText())
            .as("block %d", n)
            .isEqualTo(served);
      }
    }
  }

  static Transaction userTx(ExecutionNode node, long nonce, Address to, long value) {
    return new DynamicFeeTransaction(
            node.chain().config().chainId(),
            nonce,
            UInt256.valueOf(1_000_000),
            UInt256.valueOf(10_000_000_000L),
            100_000,
            Optional.of(to),
            UInt256.valueOf(value),
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(ALICE);
  }

  static PayloadAttributes attributes(ChainHead head, List<Transaction> txs, boolean newParams) {
    long number = head.number() + 1;
    return new PayloadAttributes(
        head.header().timestamp() + 2,
        Keccak256.digest(("randao " + number).getBytes()),
        Predeploys.SEQUENCER_FEE_VAULT,
        Optional.of(List.of()),
        Optional.of(Keccak256.digest(("beacon " + number).getBytes())),
        txs.stream().map(tx -> Bytes.wrap(tx.encoded())).toList(),
        true,
        OptionalLong.of(30_000_000),
        Optional.of(Bytes.fromHex(newParams ? "0x0000007d00000003" : "0x0000000000000000")),
        Optional.empty());
  }

  static void build(ExecutionNode node, OpChainRules rules, PayloadAttributes attributes) {
    ChainHead head = node.chain().head();
    TrieNodeStore nodes = new TrieNodeStore(node.store());
    OpBlockBuilder.Built built =
        new OpBlockBuilder(rules)
            .build(
                head.header(),
                attributes,
                node.chain().headState(),
                node.chain().ancestorHashes(head.hash()),
                changes ->
                    StateCommitter.commit(head.header().stateRoot(), nodes, changes).stateRoot());
    node.chain()
        .importBlockAsHead(
            new Block(
                built.header(),
                new BlockBody(built.transactions(), List.of(), Optional.of(List.of()))));
  }

  /** op-node's rollup.json for the test chain: every fork through Holocene at genesis. */
  static String rollupJson(Hash l2Genesis) {
    return """
        {"genesis": {"l1": {"hash": "0x%s", "number": 7000000},
          "l2": {"hash": "%s", "number": 0},
          "l2_time": %d,
          "system_config": {"batcherAddr": "0x7777777777777777777777777777777777777777",
            "overhead": "0x0000000000000000000000000000000000000000000000000000000000000000",
            "scalar": "0x010000000000000000000000000000000000000000000000000c5fc500000558",
            "gasLimit": 30000000,
            "eip1559Params": "0x0000000000000000"}},
         "block_time": 2, "max_sequencer_drift": 1800, "seq_window_size": 3600,
         "channel_timeout": 300, "l1_chain_id": 900, "l2_chain_id": 901,
         "regolith_time": 0, "canyon_time": 0, "delta_time": 0, "ecotone_time": 0,
         "fjord_time": 0, "granite_time": 0, "holocene_time": 0,
         "batch_inbox_address": "0xff00000000000000000000000000000000000901",
         "deposit_contract_address": "0x6900000000000000000000000000000000000001",
         "l1_system_config_address": "0x6900000000000000000000000000000000000002",
         "chain_op_config": {"eip1559Elasticity": 6, "eip1559Denominator": 50,
           "eip1559DenominatorCanyon": 250}}
        """
        .formatted("11".repeat(32), l2Genesis.toHex(), 0x67000000L);
  }

  JsonNode result(URI uri, String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    JsonNode response =
        JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    if (response.has("error")) {
      throw new AssertionError(method + " answered " + response.get("error"));
    }
    return response.get("result");
  }
}
