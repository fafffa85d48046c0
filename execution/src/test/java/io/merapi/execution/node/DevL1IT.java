package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.execution.dev.DevBlobs;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merapi execution --dev} as a rollup's L1: a real blob transaction sent over JSON-RPC,
 * mined, its blobs fetched back over the beacon API as op-node fetches them (slot from the block
 * time, genesis and spec), before and after a restart on the same RocksDB; and a reorg made with
 * {@code debug_setHead}.
 */
class DevL1IT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path datadir;

  private ExecutionNodeConfig config(Optional<Path> dir, int safeDepth, int finalizedDepth) {
    ExecutionNodeConfig.Builder builder =
        ExecutionNodeConfig.builder()
            .http(
                Optional.of(
                    RpcServerConfig.httpDefaults()
                        .withPort(0)
                        .withModules(Set.of("eth", "net", "web3", "debug", "txpool"))))
            .dev(
                Optional.of(
                    new ExecutionNodeConfig.DevSettings(
                        0,
                        safeDepth,
                        finalizedDepth,
                        Optional.of(new ExecutionNodeConfig.BeaconEndpoint("127.0.0.1", 0)))));
    return (dir.isPresent() ? builder.datadir(dir.get()) : builder.inMemory()).build();
  }

  private record Answer(int status, JsonNode body) {}

  private static Answer get(URI base, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private static JsonNode ok(URI base, String path) throws Exception {
    Answer answer = get(base, path);
    assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
    return answer.body();
  }

  /** Polls a JSON-RPC result until it is not null; fails after {@link #WAIT}. */
  private static JsonNode awaitResult(JsonRpcHttp rpc, String method, String params)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode result = rpc.result(method, params);
      if (result != null && !result.isNull()) {
        return result;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(method + params + " still null after " + WAIT);
  }

  /** The slot of a block as op-node computes it from the beacon genesis and spec. */
  private static long slotOf(URI beacon, long timestamp) throws Exception {
    long genesisTime = ok(beacon, "/eth/v1/beacon/genesis").at("/data/genesis_time").asLong();
    long secondsPerSlot = ok(beacon, "/eth/v1/config/spec").at("/data/SECONDS_PER_SLOT").asLong();
    return (timestamp - genesisTime) / secondsPerSlot;
  }

  /** Checks the sidecars against the transaction's versioned hashes and their KZG proofs. */
  private static void checkSidecars(JsonNode data, BlobTransaction tx, BlobSidecar sent) {
    assertThat(data).hasSize(sent.blobs().size());
    KzgTrustedSetup.ensureLoaded();
    for (JsonNode sidecar : data) {
      int index = sidecar.get("index").asInt();
      Bytes blob = Bytes.fromHex(sidecar.get("blob").asText());
      Bytes commitment = Bytes.fromHex(sidecar.get("kzg_commitment").asText());
      Bytes proof = Bytes.fromHex(sidecar.get("kzg_proof").asText());
      assertThat(BlobSidecar.versionedHash(commitment))
          .isEqualTo(tx.blobVersionedHashes().get(index));
      assertThat(blob).isEqualTo(sent.blobs().get(index));
      assertThat(CKZG4844JNI.verifyBlobKzgProof(blob.array(), commitment.array(), proof.array()))
          .isTrue();
    }
  }

  @Test
  void blobsOfAMinedBlobTransactionAreServedByTheBeaconApiAcrossARestart() throws Exception {
    BlobSidecar sent = DevBlobs.sidecar(11, 12);
    long slot;
    BlobTransaction tx;
    JsonNode before;
    try (ExecutionNode node = ExecutionNode.start(config(Optional.of(datadir), 8, 16))) {
      JsonRpcHttp rpc = new JsonRpcHttp(node.httpUri().orElseThrow(), Duration.ofSeconds(30));
      URI beacon = node.beaconUri().orElseThrow();
      tx = DevBlobs.blobTx(node.dev().orElseThrow().accounts().keys().get(0), 0, sent);
      String hash =
          rpc.result("eth_sendRawTransaction", "[\"" + Hex.encode(tx.networkEncoded()) + "\"]")
              .asText();
      assertThat(hash).isEqualTo(tx.hash().toHex());
      JsonNode receipt = awaitResult(rpc, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
      assertThat(receipt.get("status").asText()).isEqualTo("0x1");
      assertThat(receipt.get("blobGasUsed").asText()).isEqualTo("0x40000");
      JsonNode block =
          rpc.result(
              "eth_getBlockByHash", "[\"" + receipt.get("blockHash").asText() + "\", false]");
      slot = slotOf(beacon, Hex.parseQuantity(block.get("timestamp").asText()));

      assertThat(ok(beacon, "/eth/v1/node/version").at("/data/version").asText())
          .startsWith("Merapi/");
      before = ok(beacon, "/eth/v1/beacon/blob_sidecars/" + slot);
      checkSidecars(before.get("data"), tx, sent);
      assertThat(before.at("/data/0/signed_block_header/message/slot").asLong()).isEqualTo(slot);
      JsonNode second = ok(beacon, "/eth/v1/beacon/blob_sidecars/" + slot + "?indices=1");
      assertThat(second.get("data")).hasSize(1);
      assertThat(second.at("/data/0/index").asText()).isEqualTo("1");
      JsonNode blobs =
          ok(
              beacon,
              "/eth/v1/beacon/blobs/"
                  + slot
                  + "?versioned_hashes="
                  + tx.blobVersionedHashes().get(0).toHex());
      assertThat(blobs.get("data")).hasSize(1);
      assertThat(Bytes.fromHex(blobs.at("/data/0").asText())).isEqualTo(sent.blobs().get(0));

      // Like a beacon node: 404 with a JSON body for an empty slot, 400 for an id it cannot read.
      Answer missing = get(beacon, "/eth/v1/beacon/blob_sidecars/" + (slot + 1000));
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body().get("code").asInt()).isEqualTo(404);
      Answer bad = get(beacon, "/eth/v1/beacon/blob_sidecars/latest");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().get("message").asText()).contains("Invalid block ID");
    }
    // The sidecars were stored with the block in RocksDB: a restarted node serves them the same.
    try (ExecutionNode node = ExecutionNode.start(config(Optional.of(datadir), 8, 16))) {
      URI beacon = node.beaconUri().orElseThrow();
      JsonNode after = ok(beacon, "/eth/v1/beacon/blob_sidecars/" + slot);
      checkSidecars(after.get("data"), tx, sent);
      assertThat(after.get("data")).isEqualTo(before.get("data"));
    }
  }

  private static Transaction transfer(Secp256k1.PrivateKey key, long nonce) {
    return new DynamicFeeTransaction(
            DevGenesis.CHAIN_ID,
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(10_000_000_000L),
            21_000,
            Optional.of(Address.fromHex("0x00000000000000000000000000000000000000cc")),
            UInt256.valueOf(1 + nonce),
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  private static long number(JsonNode block) {
    return Hex.parseQuantity(block.get("number").asText());
  }

  @Test
  void debugSetHeadRewindsAndTheNextBlocksMakeANewBranch() throws Exception {
    try (ExecutionNode node = ExecutionNode.start(config(Optional.empty(), 1, 2))) {
      JsonRpcHttp rpc = new JsonRpcHttp(node.httpUri().orElseThrow(), Duration.ofSeconds(30));
      Secp256k1.PrivateKey key = node.dev().orElseThrow().accounts().keys().get(0);
      Hash[] txs = new Hash[4];
      for (int nonce = 0; nonce < 4; nonce++) {
        Transaction tx = transfer(key, nonce);
        txs[nonce] = tx.hash();
        rpc.result("eth_sendRawTransaction", "[\"" + Hex.encode(tx.encoded()) + "\"]");
        awaitResult(rpc, "eth_getTransactionReceipt", "[\"" + tx.hash().toHex() + "\"]");
      }
      JsonNode oldThree = rpc.result("eth_getBlockByNumber", "[\"0x3\", false]");
      assertThat(number(rpc.result("eth_getBlockByNumber", "[\"latest\", false]"))).isEqualTo(4);
      assertThat(number(rpc.result("eth_getBlockByNumber", "[\"safe\", false]"))).isEqualTo(3);
      assertThat(number(rpc.result("eth_getBlockByNumber", "[\"finalized\", false]"))).isEqualTo(2);
      String filter = rpc.result("eth_newBlockFilter", "[]").asText();

      assertThat(rpc.call("debug_setHead", "[\"0x9\"]").at("/error/code").asInt())
          .isEqualTo(-32000);
      assertThat(rpc.call("debug_setHead", "[\"0x2\"]").get("result").isNull()).isTrue();
      // Safe and finalized are never above the head, whatever the producer did since.
      JsonNode safe = rpc.result("eth_getBlockByNumber", "[\"safe\", false]");
      JsonNode finalized = rpc.result("eth_getBlockByNumber", "[\"finalized\", false]");
      JsonNode head = rpc.result("eth_getBlockByNumber", "[\"latest\", false]");
      assertThat(number(safe)).isLessThanOrEqualTo(number(head));
      assertThat(number(finalized)).isLessThanOrEqualTo(number(safe));
      assertThat(number(finalized)).isEqualTo(2);

      // The pool took the rewound transactions back; the producer puts both in a new block 3.
      long deadline = System.nanoTime() + WAIT.toNanos();
      JsonNode receipt;
      do {
        receipt = rpc.result("eth_getTransactionReceipt", "[\"" + txs[3].toHex() + "\"]");
        Thread.sleep(50);
      } while ((receipt == null
              || receipt.isNull()
              || !receipt.get("blockNumber").asText().equals("0x3"))
          && System.nanoTime() < deadline);
      assertThat(receipt.get("blockNumber").asText()).isEqualTo("0x3");
      JsonNode newThree = rpc.result("eth_getBlockByNumber", "[\"0x3\", false]");
      assertThat(newThree.get("hash")).isNotEqualTo(oldThree.get("hash"));
      assertThat(newThree.get("parentHash")).isEqualTo(oldThree.get("parentHash"));
      assertThat(
              rpc.result("eth_getTransactionReceipt", "[\"" + txs[2].toHex() + "\"]")
                  .get("blockHash"))
          .isEqualTo(newThree.get("hash"));
      List<String> seen =
          JSON.convertValue(
              rpc.result("eth_getFilterChanges", "[\"" + filter + "\"]"),
              JSON.getTypeFactory().constructCollectionType(List.class, String.class));
      assertThat(seen).contains(newThree.get("hash").asText());
    }
  }
}
