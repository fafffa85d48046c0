package io.merapi.execution.txpool;

import static io.merapi.execution.testing.ChainFixture.GWEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool over JSON-RPC (txpool_*) and as the node's PoolAccess. */
class TxPoolRpcTest {
  private final ChainFixture fixture = new ChainFixture(3);
  private final TransactionPool pool =
      TransactionPool.create(fixture.chain, TxPoolConfig.defaults());
  private final RpcServer server;
  private final HttpRpcClient client;

  TxPoolRpcTest() {
    RpcMethods methods = new RpcMethods();
    TxPoolRpc.register(pool, methods);
    server =
        RpcServer.builder(
                RpcServerConfig.httpDefaults()
                    .withPort(0)
                    .withTransports(true, true)
                    .withThreads(1, 2))
            .methods(methods)
            .start();
    client = HttpRpcClient.create(server.httpUri(), RpcClientOptions.defaults());
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
    pool.close();
  }

  private final TxPoolAccess access = new TxPoolAccess(pool, false);

  private String send(Transaction tx) {
    return access.submit(tx).toHex();
  }

  private void assertServerError(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RpcError.SERVER_ERROR);
              assertThat(e.error().message()).startsWith(message);
            });
  }

  @Test
  void submissionsGoToThePoolOrSayWhyNot() {
    Secp256k1.PrivateKey alice = fixture.keys.get(0);
    Transaction tx = ChainFixture.transfer(alice, 0, GWEI, 10 * GWEI);
    assertThat(send(tx)).isEqualTo(tx.hash().toHex());
    assertThat(access.transaction(tx.hash())).contains(tx);
    assertThat(access.pendingNonce(alice.address())).hasValue(1);
    assertThat(access.pendingNonce(fixture.keys.get(1).address())).isEmpty();
    assertServerError(() -> send(tx), "already known");
    assertServerError(
        () -> send(ChainFixture.transfer(alice, 0, GWEI, 10 * GWEI + 1)),
        "replacement transaction underpriced");
    Transaction unprotected =
        LegacyTransaction.unsigned(
                OptionalLong.empty(),
                1,
                UInt256.valueOf(10 * GWEI),
                21_000,
                Optional.of(ChainFixture.RECIPIENT),
                UInt256.ONE,
                Bytes.EMPTY)
            .sign(alice);
    assertServerError(
        () -> send(unprotected), "only replay-protected (EIP-155) transactions allowed over RPC");
    assertThat(new TxPoolAccess(pool, true).submit(unprotected)).isEqualTo(unprotected.hash());
  }

  @Test
  void txpoolMethodsDescribeTheContent() {
    Secp256k1.PrivateKey alice = fixture.keys.get(0);
    Transaction pending = ChainFixture.transfer(alice, 0, GWEI, 10 * GWEI);
    Transaction queued = ChainFixture.legacy(alice, 2, 3 * GWEI);
    send(pending);
    send(queued);
    String sender = alice.address().toChecksumHex();

    JsonNode status = client.call("txpool_status");
    assertThat(status.get("pending").textValue()).isEqualTo("0x1");
    assertThat(status.get("queued").textValue()).isEqualTo("0x1");

    JsonNode content = client.call("txpool_content");
    JsonNode tx = content.get("pending").get(sender).get("0");
    assertThat(tx.get("hash").textValue()).isEqualTo(pending.hash().toHex());
    assertThat(tx.get("from").textValue()).isEqualToIgnoringCase(sender);
    assertThat(tx.get("blockHash").isNull()).isTrue();
    assertThat(content.get("queued").get(sender).get("2").get("hash").textValue())
        .isEqualTo(queued.hash().toHex());

    JsonNode from = client.call("txpool_contentFrom", alice.address().toHex());
    assertThat(from.get("pending").get("0").get("nonce").textValue()).isEqualTo("0x0");
    assertThat(from.get("queued").has("2")).isTrue();

    JsonNode inspect = client.call("txpool_inspect");
    String recipient = ChainFixture.RECIPIENT.toChecksumHex();
    assertThat(inspect.get("pending").get(sender).get("0").textValue())
        .isEqualTo(recipient + ": 1 wei + 21000 gas \u00d7 10000000000 wei");
    assertThat(inspect.get("queued").get(sender).get("2").textValue())
        .isEqualTo(recipient + ": 1 wei + 21000 gas \u00d7 3000000000 wei");
  }

  @Test
  void newlyPendingTransactionsAreAnnounced() {
    List<List<Transaction>> announced = new ArrayList<>();
    access.onNewTransactions(announced::add);
    Secp256k1.PrivateKey bob = fixture.keys.get(1);
    Transaction later = ChainFixture.transfer(bob, 1, GWEI, 10 * GWEI);
    Transaction first = ChainFixture.transfer(bob, 0, GWEI, 10 * GWEI);
    send(later); // queued: nothing to announce yet
    assertThat(announced).isEmpty();
    send(first); // both become pending
    assertThat(announced).containsExactly(List.of(first, later));
  }
}
