package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.explorer.PageClient.Response;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.node.RollupRig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's follower across a real reorg: a dev execution node in this JVM ({@code merapi
 * execution --dev}, mining a block per transaction) is read as the explorer's L2 and rewound with
 * {@code debug_setHead}; the pool takes the rewound transactions back and the node mines a new
 * branch. The index must drop the replaced blocks and follow the new ones, the transaction pages
 * must point at the new block and the old block's page must say it was reorged.
 */
class ExplorerReorgIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Address SINK = Address.fromHex("0x00000000000000000000000000000000000000cc");

  @TempDir Path tmp;

  private final PageClient pages = new PageClient();

  @Test
  void theIndexAndThePagesFollowTheNewBranchAfterARewind() throws Exception {
    ExecutionNodeConfig nodeConfig =
        ExecutionNodeConfig.builder()
            .http(Optional.of(RpcServerConfig.httpDefaults().withPort(0)))
            .dev(Optional.of(new ExecutionNodeConfig.DevSettings(0)))
            .inMemory()
            .build();
    try (ExecutionNode node = ExecutionNode.start(nodeConfig);
        RpcClient rpc =
            HttpRpcClient.create(node.httpUri().orElseThrow(), RpcClientOptions.defaults())) {
      URI chain = node.httpUri().orElseThrow();
      // No rollup node: the explorer reads the dev chain as its L1 and its L2, and follows the
      // L2 (whose bridge emitters are predeploys; the L1 side needs the node for the portal).
      ExplorerConfig base = ExplorerConfig.of(chain, chain, closedPort(), tmp.resolve("explorer"));
      ExplorerConfig config =
          new ExplorerConfig(
              base.l1(),
              base.l2(),
              base.node(),
              base.host(),
              0,
              base.datadir(),
              Duration.ofMillis(100),
              Duration.ofMillis(100),
              base.backfill(),
              Optional.empty());
      Secp256k1.PrivateKey key = node.dev().orElseThrow().accounts().keys().get(0);
      try (Explorer explorer = Explorer.start(config)) {
        Hash[] txs = new Hash[3];
        for (int nonce = 0; nonce < txs.length; nonce++) {
          txs[nonce] = send(rpc, key, nonce);
        }
        long last = blockOf(rpc, txs[2]);
        Hash lastTx = txs[2];
        RollupRig.awaitTrue(
            () -> explorer.index().transaction(Chain.L2, lastTx).isPresent(),
            "the index holds the last transaction",
            WAIT);
        long first = blockOf(rpc, txs[0]);
        Hash replaced = explorer.index().block(Chain.L2, first + 1).orElseThrow().hash();
        assertThat(pages.get(explorer.uri(), "/l2/block/" + replaced.toHex()).body())
            .doesNotContain("reorged");

        // Rewind below the second transaction: the pool takes it and the third back, and the
        // node mines them on a new branch.
        rpc.call("debug_setHead", Hex.quantity(first));
        RollupRig.awaitTrue(
            () -> {
              JsonNode receipt = rpc.call("eth_getTransactionReceipt", lastTx.toHex());
              return receipt != null
                  && !receipt.isNull()
                  && !Hash.fromHex(receipt.get("blockHash").asText()).equals(hashAt(rpc, last));
            },
            "the node mines the rewound transactions again",
            WAIT);
        Hash newBlock = blockHashOf(rpc, lastTx);
        long newNumber = blockOf(rpc, lastTx);
        RollupRig.awaitTrue(
            () ->
                explorer
                    .index()
                    .block(Chain.L2, newNumber)
                    .map(IndexedBlock::hash)
                    .equals(Optional.of(newBlock)),
            "the index follows the new branch",
            WAIT);

        // The index has the node's chain, block for block.
        long head = explorer.index().head(Chain.L2).orElseThrow().number();
        for (long n = first; n <= head; n++) {
          assertThat(explorer.index().block(Chain.L2, n).orElseThrow().hash())
              .as("block %d", n)
              .isEqualTo(hashAt(rpc, n));
        }
        assertThat(explorer.index().transaction(Chain.L2, lastTx).orElseThrow().blockNumber())
            .isEqualTo(newNumber);
        assertThat(explorer.index().latest(Chain.L2, 10))
            .extracting(IndexedBlock::hash)
            .doesNotContain(replaced);

        // The pages: the transaction is in its new block, the old block says it was replaced.
        String txPage = pages.get(explorer.uri(), "/l2/tx/" + lastTx.toHex()).body();
        assertThat(txPage).contains("href=\"/l2/block/" + newNumber + "\"");
        Response old = pages.get(explorer.uri(), "/l2/block/" + replaced.toHex());
        if (old.status() == 200) {
          assertThat(old.body()).contains(">reorged<").contains("not on the canonical chain");
        } else {
          assertThat(old.status()).isEqualTo(404);
          assertThat(old.body()).contains("No L2 block has the hash");
        }
        String address =
            pages
                .get(
                    explorer.uri(), "/l2/address/" + node.dev().get().accounts().addresses().get(0))
                .body();
        assertThat(address).contains("href=\"/l2/tx/" + lastTx.toHex() + "\"");
        assertThat(address).contains("href=\"/l2/block/" + newNumber + "\"");
      }
    }
  }

  private static Hash send(RpcClient rpc, Secp256k1.PrivateKey key, long nonce) {
    SignedTransaction tx =
        new DynamicFeeTransaction(
                DevGenesis.CHAIN_ID,
                nonce,
                UInt256.valueOf(1_000_000_000L),
                UInt256.valueOf(10_000_000_000L),
                21_000,
                Optional.of(SINK),
                UInt256.valueOf(1 + nonce),
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO)
            .sign(key);
    rpc.call("eth_sendRawTransaction", Hex.encode(tx.encoded()));
    RollupRig.awaitTrue(
        () -> !rpc.call("eth_getTransactionReceipt", tx.hash().toHex()).isNull(),
        "transaction " + nonce + " is mined",
        WAIT);
    return tx.hash();
  }

  private static long blockOf(RpcClient rpc, Hash tx) {
    return Hex.parseQuantity(
        rpc.call("eth_getTransactionReceipt", tx.toHex()).get("blockNumber").asText());
  }

  private static Hash blockHashOf(RpcClient rpc, Hash tx) {
    return Hash.fromHex(
        rpc.call("eth_getTransactionReceipt", tx.toHex()).get("blockHash").asText());
  }

  private static Hash hashAt(RpcClient rpc, long number) {
    JsonNode block = rpc.call("eth_getBlockByNumber", Hex.quantity(number), false);
    return block == null || block.isNull() ? Hash.ZERO : Hash.fromHex(block.get("hash").asText());
  }

  /** A loopback port that was free a moment ago: nothing listens there. */
  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
