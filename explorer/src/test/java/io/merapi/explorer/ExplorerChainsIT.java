package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.info.Endpoints;
import io.merapi.devnet.load.LoadGenerator;
import io.merapi.devnet.load.LoadSettings;
import io.merapi.devnet.load.ReceiptReport;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.explorer.PageClient.Response;
import io.merapi.node.RollupRig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer over a devnet whose chains come and go: an L2 transfer becomes safe and its page
 * names the one blob transaction that carried its batch (decoded through the L1 beacon API); then
 * the whole devnet stops under the running explorer, whose pages say which RPC is unreachable (503
 * pages, status-strip lines, no stack trace), and starts again on the same data directory and
 * ports, after which the explorer catches up by itself.
 */
class ExplorerChainsIT {
  /** The transfer's sender: account #8, which the devnet's services and other tests do not use. */
  private static final int SENDER = 8;

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private final PageClient pages = new PageClient();

  @Test
  void theCarrierIsExactAndTheExplorerRidesOutARestartOfTheChains() throws Exception {
    DevnetConfig devnetConfig =
        DevnetConfig.defaults(tmp.resolve("devnet"))
            .withPorts(Ports.ephemeral())
            .withVerifier(false);
    Devnet devnet = Devnet.start(devnetConfig);
    try {
      devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      Endpoints endpoints = devnet.info().endpoints();
      ExplorerConfig base =
          ExplorerConfig.of(
                  endpoints.l1Rpc(), endpoints.l2Rpc(), endpoints.node(), tmp.resolve("explorer"))
              .withPort(0)
              .withL1Beacon(endpoints.l1Beacon());
      ExplorerConfig config =
          new ExplorerConfig(
              base.l1(),
              base.l2(),
              base.node(),
              base.host(),
              base.port(),
              base.datadir(),
              Duration.ofMillis(500),
              Duration.ofMillis(500),
              base.backfill(),
              base.l1Beacon());
      try (Explorer explorer = Explorer.start(config)) {
        URI site = explorer.uri();

        // The batcher transaction that carried a safe block, found in its blobs.
        Hash transfer = sendTransfer(endpoints.l2Rpc());
        long block = l2BlockOf(endpoints.l2Rpc(), transfer);
        Hash blockHash = blockHash(endpoints.l2Rpc(), block);
        // Found in the background once safe, before anyone opens a page about it.
        RollupRig.awaitTrue(
            () -> explorer.index().carriedBy(block, blockHash).isPresent(),
            "the explorer finds the transfer block's batcher transaction by itself",
            WAIT);
        RollupRig.awaitTrue(
            () -> pages.get(site, "/l2/tx/" + transfer.toHex()).body().contains("Made safe by"),
            "the transfer's page says which L1 block made it safe",
            WAIT);
        String txPage = pages.get(site, "/l2/tx/" + transfer.toHex()).body();
        Matcher carrier =
            Pattern.compile(
                    "Batcher transaction</th><td class=\"mono\"><a href=\"/l1/tx/(0x[0-9a-f]{64})\">")
                .matcher(txPage);
        assertThat(carrier.find()).as("an exact carrier: %s", txPage).isTrue();
        assertThat(txPage).doesNotContain("carried by one of");
        Hash carrierTx = Hash.fromHex(carrier.group(1));
        String carrierPage = pages.get(site, "/l1/tx/" + carrierTx.toHex()).body();
        assertThat(carrierPage)
            .contains("batcher transaction: carries L2 batch data")
            .contains("blob (EIP-4844)");
        // The page shows the answer the index keeps.
        assertThat(explorer.index().carriedBy(block, blockHash))
            .hasValueSatisfying(c -> assertThat(c.carriers()).containsExactly(carrierTx));

        // A moving page refreshes in place: the script, and the fragment of the live part.
        Response script = pages.get(site, "/static/explorer.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("fragment").contains("data-refresh");
        Response fragment = pages.get(site, "/?fragment=status");
        assertThat(fragment.body())
            .startsWith("<div id=\"live\" data-refresh=")
            .contains("L2 unsafe")
            .doesNotContain("<header");

        // The chains stop under the running explorer.
        long indexedBefore = explorer.index().head(Chain.L2).orElseThrow().number();
        Ports same = portsOf(devnet.info().endpoints());
        devnet.close();
        devnet = null;
        RollupRig.awaitTrue(
            () -> {
              String home = pages.get(site, "/").body();
              return home.contains("L1 JSON-RPC (" + endpoints.l1Rpc() + ") is unreachable")
                  && home.contains("L2 JSON-RPC (" + endpoints.l2Rpc() + ") is unreachable")
                  && home.contains("rollup node (" + endpoints.node() + ") is unreachable");
            },
            "the home page names each unreachable endpoint",
            WAIT);
        Response home = pages.get(site, "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("role=\"alert\"");
        assertReadable(home);
        Response down = pages.get(site, "/l2/block/" + block);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body())
            .contains("Chain unreachable")
            .contains("L2 JSON-RPC (" + endpoints.l2Rpc() + ")")
            .contains("data-refresh=");
        assertReadable(down);
        Response downTx = pages.get(site, "/l1/tx/" + carrierTx.toHex());
        assertThat(downTx.status()).isEqualTo(503);
        assertThat(downTx.body()).contains("L1 JSON-RPC (" + endpoints.l1Rpc() + ")");
        assertReadable(downTx);

        // They start again on the same directory and ports; the explorer catches up by itself.
        devnet = Devnet.start(devnetConfig.withPorts(same));
        RollupRig.awaitTrue(
            () -> explorer.index().head(Chain.L2).orElseThrow().number() > indexedBefore + 2,
            "the explorer indexes the restarted L2",
            WAIT);
        RollupRig.awaitTrue(
            () -> !pages.get(site, "/").body().contains("is unreachable"),
            "the home page no longer says an endpoint is unreachable",
            WAIT);
        Response back = pages.get(site, "/l2/block/" + block);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("L2 block " + block);
        assertReadable(back);
      }
    } finally {
      if (devnet != null) {
        devnet.close();
      }
    }
  }

  /** The devnet's ports as it bound them, to start it again on the same ones. */
  private static Ports portsOf(Endpoints e) {
    return new Ports(
        e.l1Rpc().getPort(),
        e.l1Beacon().getPort(),
        e.l2Rpc().getPort(),
        e.l2Engine().getPort(),
        e.node().getPort(),
        0,
        0,
        0,
        e.batcher().getPort(),
        e.proposer().getPort());
  }

  /** One mined L2 transfer from the sender. */
  private static Hash sendTransfer(URI l2) throws InterruptedException {
    try (LoadGenerator load =
        LoadGenerator.start(
            LoadSettings.of(l2, DevAccounts.defaults().keys().get(SENDER), 2).withSenders(1))) {
      Thread.sleep(1_000);
      load.stop();
      ReceiptReport receipts = load.awaitReceipts(Duration.ofSeconds(60));
      assertThat(receipts.complete()).as("%s", receipts).isTrue();
      List<Hash> hashes = load.hashes();
      assertThat(hashes).isNotEmpty();
      return hashes.getFirst();
    }
  }

  private static long l2BlockOf(URI l2, Hash tx) {
    try (RpcClient rpc = HttpRpcClient.create(l2, RpcClientOptions.defaults())) {
      JsonNode receipt = rpc.call("eth_getTransactionReceipt", tx.toHex());
      return Hex.parseQuantity(receipt.get("blockNumber").asText());
    }
  }

  private static Hash blockHash(URI l2, long number) {
    try (RpcClient rpc = HttpRpcClient.create(l2, RpcClientOptions.defaults())) {
      return Hash.fromHex(
          rpc.call("eth_getBlockByNumber", Hex.quantity(number), false).get("hash").asText());
    }
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
