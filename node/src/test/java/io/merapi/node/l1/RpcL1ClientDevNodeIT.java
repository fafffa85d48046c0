package io.merapi.node.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.L1BlockRef;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.client.BlockLabel;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.block.Block;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcL1Client} against a real {@code merapi execution --dev} node started in-process: the
 * blocks, transactions and receipts it reads pass its checks and equal the node's own.
 */
class RpcL1ClientDevNodeIT {
  private static final Hash TOPIC = Hash.fromHex("0x" + "5e".repeat(32));

  /** Init code that logs one word under {@link #TOPIC} and deploys nothing. */
  private static final Bytes LOGGING_INIT_CODE =
      Bytes.fromHex("0x602a600052" + "7f" + TOPIC.toHex().substring(2) + "60206000a100");

  @Test
  void readsBlocksTransactionsAndReceiptsOfADevChain() throws Exception {
    ExecutionNodeConfig config =
        ExecutionNodeConfig.builder()
            .inMemory()
            .http(
                Optional.of(
                    RpcServerConfig.httpDefaults()
                        .withPort(0)
                        .withModules(Set.of("eth", "net", "web3"))))
            .dev(Optional.of(new ExecutionNodeConfig.DevSettings(0)))
            .build();
    try (ExecutionNode node = ExecutionNode.start(config);
        HttpRpcClient sender =
            HttpRpcClient.create(node.httpUri().orElseThrow(), RpcClientOptions.defaults())) {
      Secp256k1.PrivateKey key = node.dev().orElseThrow().accounts().keys().get(0);
      List<Transaction> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean create = i % 2 == 0;
        Transaction tx =
            new DynamicFeeTransaction(
                    DevGenesis.CHAIN_ID,
                    i,
                    UInt256.valueOf(1_000_000_000L),
                    UInt256.valueOf(50_000_000_000L),
                    create ? 200_000 : 21_000,
                    create
                        ? Optional.empty()
                        : Optional.of(
                            Address.fromHex("0x00000000000000000000000000000000000000bb")),
                    UInt256.valueOf(create ? 0 : 1234),
                    create ? LOGGING_INIT_CODE : Bytes.EMPTY,
                    AccessList.EMPTY,
                    UInt256.ZERO,
                    UInt256.ZERO,
                    UInt256.ZERO)
                .sign(key);
        sent.add(tx);
        sender.call("eth_sendRawTransaction", Hex.encode(tx.encoded()));
      }
      // A block per transaction (--dev.period 0): wait for the last, bounded in time.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (node.chain().transactionLocation(sent.getLast().hash()).isEmpty()) {
        assertThat(System.nanoTime()).as("all transactions sealed in time").isLessThan(deadline);
        Thread.sleep(20);
      }
      long head = node.chain().head().number();

      for (RpcKind kind : List.of(RpcKind.STANDARD, RpcKind.BASIC)) {
        try (RpcL1Client client =
            RpcL1Client.connect(
                node.httpUri().orElseThrow(),
                RpcClientOptions.defaults(),
                L1ClientConfig.defaults().withRpcKind(kind),
                new SimpleMeterRegistry())) {
          assertThat(client.blockRefByLabel(BlockLabel.LATEST).orElseThrow().number())
              .isGreaterThanOrEqualTo(head);
          assertThat(client.blockRefByNumber(head + 1_000)).isEmpty();
          long logs = 0;
          for (long number = 0; number <= head; number++) {
            Block expected = node.chain().block(number).orElseThrow();
            L1BlockRef ref = client.blockRefByNumber(number).orElseThrow();
            assertThat(ref.hash()).isEqualTo(expected.hash());
            assertThat(ref.parentHash()).isEqualTo(expected.header().parentHash());
            assertThat(ref.time()).isEqualTo(expected.header().timestamp());
            assertThat(client.headerByHash(ref.hash())).isEqualTo(expected.header());
            assertThat(client.transactionsByHash(ref.hash())).isEqualTo(expected.transactions());
            List<Receipt> receipts = client.receiptsByHash(ref.hash());
            assertThat(receipts).isEqualTo(node.chain().receipts(expected.hash()).orElseThrow());
            for (Receipt receipt : receipts) {
              assertThat(receipt.status()).hasValue(true);
              logs += receipt.logs().stream().filter(l -> l.topics().contains(TOPIC)).count();
            }
          }
          assertThat(logs).as("logs of the two contract creations").isEqualTo(2);
        }
      }
    }
  }
}
