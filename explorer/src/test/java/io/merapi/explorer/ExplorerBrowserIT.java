package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.ViemScript;
import io.merapi.devnet.info.Endpoints;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.node.RollupRig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer in a real browser, as a person reads it: a devnet and an explorer run in this JVM,
 * an L2 transfer and an ETH deposit are sent and viem initiates a withdrawal, then {@code
 * src/test/js/browse.mjs} drives Debian's chromium with {@code puppeteer-core} (pinned in {@code
 * package.json}/{@code package-lock.json}, installed with {@code npm ci}; it never downloads a
 * browser) through every page kind: it checks the visible text (heads, status words, the
 * withdrawal's stages and time left, times, links both ways between L1 and L2), follows links by
 * clicking, tries bad input through the search box and the address bar, and saves a screenshot of
 * each page kind to {@code target/screenshots/}. Without chromium (from {@code
 * scripts/find-chromium.sh}) or the npm registry the test is skipped with the reason, except on CI
 * ({@code CI=true}), where it fails.
 */
class ExplorerBrowserIT {
  private static final Logger LOG = LoggerFactory.getLogger(ExplorerBrowserIT.class);

  private static final Path JS = Path.of("src/test/js");
  private static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final Duration SAFE = Duration.ofSeconds(90);
  private static final Duration BROWSE = Duration.ofSeconds(120);
  private static final Duration BRIDGE = Duration.ofMinutes(3);

  private static String chromium;

  @TempDir Path tmp;

  @BeforeAll
  static void findBrowserAndPackages() throws Exception {
    Run found = Run.of(List.of("bash", "../scripts/find-chromium.sh"), Path.of("."), 30);
    if (found.exit() != 0) {
      unavailable("no chromium: run scripts/install-test-tools.sh (" + found.err() + ")");
    }
    chromium = found.out().strip();
    if (!Files.isRegularFile(JS.resolve("node_modules/puppeteer-core/package.json"))) {
      Run npm =
          Run.of(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), JS, 600);
      if (npm.exit() != 0) {
        unavailable("npm ci of puppeteer-core failed in " + JS + ": " + npm.err());
      }
    }
  }

  /** Skips the test with {@code reason}, or fails it on CI, where the browser must be there. */
  private static void unavailable(String reason) {
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(reason + " (CI=true: the browser test must run)");
    }
    Assumptions.abort(reason);
  }

  @Test
  void aPersonReadsEveryPageKindInChromium() throws Exception {
    DevnetConfig devnetConfig =
        DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    try (Devnet devnet = Devnet.start(devnetConfig)) {
      devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      Endpoints endpoints = devnet.info().endpoints();
      ExplorerConfig config =
          ExplorerConfig.of(
                  endpoints.l1Rpc(), endpoints.l2Rpc(), endpoints.node(), tmp.resolve("explorer"))
              .withPort(0);
      try (Explorer explorer = Explorer.start(config)) {
        URI base = explorer.uri();
        // viem initiates a withdrawal (waiting until its block is safe) while the deposit and
        // the transfer are sent from Java.
        Path devnetJson = devnetConfig.datadir().resolve("devnet.json");
        CompletableFuture<JsonNode> withdrawal =
            CompletableFuture.supplyAsync(
                () ->
                    ViemScript.inDevnetModule()
                        .run(devnetJson, "initiate", BRIDGE)
                        .flow("initiate"));
        Address portal = devnet.info().l1Contracts().get("OptimismPortal");
        Hash l1Deposit = ExplorerIT.sendL1(endpoints.l1Rpc(), portal, ExplorerIT.DEPOSIT);
        Hash transfer = ExplorerIT.sendTransfers(endpoints.l2Rpc()).getFirst();
        JsonNode receipt;
        try (RpcClient l2 = HttpRpcClient.create(endpoints.l2Rpc(), RpcClientOptions.defaults())) {
          receipt = l2.call("eth_getTransactionReceipt", transfer.toHex());
        }
        // What the browser checks must be there first: the transfer safe (with its batcher
        // transaction), the deposit in an L2 block, an indexed L1 block with a transaction.
        RollupRig.awaitTrue(
            () -> body(base, "/l2/tx/" + transfer.toHex()).contains("Batcher transaction</th>"),
            "the transfer's page names its batcher transaction",
            SAFE);
        RollupRig.awaitTrue(
            () -> body(base, "/l1/tx/" + l1Deposit.toHex()).contains(" in L2 block "),
            "the deposit's L1 page shows its L2 transaction in a block",
            SAFE);
        IndexedBlock l1Block = ExplorerIT.awaitL1BlockWithTransactions(explorer);
        Hash withdrawalTx =
            Hash.fromHex(
                withdrawal.get(BRIDGE.toSeconds(), TimeUnit.SECONDS).path("l2Tx").asText());
        RollupRig.awaitTrue(
            () -> body(base, "/l2/tx/" + withdrawalTx.toHex()).contains("href=\"/withdrawal/0x"),
            "the withdrawal's L2 transaction links to its page",
            SAFE);

        ObjectNode plan = new ObjectMapper().createObjectNode();
        plan.put("base", base.toString().replaceAll("/$", ""));
        plan.put("chromium", chromium);
        plan.put("screenshots", SCREENSHOTS.toAbsolutePath().toString());
        plan.put("l2Transfer", transfer.toHex());
        plan.put("l2TransferBlock", Hex.parseQuantity(receipt.get("blockNumber").asText()));
        plan.put("sender", Address.fromHex(receipt.get("from").asText()).toHex());
        plan.put("l1Block", l1Block.number());
        plan.put("l1Deposit", l1Deposit.toHex());
        plan.putObject("withdrawal").put("l2Tx", withdrawalTx.toHex());
        // An earlier run's screenshots must not pass for this one's.
        Files.createDirectories(SCREENSHOTS);
        try (var old = Files.list(SCREENSHOTS)) {
          for (Path file : old.toList()) {
            Files.delete(file);
          }
        }
        Path planFile = tmp.resolve("plan.json");
        Files.writeString(planFile, plan.toString());

        Run browsed =
            Run.of(
                List.of("node", "browse.mjs", planFile.toAbsolutePath().toString()),
                JS,
                BROWSE.toSeconds());
        LOG.info("browse.mjs progress:\n{}", browsed.err());
        List<String> lines = browsed.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines)
            .as("browse.mjs prints one JSON line; stderr:%n%s", browsed.err())
            .hasSize(1);
        JsonNode result = new ObjectMapper().readTree(lines.getFirst());
        assertThat(result.path("failures").isEmpty())
            .as(
                "what the browser found wrong: %s%nprogress:%n%s",
                result.path("failures"), browsed.err())
            .isTrue();
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(browsed.exit()).isZero();
        for (String kind :
            List.of(
                "home",
                "l1-block",
                "l2-block",
                "l2-tx",
                "l1-tx",
                "deposit",
                "withdrawal",
                "address",
                "not-found")) {
          assertThat(SCREENSHOTS.resolve(kind + ".png")).as(kind).isNotEmptyFile();
        }
        LOG.info(
            "browse.mjs: {} pages in {} s", result.path("pages").size(), result.path("seconds"));
      }
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static String body(URI base, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A finished process: its exit status and what it printed. */
  private record Run(int exit, String out, String err) {
    /** Runs {@code command} in {@code dir}, killed after {@code timeoutSeconds}. */
    static Run of(List<String> command, Path dir, long timeoutSeconds) throws Exception {
      Path out = Files.createTempFile("explorer-browser", ".out");
      Path err = Files.createTempFile("explorer-browser", ".err");
      try {
        Process process;
        try {
          process =
              new ProcessBuilder(command)
                  .directory(dir.toFile())
                  .redirectOutput(out.toFile())
                  .redirectError(err.toFile())
                  .start();
        } catch (IOException e) {
          return new Run(127, "", command.getFirst() + " cannot run: " + e.getMessage());
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError(
              String.join(" ", command)
                  + " did not finish in "
                  + timeoutSeconds
                  + " s; stderr:\n"
                  + Files.readString(err));
        }
        return new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8).strip());
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }
}
