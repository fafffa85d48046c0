package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l2.WETH;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.ViemScript;
import io.merapi.devnet.info.Endpoints;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.explorer.PageClient.Response;
import io.merapi.explorer.bridge.BridgeContracts;
import io.merapi.node.RollupRig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge as a person follows it in the explorer, on a devnet in this JVM: an ETH withdrawal
 * (devnet/src/test/js/bridge.mjs initiate, then finish) is watched through its four stages on its
 * withdrawal page — stage words, the L2 and L1 transactions linked both ways, the time left while a
 * stage is open and no refresh once finalized — and an ERC-20 deposit (L1 WETH through the
 * L1StandardBridge to its OptimismMintableERC20, sent from Java) shows as a token balance on both
 * address pages and in the deposit list.
 */
class ExplorerBridgeIT {
  /** The token depositor: account #6 (#7 is bridge.mjs's initiate/finish account). */
  private static final int DEPOSITOR = 6;

  private static final UInt256 ONE = UInt256.valueOf(1_000_000_000_000_000_000L);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration BRIDGE = Duration.ofMinutes(3);

  @TempDir Path tmp;

  private final PageClient pages = new PageClient();

  @Test
  void aWithdrawalIsFollowedThroughItsFourStagesAndADepositedTokenShowsItsBalance()
      throws Exception {
    DevnetConfig devnetConfig =
        DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    try (Devnet devnet = Devnet.start(devnetConfig)) {
      devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      Endpoints endpoints = devnet.info().endpoints();
      Path devnetJson = devnetConfig.datadir().resolve("devnet.json");
      ExplorerConfig config =
          ExplorerConfig.of(
                  endpoints.l1Rpc(), endpoints.l2Rpc(), endpoints.node(), tmp.resolve("explorer"))
              .withPort(0);
      try (Explorer explorer = Explorer.start(config);
          RpcClient l1 = HttpRpcClient.create(endpoints.l1Rpc(), RpcClientOptions.defaults());
          RpcClient l2 = HttpRpcClient.create(endpoints.l2Rpc(), RpcClientOptions.defaults())) {
        URI base = explorer.uri();
        // The token deposit runs while bridge.mjs initiates the withdrawal.
        Address l1Weth = devnet.info().l1Contracts().get("WETH");
        CompletableFuture<Address> token =
            CompletableFuture.supplyAsync(
                () ->
                    depositToken(
                        l1, l2, l1Weth, devnet.info().l1Contracts().get("L1StandardBridge")));
        ViemScript viem = ViemScript.inDevnetModule();
        JsonNode initiated = viem.run(devnetJson, "initiate", BRIDGE).flow("initiate");
        Hash l2Tx = Hash.fromHex(initiated.path("l2Tx").asText());

        // Initiated (or already proposed): the L2 transaction page names the withdrawal.
        String l2TxPage =
            await(base, "/l2/tx/" + l2Tx.toHex(), body -> body.contains("href=\"/withdrawal/0x"));
        Matcher link = Pattern.compile("href=\"(/withdrawal/0x[0-9a-f]{64})\"").matcher(l2TxPage);
        assertThat(link.find()).as(l2TxPage).isTrue();
        String withdrawalPath = link.group(1);
        assertThat(l2TxPage).contains("MessagePassed").contains("L2ToL1MessagePasser");
        String page = pages.get(base, withdrawalPath).body();
        assertThat(page)
            .contains("Withdrawal")
            .contains("href=\"/l2/tx/" + l2Tx.toHex() + "\"")
            .contains("Time left")
            .contains("http-equiv=\"refresh\"");
        assertReadable(page);
        assertThat(page).containsAnyOf(">initiated<", ">proposed<");
        await(base, withdrawalPath, body -> body.contains("provable now"));
        assertThat(pages.get(base, "/withdrawals").body())
            .contains("href=\"" + withdrawalPath + "\"")
            .contains("href=\"/l2/tx/" + l2Tx.toHex() + "\"");

        // bridge.mjs proves and finalizes it; meanwhile the page shows it proven with the time
        // left to finalization.
        CompletableFuture<JsonNode> finished =
            CompletableFuture.supplyAsync(
                () -> viem.run(devnetJson, "finish", BRIDGE, l2Tx.toHex()).flow("finish"));
        String proven =
            await(
                base,
                withdrawalPath,
                body ->
                    body.contains("to finalizable")
                        || body.contains(">finalized</span></td><td>done"));
        if (proven.contains("to finalizable")) {
          assertThat(proven).contains(">proven<").contains("http-equiv=\"refresh\"");
        }
        JsonNode done = finished.get(BRIDGE.toSeconds(), TimeUnit.SECONDS).path("withdrawal");
        Hash proveTx = Hash.fromHex(done.path("proveTx").asText());
        Hash finalizeTx = Hash.fromHex(done.path("finalizeTx").asText());
        String finalized = await(base, withdrawalPath, body -> body.contains(finalizeTx.toHex()));
        assertThat(finalized)
            .contains(">finalized<")
            .contains("href=\"/l1/tx/" + proveTx.toHex() + "\"")
            .contains("href=\"/l1/tx/" + finalizeTx.toHex() + "\"")
            .contains("dispute game for L2 block")
            .contains("none: the withdrawal is done")
            .doesNotContain("http-equiv=\"refresh\"");
        assertReadable(finalized);
        assertThat(pages.get(base, "/l1/tx/" + proveTx.toHex()).body())
            .contains("Proves withdrawal")
            .contains("href=\"" + withdrawalPath + "\"")
            .contains("WithdrawalProven");
        assertThat(pages.get(base, "/l1/tx/" + finalizeTx.toHex()).body())
            .contains("Finalizes withdrawal")
            .contains("href=\"" + withdrawalPath + "\"");
        assertThat(pages.get(base, "/withdrawals").body()).contains(">finalized<");

        // The token: its balance on both address pages, the deposit in the list and on the
        // home page.
        Address l2Token = token.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Address depositor = DevAccounts.defaults().addresses().get(DEPOSITOR);
        String l2Address =
            await(base, "/l2/address/" + depositor.toHex(), body -> body.contains("1 WETH"));
        assertThat(l2Address).contains("Bridge tokens").contains(l2Token.toHex());
        assertThat(pages.get(base, "/l1/address/" + depositor.toHex()).body())
            .contains("Bridge tokens")
            .contains("1 WETH");
        String deposits = pages.get(base, "/deposits").body();
        assertThat(deposits).contains("href=\"/l2/tx/0x").contains("in L2 block");
        assertReadable(deposits);
        assertThat(pages.get(base, "/").body())
            .contains("Latest deposits")
            .contains("Latest withdrawals");

        // Bad input on the new routes.
        assertProblem(pages.get(base, "/withdrawal/0x12"), 400, "a hash is 0x followed by 64 hex");
        assertProblem(
            pages.get(base, "/withdrawal/0x" + "00".repeat(31) + "01"),
            404,
            "Withdrawal not found");
        assertProblem(
            pages.get(base, "/withdrawal/%3Cscript%3E"), 400, "a hash is 0x followed by 64 hex");
        assertProblem(pages.get(base, "/withdrawals/extra"), 404, "There is no page at");
        assertProblem(pages.get(base, "/deposits?before=12"), 400, "a list position is");
        assertProblem(pages.get(base, "/withdrawals?before=-1-2"), 400, "a list position is");
        // A page that starts after every entry lists none.
        assertThat(pages.get(base, "/deposits?before=0-0").body()).contains("No deposits");
      }
    }
  }

  /**
   * L1 WETH to its OptimismMintableERC20 on L2: the twin created through the L2 factory, 2 WETH
   * wrapped and 1 deposited through the L1StandardBridge; returns the twin's address.
   */
  private static Address depositToken(RpcClient l1, RpcClient l2, Address l1Weth, Address bridge) {
    Secp256k1.PrivateKey key = DevAccounts.defaults().keys().get(DEPOSITOR);
    RpcReceipt created =
        mined(
            l2,
            send(
                l2,
                key,
                BridgeContracts.OPTIMISM_MINTABLE_ERC20_FACTORY,
                UInt256.ZERO,
                OptimismMintableERC20Factory.createOptimismMintableERC20(
                        l1Weth, "Wrapped Ether", "WETH")
                    .data(),
                0));
    Address twin =
        OptimismMintableERC20Factory.Events.OptimismMintableERC20Created.in(
                created.receipt().logs())
            .getFirst()
            .localToken();
    UInt256 two = ONE.add(ONE);
    send(l1, key, l1Weth, two, WETH.deposit().data(), 0);
    send(l1, key, l1Weth, UInt256.ZERO, WETH.approve(bridge, ONE).data(), 1);
    Hash deposit =
        send(
            l1,
            key,
            bridge,
            UInt256.ZERO,
            L1StandardBridge.depositERC20(l1Weth, twin, ONE, 200_000, Bytes.EMPTY).data(),
            2);
    RpcReceipt receipt = mined(l1, deposit);
    assertThat(receipt.receipt().status()).contains(true);
    return twin;
  }

  private static Hash send(
      RpcClient rpc,
      Secp256k1.PrivateKey key,
      Address to,
      UInt256 value,
      Bytes data,
      long nonceOffset) {
    Address from = DevAccounts.defaults().addresses().get(DEPOSITOR);
    long nonce =
        Hex.parseQuantity(rpc.call("eth_getTransactionCount", from.toHex(), "latest").asText())
            + nonceOffset;
    long chainId = Hex.parseQuantity(rpc.call("eth_chainId").asText());
    SignedTransaction tx =
        new DynamicFeeTransaction(
                chainId,
                nonce,
                UInt256.valueOf(1_000_000_000L),
                UInt256.valueOf(100_000_000_000L),
                3_000_000,
                Optional.of(to),
                value,
                data,
                AccessList.EMPTY,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO)
            .sign(key);
    rpc.call("eth_sendRawTransaction", Hex.encode(tx.encoded()));
    return tx.hash();
  }

  private static RpcReceipt mined(RpcClient rpc, Hash tx) {
    RollupRig.awaitTrue(
        () -> !rpc.call("eth_getTransactionReceipt", tx.toHex()).isNull(),
        "transaction " + tx + " is mined",
        WAIT);
    try {
      RpcReceipt receipt =
          Json.mapper()
              .treeToValue(rpc.call("eth_getTransactionReceipt", tx.toHex()), RpcReceipt.class);
      assertThat(receipt.receipt().status()).as("%s succeeded", tx).contains(true);
      return receipt;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private String await(URI base, String path, java.util.function.Predicate<String> done) {
    String[] last = {""};
    RollupRig.awaitTrue(
        () -> {
          last[0] = pages.get(base, path).body();
          return done.test(last[0]);
        },
        path + " shows what is awaited",
        BRIDGE);
    return last[0];
  }

  private static void assertProblem(Response response, int status, String text) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains(text).contains("Back to the home page");
    assertReadable(response.body());
  }

  private static void assertReadable(String body) {
    assertThat(body)
        .startsWith("<!DOCTYPE html>")
        .endsWith("</html>")
        .doesNotContain("Exception")
        .doesNotContain("at io.merapi");
  }
}
