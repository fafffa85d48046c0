package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.info.Endpoints;
import io.merapi.devnet.load.LoadGenerator;
import io.merapi.devnet.load.LoadSettings;
import io.merapi.devnet.load.ReceiptReport;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.explorer.PageClient.Response;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.node.RollupRig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer against a devnet in this JVM, over HTTP as a browser asks: a few real L2 transfers
 * are sent, then each page kind is fetched and checked for what a person looks for (the heads, the
 * transfer's status reaching safe, its block and its sender's history, an L1 batcher block and
 * transaction, search redirects), bad input gets readable 400/404 pages without a stack trace, and
 * a restarted explorer reopens its index where it was.
 */
class ExplorerIT {
  private static final Logger LOG = LoggerFactory.getLogger(ExplorerIT.class);

  /** The transfers' funder: account #9, which the devnet's services do not use. */
  private static final int FUNDER = 9;

  /** The depositor: account #5, which the devnet's services and the other tests do not use. */
  private static final int DEPOSITOR = 5;

  static final UInt256 DEPOSIT = UInt256.valueOf(1_000_000_000_000_000L); // 0.001 ETH

  private static final Duration INDEXED = Duration.ofSeconds(60);
  private static final Duration SAFE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private final PageClient pages = new PageClient();

  @Test
  void everyPageKindShowsWhatAPersonLooksForAndBadInputGetsAReadablePage() throws Exception {
    DevnetConfig devnetConfig =
        DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    try (Devnet devnet = Devnet.start(devnetConfig)) {
      devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      Endpoints endpoints = devnet.info().endpoints();
      ExplorerConfig config =
          ExplorerConfig.of(
                  endpoints.l1Rpc(), endpoints.l2Rpc(), endpoints.node(), tmp.resolve("explorer"))
              .withPort(0)
              .withL1Beacon(endpoints.l1Beacon());
      long indexedL2;
      try (Explorer explorer = Explorer.start(config)) {
        URI base = explorer.uri();
        List<Hash> transfers = sendTransfers(endpoints.l2Rpc());
        Hash transfer = transfers.getFirst();
        JsonNode receipt;
        try (RpcClient l2 = HttpRpcClient.create(endpoints.l2Rpc(), RpcClientOptions.defaults())) {
          receipt = l2.call("eth_getTransactionReceipt", transfer.toHex());
        }
        long block = Hex.parseQuantity(receipt.get("blockNumber").asText());
        Address sender = Address.fromHex(receipt.get("from").asText());
        RollupRig.awaitTrue(
            () -> explorer.index().transaction(Chain.L2, transfer).isPresent(),
            "the index holds the transfer",
            INDEXED);

        Response home = pages.get(base, "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body())
            .contains("The rollup at a glance")
            .contains("L2 unsafe")
            .contains("L2 safe")
            .contains("L2 finalized")
            .contains("L1 head")
            .contains("Latest L1 blocks")
            .contains("Latest L2 blocks")
            .contains("href=\"/l2/block/")
            .contains("http-equiv=\"refresh\"");
        assertReadable(home);

        Response tx = pages.get(base, "/l2/tx/" + transfer.toHex());
        assertThat(tx.status()).isEqualTo(200);
        assertThat(tx.body())
            .contains(transfer.toHex())
            .contains(">success<")
            .contains("L2 status")
            .contains(sender.toChecksumHex())
            .contains("href=\"/l2/block/" + block + "\"")
            .contains("EIP-1559")
            .contains("0.000000000000000001 ETH"); // each transfer pays one wei
        RollupRig.awaitTrue(
            () -> {
              String body = pages.get(base, "/l2/tx/" + transfer.toHex()).body();
              return body.contains("class=\"status safe\"")
                  || body.contains("class=\"status finalized\"");
            },
            "the transfer's page says it is safe",
            SAFE);
        // Once safe: the L1 block that made it so and the batcher transaction there (found in the
        // background: the page says it is looking until then), which links back as a batcher
        // transaction.
        RollupRig.awaitTrue(
            () ->
                pages
                    .get(base, "/l2/tx/" + transfer.toHex())
                    .body()
                    .contains("Batcher transaction"),
            "the safe transfer's page names its batcher transaction",
            SAFE);
        String safeTx = pages.get(base, "/l2/tx/" + transfer.toHex()).body();
        assertThat(safeTx).contains("Made safe by").contains("Batcher transaction");
        Matcher carrier =
            Pattern.compile(
                    "Batcher transaction</th><td class=\"mono\"><a href=\"(/l1/tx/0x[0-9a-f]{64})\"")
                .matcher(safeTx);
        assertThat(carrier.find()).as(safeTx).isTrue();
        Response batcherTx = pages.get(base, carrier.group(1));
        assertThat(batcherTx.status()).isEqualTo(200);
        assertThat(batcherTx.body()).contains("batcher transaction: carries L2 batch data");

        Response blockPage = pages.get(base, "/l2/block/" + block);
        assertThat(blockPage.status()).isEqualTo(200);
        assertThat(blockPage.body())
            .contains("L2 block " + block)
            .contains("href=\"/l2/tx/" + transfer.toHex() + "\"")
            .contains("deposit"); // the L1 attributes deposit opens every L2 block
        assertReadable(blockPage);

        Response address = pages.get(base, "/l2/address/" + sender.toHex());
        assertThat(address.status()).isEqualTo(200);
        assertThat(address.body())
            .contains(sender.toChecksumHex())
            .contains("Balance")
            .contains(" ETH")
            .contains("account")
            .contains("href=\"/l2/tx/" + transfer.toHex() + "\"");

        // A deposit: ether sent to the portal on L1 arrives on L2, and each side links to the
        // other.
        Address portal = devnet.info().l1Contracts().get("OptimismPortal");
        Hash l1Deposit = sendL1(endpoints.l1Rpc(), portal, DEPOSIT);
        RollupRig.awaitTrue(
            () -> pages.get(base, "/l1/tx/" + l1Deposit.toHex()).body().contains(" in L2 block "),
            "the deposit's L1 page shows its L2 transaction in a block",
            SAFE);
        String l1DepositPage = pages.get(base, "/l1/tx/" + l1Deposit.toHex()).body();
        assertThat(l1DepositPage).contains("Deposits to L2").contains("0.001 ETH");
        Matcher l2Leg = Pattern.compile("href=\"(/l2/tx/0x[0-9a-f]{64})\"").matcher(l1DepositPage);
        assertThat(l2Leg.find()).as(l1DepositPage).isTrue();
        Response l2Deposit = pages.get(base, l2Leg.group(1));
        assertThat(l2Deposit.status()).isEqualTo(200);
        assertThat(l2Deposit.body())
            .contains(">deposit<")
            .contains("from L1")
            .contains("href=\"/l1/tx/" + l1Deposit.toHex() + "\"");
        assertReadable(l2Deposit);

        // The L1: a block with a transaction (the batcher's or the proposer's) and that
        // transaction's page.
        IndexedBlock l1Block = awaitL1BlockWithTransactions(explorer);
        Hash l1Tx = l1Block.transactions().getFirst().hash();
        Response l1BlockPage = pages.get(base, "/l1/block/" + l1Block.number());
        assertThat(l1BlockPage.status()).isEqualTo(200);
        assertThat(l1BlockPage.body())
            .contains("L1 block " + l1Block.number())
            .contains("href=\"/l1/tx/" + l1Tx.toHex() + "\"");
        Response l1TxPage = pages.get(base, "/l1/tx/" + l1Tx.toHex());
        assertThat(l1TxPage.status()).isEqualTo(200);
        assertThat(l1TxPage.body()).contains("L1 transaction").contains("L1 status");

        // Search finds each kind of thing.
        assertRedirect(
            pages.get(base, "/search?q=" + transfer.toHex()), "/l2/tx/" + transfer.toHex());
        assertRedirect(pages.get(base, "/search?q=" + l1Tx.toHex()), "/l1/tx/" + l1Tx.toHex());
        assertRedirect(pages.get(base, "/search?q=" + block), "/l2/block/" + block);
        assertRedirect(
            pages.get(base, "/search?q=" + sender.toChecksumHex()),
            "/l2/address/" + sender.toHex());

        // Bad input: readable pages, the input escaped, never a stack trace.
        Response script = pages.get(base, "/search?q=" + encode("<script>alert(1)</script>"));
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.body())
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            .doesNotContain("<script>");
        assertReadable(script);
        assertProblem(pages.get(base, "/search?q=0x1234"), 400, "a hash has 64 digits");
        assertProblem(pages.get(base, "/search?q=hello"), 400, "cannot be looked up");
        assertProblem(
            pages.get(base, "/search?q=0x" + "42".repeat(32)),
            404,
            "No transaction or block on L1 or L2");
        assertProblem(
            pages.get(base, "/l2/tx/0x" + "00".repeat(31) + "01"), 404, "Transaction not found");
        assertProblem(pages.get(base, "/l2/block/99999999"), 404, "is past the head");
        assertProblem(
            pages.get(base, "/l1/block/0x" + "ab".repeat(32)), 404, "No L1 block has the hash");
        assertProblem(pages.get(base, "/l2/block/12abc"), 400, "a block is a number");
        assertProblem(
            pages.get(base, "/l2/tx/0x12"), 400, "a hash is 0x followed by 64 hex digits");
        assertProblem(pages.get(base, "/l2/address/0xnothex"), 400, "an address is 0x");
        assertProblem(pages.get(base, "/l3/block/1"), 404, "There is no page at");
        assertThat(post(base, "/").statusCode()).isEqualTo(405);

        indexedL2 = explorer.index().head(Chain.L2).orElseThrow().number();
      }

      // A restart reopens the index where it was and goes on.
      try (Explorer again = Explorer.start(config)) {
        assertThat(again.index().head(Chain.L2).orElseThrow().number())
            .isGreaterThanOrEqualTo(indexedL2);
        RollupRig.awaitTrue(
            () -> again.index().head(Chain.L2).orElseThrow().number() > indexedL2 + 1,
            "the restarted explorer indexes new blocks",
            INDEXED);
        assertThat(pages.get(again.uri(), "/").status()).isEqualTo(200);
      }
    }
  }

  /** Ether to {@code to} on L1 from the depositor, mined (ExplorerBrowserIT's deposit too). */
  static Hash sendL1(URI l1, Address to, UInt256 value) {
    Secp256k1.PrivateKey key = DevAccounts.defaults().keys().get(DEPOSITOR);
    try (RpcClient rpc = HttpRpcClient.create(l1, RpcClientOptions.defaults())) {
      Address from = DevAccounts.defaults().addresses().get(DEPOSITOR);
      long nonce =
          Hex.parseQuantity(rpc.call("eth_getTransactionCount", from.toHex(), "pending").asText());
      long chainId = Hex.parseQuantity(rpc.call("eth_chainId").asText());
      SignedTransaction tx =
          new DynamicFeeTransaction(
                  chainId,
                  nonce,
                  UInt256.valueOf(1_000_000_000L),
                  UInt256.valueOf(100_000_000_000L),
                  300_000,
                  Optional.of(to),
                  value,
                  Bytes.EMPTY,
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(key);
      rpc.call("eth_sendRawTransaction", Hex.encode(tx.encoded()));
      RollupRig.awaitTrue(
          () -> !rpc.call("eth_getTransactionReceipt", tx.hash().toHex()).isNull(),
          "the L1 deposit is mined",
          INDEXED);
      JsonNode receipt = rpc.call("eth_getTransactionReceipt", tx.hash().toHex());
      assertThat(receipt.get("status").asText()).isEqualTo("0x1");
      return tx.hash();
    }
  }

  /** A few real L2 transfers from one sender, all mined (ExplorerBrowserIT's too). */
  static List<Hash> sendTransfers(URI l2) throws InterruptedException {
    try (LoadGenerator load =
        LoadGenerator.start(
            LoadSettings.of(l2, DevAccounts.defaults().keys().get(FUNDER), 3).withSenders(1))) {
      Thread.sleep(2_000);
      LOG.info("transfers: {}", load.stop());
      ReceiptReport receipts = load.awaitReceipts(Duration.ofSeconds(60));
      assertThat(receipts.complete()).as("%s", receipts).isTrue();
      assertThat(load.hashes()).isNotEmpty();
      return load.hashes();
    }
  }

  static IndexedBlock awaitL1BlockWithTransactions(Explorer explorer) {
    AtomicReference<Optional<IndexedBlock>> found = new AtomicReference<>(Optional.empty());
    RollupRig.awaitTrue(
        () -> {
          found.set(
              explorer.index().latest(Chain.L1, 50).stream()
                  .filter(b -> !b.transactions().isEmpty())
                  .findFirst());
          return found.get().isPresent();
        },
        "an indexed L1 block with a transaction",
        INDEXED);
    return found.get().orElseThrow();
  }

  private HttpResponse<String> post(URI base, String path) throws Exception {
    return pages
        .http()
        .send(
            HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void assertRedirect(Response response, String location) {
    assertThat(response.status()).isEqualTo(303);
    assertThat(response.location()).contains(location);
  }

  private static void assertProblem(Response response, int status, String text) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains(text).contains("Back to the home page");
    assertReadable(response);
  }

  /** A page for people: a whole document, no stack trace. */
  private static void assertReadable(Response response) {
    assertThat(response.body())
        .startsWith("<!DOCTYPE html>")
        .endsWith("</html>")
        .doesNotContain("Exception")
        .doesNotContain("at io.merapi");
  }
}
