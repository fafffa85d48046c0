package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.execution.node.ExecutionNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.NewHead;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A real Ethereum client library, web3j, against {@code merapi execution --dev}: the node is
 * started from the command line's own flags, a hand-assembled contract is deployed, and legacy and
 * EIP-1559 transactions, receipts, logs (through a polled filter and a WebSocket subscription),
 * {@code eth_call}, {@code eth_estimateGas} and revert reasons are checked as a wallet or a dapp
 * would see them. Every test uses its own dev account so nonces never cross between tests.
 */
class ExecutionDevWeb3jIT {
  private static final long CHAIN_ID = 1337;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  /** Waits for a receipt up to 60 s (a bound for a stuck node, not a timing assertion). */
  private static final int RECEIPT_POLLS = 600;

  private static final long RECEIPT_POLL_MS = 100;

  // The contract's interface: a stored uint256 that set() changes and get() returns.
  private static final Function GET =
      new Function("get", List.of(), List.of(new TypeReference<Uint256>() {}));
  private static final Event VALUE_SET =
      new Event(
          "ValueSet",
          List.of(new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
  private static final BigInteger LIMIT = BigInteger.valueOf(1000);
  private static final String REASON = "value too large";

  private static final String GET_SELECTOR = selector(GET);
  private static final String SET_SELECTOR = selector(set(BigInteger.ZERO));
  private static final String VALUE_SET_TOPIC = EventEncoder.encode(VALUE_SET);

  /**
   * The deployed code, hand-assembled (no Solidity compiler at test time). Offsets on the left are
   * those the jumps name. set(v) reverts with Error("value too large") when v > 1000.
   */
  static final String RUNTIME =
      String.join(
          "",
          // 0x00: dispatch on the first four calldata bytes
          "6000", // PUSH1 0
          "35", // CALLDATALOAD
          "60e0", // PUSH1 224
          "1c", // SHR                               selector
          "80", // DUP1
          "63" + GET_SELECTOR, // PUSH4 get()
          "14", // EQ
          "61001e", // PUSH2 0x1e
          "57", // JUMPI                             to get
          "63" + SET_SELECTOR, // PUSH4 set(uint256)
          "14", // EQ
          "610027", // PUSH2 0x27
          "57", // JUMPI                             to set
          "5f5ffd", // PUSH0 PUSH0 REVERT            unknown selector: empty revert
          // 0x1e: get() returns slot 0
          "5b", // JUMPDEST
          "5f54", // PUSH0 SLOAD
          "5f52", // PUSH0 MSTORE
          "60205ff3", // PUSH1 32 PUSH0 RETURN
          // 0x27: set(uint256 value)
          "5b", // JUMPDEST
          "600435", // PUSH1 4 CALLDATALOAD          value
          "80", // DUP1
          "6103e8", // PUSH2 1000
          "10", // LT                                1000 < value
          "610060", // PUSH2 0x60
          "57", // JUMPI                             to tooLarge
          "805f55", // DUP1 PUSH0 SSTORE             slot 0 = value
          "5f52", // PUSH0 MSTORE                    memory[0..32] = value
          "33", // CALLER                            topic 1: who
          "7f" + Numeric.cleanHexPrefix(VALUE_SET_TOPIC), // PUSH32 topic 0
          "60205f", // PUSH1 32 PUSH0
          "a2", // LOG2                              ValueSet(who, value)
          "00", // STOP
          // 0x60: tooLarge: revert with the ABI encoding of Error(string)
          "5b", // JUMPDEST
          "6308c379a0", // PUSH4 Error(string) selector
          "60e01b", // PUSH1 224 SHL
          "5f52", // PUSH0 MSTORE                    memory[0..4] = selector
          "6020600452", // PUSH1 32 PUSH1 4 MSTORE   string offset
          "600f602452", // PUSH1 15 PUSH1 36 MSTORE  string length
          "7f" + leftAligned(REASON), // PUSH32 "value too large"
          "604452", // PUSH1 68 MSTORE
          "60645ffd"); // PUSH1 100 PUSH0 REVERT

  /** Constructor: slot 0 = 7, then return the runtime that follows these 13 bytes. */
  static final String INIT =
      String.join(
              "", "6007", // PUSH1 7
              "5f55", // PUSH0 SSTORE
              "609d", // PUSH1 157                       runtime length
              "80", // DUP1
              "600d", // PUSH1 13                        init length
              "5f39", // PUSH0 CODECOPY                  memory[0..157] = runtime
              "5ff3") // PUSH0 RETURN
          + RUNTIME;

  @TempDir static Path datadir;

  private static ExecutionNode node;
  private static Web3j web3;
  private static WebSocketService webSocket;
  private static Web3j web3Ws;
  private static List<Credentials> accounts;
  private static TransactionReceipt deployment;
  private static String contract;

  @BeforeAll
  static void startDevNodeAndDeploy() throws Exception {
    node = TestNodes.start("--dev", "--datadir", datadir.toString());
    web3 = Web3j.build(new HttpService(node.httpUri().orElseThrow().toString()));
    webSocket = new WebSocketService(node.webSocketUri().orElseThrow().toString(), false);
    webSocket.connect();
    web3Ws = Web3j.build(webSocket);
    accounts = devAccounts();

    // Deployed with a legacy transaction from account 0, whose first nonce is 0.
    Credentials deployer = accounts.get(0);
    RawTransaction tx =
        RawTransaction.createContractTransaction(
            BigInteger.ZERO, gasPrice(), BigInteger.valueOf(300_000), BigInteger.ZERO, INIT);
    deployment = mined(send(TransactionEncoder.signMessage(tx, CHAIN_ID, deployer)));
    contract = deployment.getContractAddress();
  }

  @AfterAll
  static void stop() {
    if (web3Ws != null) {
      web3Ws.shutdown();
    }
    if (web3 != null) {
      web3.shutdown();
    }
    if (node != null) {
      node.close();
    }
  }

  /**
   * The ten accounts of the well-known test mnemonic, derived here with web3j's own BIP-39 and
   * BIP-32 code (m/44'/60'/0'/0/i), independently of Merapi's derivation.
   */
  private static List<Credentials> devAccounts() {
    byte[] seed =
        MnemonicUtils.generateSeed(
            "test test test test test test test test test test test junk", "");
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    List<Credentials> keys = new ArrayList<>();
    int hardened = Bip32ECKeyPair.HARDENED_BIT;
    for (int i = 0; i < 10; i++) {
      keys.add(
          Credentials.create(
              Bip32ECKeyPair.deriveKeyPair(
                  master, new int[] {44 | hardened, 60 | hardened, hardened, 0, i})));
    }
    return keys;
  }

  @Test
  void devChainHasTheWellKnownFundedAccounts() throws IOException {
    assertThat(ok(web3.ethChainId().send()).getChainId()).isEqualTo(BigInteger.valueOf(CHAIN_ID));
    assertThat(ok(web3.netVersion().send()).getNetVersion()).isEqualTo("1337");
    // The address every Hardhat and Anvil user knows as account 0.
    assertThat(accounts.get(0).getAddress())
        .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    for (Credentials account : accounts) {
      BigInteger balance =
          ok(web3.ethGetBalance(account.getAddress(), DefaultBlockParameterName.EARLIEST).send())
              .getBalance();
      assertThat(balance).as(account.getAddress()).isEqualTo(ETHER.multiply(BigInteger.TEN.pow(4)));
    }
  }

  @Test
  void deploymentReceiptNamesTheContractWhoseCodeIsTheRuntime() throws IOException {
    assertThat(deployment.getStatus()).isEqualTo("0x1");
    assertThat(deployment.getType()).isEqualTo("0x0");
    assertThat(deployment.getTo()).isNull();
    assertThat(deployment.getFrom()).isEqualTo(accounts.get(0).getAddress());
    // CREATE's address: keccak256(rlp([sender, nonce]))[12:], here with nonce 0.
    assertThat(contract)
        .isEqualTo(
            ContractUtils.generateContractAddress(accounts.get(0).getAddress(), BigInteger.ZERO));
    String code = ok(web3.ethGetCode(contract, DefaultBlockParameterName.LATEST).send()).getCode();
    assertThat(code).isEqualTo("0x" + RUNTIME);
    assertThat(Numeric.hexStringToByteArray(RUNTIME)).hasSize(157);
    for (int jumpdest : new int[] {0x1e, 0x27, 0x60}) {
      assertThat(Numeric.hexStringToByteArray(RUNTIME)[jumpdest]).isEqualTo((byte) 0x5b);
    }
    // The constructor stored 7; the block before the deployment has no code there.
    DefaultBlockParameter deployBlock = DefaultBlockParameter.valueOf(deployment.getBlockNumber());
    assertThat(get(deployBlock)).isEqualTo(BigInteger.valueOf(7));
    assertThat(ok(web3.ethGetCode(contract, before(deployment)).send()).getCode()).isEqualTo("0x");
  }

  @Test
  void legacyTransactionPaysItsGasPriceAndIsEip155Signed() throws Exception {
    Credentials sender = accounts.get(2);
    BigInteger value = BigInteger.valueOf(42);
    String data = FunctionEncoder.encode(set(value));
    BigInteger estimate = estimate(sender.getAddress(), data);
    BigInteger gasPrice = gasPrice();
    RawTransaction tx =
        RawTransaction.createTransaction(
            nonce(sender), gasPrice, BigInteger.valueOf(100_000), contract, BigInteger.ZERO, data);
    String hash = send(TransactionEncoder.signMessage(tx, CHAIN_ID, sender));
    TransactionReceipt receipt = mined(hash);

    assertThat(receipt.getStatus()).isEqualTo("0x1");
    assertThat(receipt.getType()).isEqualTo("0x0");
    assertThat(receipt.getFrom()).isEqualTo(sender.getAddress());
    assertThat(receipt.getTo()).isEqualTo(contract);
    assertThat(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())).isEqualTo(gasPrice);
    assertEstimateCovers(estimate, receipt.getGasUsed());

    org.web3j.protocol.core.methods.response.Transaction mined =
        ok(web3.ethGetTransactionByHash(hash).send()).getTransaction().orElseThrow();
    assertThat(mined.getType()).isEqualTo("0x0");
    // EIP-155: v = chainId * 2 + 35 + yParity.
    assertThat(mined.getV()).isIn(CHAIN_ID * 2 + 35, CHAIN_ID * 2 + 36);
    assertThat(mined.getGasPrice()).isEqualTo(gasPrice);

    BigInteger fee = receipt.getGasUsed().multiply(gasPrice);
    assertThat(balanceChange(sender.getAddress(), receipt)).isEqualTo(fee.negate());
    BigInteger baseFee = block(receipt).getBaseFeePerGas();
    assertThat(balanceChange(block(receipt).getMiner(), receipt))
        .isEqualTo(receipt.getGasUsed().multiply(gasPrice.subtract(baseFee)));
    assertThat(get(DefaultBlockParameter.valueOf(receipt.getBlockNumber()))).isEqualTo(value);
  }

  @Test
  void dynamicFeeTransactionPaysBaseFeePlusTipAndMovesValue() throws Exception {
    Credentials sender = accounts.get(3);
    BigInteger value = BigInteger.valueOf(43);
    BigInteger wei = BigInteger.valueOf(12_345);
    String data = FunctionEncoder.encode(set(value));
    BigInteger tip = BigInteger.valueOf(2_000_000_000L);
    BigInteger maxFee = BigInteger.valueOf(100_000_000_000L);
    RawTransaction tx =
        RawTransaction.createTransaction(
            CHAIN_ID, nonce(sender), BigInteger.valueOf(100_000), contract, wei, data, tip, maxFee);
    String hash = send(TransactionEncoder.signMessage(tx, sender));
    TransactionReceipt receipt = mined(hash);

    assertThat(receipt.getStatus()).isEqualTo("0x1");
    assertThat(receipt.getType()).isEqualTo("0x2");
    assertThat(receipt.getFrom()).isEqualTo(sender.getAddress());
    assertThat(receipt.getTo()).isEqualTo(contract);
    EthBlock.Block block = block(receipt);
    BigInteger baseFee = block.getBaseFeePerGas();
    BigInteger effective = maxFee.min(baseFee.add(tip));
    assertThat(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())).isEqualTo(effective);

    org.web3j.protocol.core.methods.response.Transaction mined =
        ok(web3.ethGetTransactionByHash(hash).send()).getTransaction().orElseThrow();
    assertThat(mined.getType()).isEqualTo("0x2");
    assertThat(mined.getChainId()).isEqualTo(CHAIN_ID);
    assertThat(mined.getMaxFeePerGas()).isEqualTo(maxFee);
    assertThat(mined.getMaxPriorityFeePerGas()).isEqualTo(tip);
    assertThat(mined.getValue()).isEqualTo(wei);

    BigInteger gasUsed = receipt.getGasUsed();
    assertThat(balanceChange(sender.getAddress(), receipt))
        .isEqualTo(wei.add(gasUsed.multiply(effective)).negate());
    assertThat(balanceChange(contract, receipt)).isEqualTo(wei);
    assertThat(balanceChange(block.getMiner(), receipt))
        .isEqualTo(gasUsed.multiply(effective.subtract(baseFee)));
    assertThat(get(DefaultBlockParameter.valueOf(receipt.getBlockNumber()))).isEqualTo(value);
  }

  @Test
  void logsReachAPolledFilterAndWebSocketSubscriptions() throws Exception {
    BigInteger filterId =
        ok(web3.ethNewFilter(
                    new EthFilter(
                            DefaultBlockParameterName.LATEST,
                            DefaultBlockParameterName.LATEST,
                            contract)
                        .addSingleTopic(VALUE_SET_TOPIC))
                .send())
            .getFilterId();
    BlockingQueue<Log> pushedLogs = new LinkedBlockingQueue<>();
    BlockingQueue<NewHead> pushedHeads = new LinkedBlockingQueue<>();
    var logSubscription =
        web3Ws
            .logsNotifications(List.of(contract), List.of(VALUE_SET_TOPIC))
            .subscribe(n -> pushedLogs.add(asLog(n.getParams().getResult())));
    var headSubscription =
        web3Ws.newHeadsNotifications().subscribe(n -> pushedHeads.add(n.getParams().getResult()));
    try {
      // web3j only learns a subscription's id from the answer to eth_subscribe; wait for both.
      for (int i = 0; webSocket.getSubscriptionIdsMap().size() < 2; i++) {
        assertThat(i).as("eth_subscribe answered").isLessThan(6_000);
        Thread.sleep(10);
      }
      Credentials legacySender = accounts.get(4);
      Credentials dynamicSender = accounts.get(5);
      TransactionReceipt first =
          mined(
              send(
                  TransactionEncoder.signMessage(
                      RawTransaction.createTransaction(
                          nonce(legacySender),
                          gasPrice(),
                          BigInteger.valueOf(100_000),
                          contract,
                          BigInteger.ZERO,
                          FunctionEncoder.encode(set(BigInteger.valueOf(11)))),
                      CHAIN_ID,
                      legacySender)));
      // The second through web3j's own transaction manager, as generated contract wrappers send:
      // it reads the pending nonce and checks the hash the node answers with.
      BigInteger tip = ok(web3.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
      BigInteger baseFee =
          ok(web3.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
              .getBlock()
              .getBaseFeePerGas();
      TransactionReceipt second =
          mined(
              ok(new RawTransactionManager(web3, dynamicSender, CHAIN_ID)
                      .sendEIP1559Transaction(
                          CHAIN_ID,
                          tip,
                          baseFee.multiply(BigInteger.TWO).add(tip),
                          BigInteger.valueOf(100_000),
                          contract,
                          FunctionEncoder.encode(set(BigInteger.valueOf(12))),
                          BigInteger.ZERO,
                          false))
                  .getTransactionHash());
      assertThat(second.getType()).isEqualTo("0x2");

      List<Log> receiptLogs = new ArrayList<>(first.getLogs());
      receiptLogs.addAll(second.getLogs());
      assertThat(receiptLogs).hasSize(2);
      assertValueSet(receiptLogs.get(0), legacySender, 11, first);
      assertValueSet(receiptLogs.get(1), dynamicSender, 12, second);

      List<Log> polled =
          ok(web3.ethGetFilterChanges(filterId).send()).getLogs().stream()
              .map(r -> (Log) ((EthLog.LogObject) r.get()))
              .toList();
      assertThat(polled).containsExactlyElementsOf(receiptLogs);
      assertThat(ok(web3.ethGetFilterChanges(filterId).send()).getLogs())
          .as("a filter answers each log once")
          .isEmpty();
      List<Log> searched =
          ok(
                  web3.ethGetLogs(
                          new EthFilter(
                                  DefaultBlockParameter.valueOf(first.getBlockNumber()),
                                  DefaultBlockParameter.valueOf(second.getBlockNumber()),
                                  contract)
                              .addSingleTopic(VALUE_SET_TOPIC))
                      .send())
              .getLogs()
              .stream()
              .map(r -> (Log) ((EthLog.LogObject) r.get()))
              .toList();
      assertThat(searched).containsExactlyElementsOf(receiptLogs);

      List<Log> pushed = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        pushed.add(pushedLogs.poll(60, TimeUnit.SECONDS));
      }
      assertThat(pushed).containsExactlyElementsOf(receiptLogs);

      Map<String, BigInteger> blocks =
          Map.of(
              first.getBlockHash(), first.getBlockNumber(),
              second.getBlockHash(), second.getBlockNumber());
      int seen = 0;
      while (seen < 2) {
        NewHead head = pushedHeads.poll(60, TimeUnit.SECONDS);
        assertThat(head).as("a newHeads notification for each block").isNotNull();
        if (blocks.containsKey(head.getHash())) {
          assertThat(Numeric.decodeQuantity(head.getNumber()))
              .isEqualTo(blocks.get(head.getHash()));
          assertThat(head.getLogsBloom()).isEqualTo(block(head.getHash()).getLogsBloom());
          seen++;
        }
      }
    } finally {
      logSubscription.dispose();
      headSubscription.dispose();
      web3.ethUninstallFilter(filterId).send();
    }
  }

  @Test
  void revertingCallAnswersWithCodeThreeAndTheReason() throws IOException {
    String data = FunctionEncoder.encode(set(LIMIT.add(BigInteger.ONE)));
    String expectedData =
        FunctionEncoder.encode(new Function("Error", List.of(new Utf8String(REASON)), List.of()));
    EthCall call =
        web3.ethCall(
                Transaction.createEthCallTransaction(accounts.get(1).getAddress(), contract, data),
                DefaultBlockParameterName.LATEST)
            .send();
    assertThat(call.hasError()).isTrue();
    assertThat(call.getError().getCode()).isEqualTo(3);
    assertThat(call.getError().getMessage()).isEqualTo("execution reverted: " + REASON);
    assertThat(errorData(call)).isEqualTo(expectedData);
    assertThat(call.isReverted()).isTrue();
    assertThat(call.getRevertReason()).contains(REASON);

    // The bound itself does not revert (and a call needs no sender).
    EthCall fine =
        web3.ethCall(
                Transaction.createEthCallTransaction(
                    null, contract, FunctionEncoder.encode(set(LIMIT))),
                DefaultBlockParameterName.LATEST)
            .send();
    assertThat(fine.hasError()).isFalse();
    assertThat(fine.getValue()).isEqualTo("0x");

    EthEstimateGas estimate =
        web3.ethEstimateGas(
                Transaction.createEthCallTransaction(accounts.get(1).getAddress(), contract, data))
            .send();
    assertThat(estimate.hasError()).isTrue();
    assertThat(estimate.getError().getCode()).isEqualTo(3);
    assertThat(estimate.getError().getMessage()).isEqualTo("execution reverted: " + REASON);
    assertThat(errorData(estimate)).isEqualTo(expectedData);
  }

  @Test
  void revertingTransactionIsMinedWithStatusZero() throws Exception {
    Credentials sender = accounts.get(6);
    BigInteger stored = get(DefaultBlockParameterName.LATEST);
    BigInteger nonce = nonce(sender);
    BigInteger gasPrice = gasPrice();
    RawTransaction tx =
        RawTransaction.createTransaction(
            nonce,
            gasPrice,
            BigInteger.valueOf(100_000),
            contract,
            BigInteger.ZERO,
            FunctionEncoder.encode(set(BigInteger.valueOf(5_000))));
    TransactionReceipt receipt = mined(send(TransactionEncoder.signMessage(tx, CHAIN_ID, sender)));

    assertThat(receipt.getStatus()).isEqualTo("0x0");
    assertThat(receipt.getLogs()).isEmpty();
    assertThat(receipt.getGasUsed()).isGreaterThan(BigInteger.valueOf(21_000));
    assertThat(receipt.getGasUsed()).isLessThan(BigInteger.valueOf(100_000));
    assertThat(balanceChange(sender.getAddress(), receipt))
        .isEqualTo(receipt.getGasUsed().multiply(gasPrice).negate());
    assertThat(
            ok(web3.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST)
                    .send())
                .getTransactionCount())
        .isEqualTo(nonce.add(BigInteger.ONE));
    assertThat(get(DefaultBlockParameter.valueOf(receipt.getBlockNumber()))).isEqualTo(stored);
  }

  @Test
  void pendingNonceCountsOnlyTransactionsThatCanRun() throws Exception {
    Credentials sender = accounts.get(7);
    BigInteger nonce = nonce(sender);
    String to = accounts.get(8).getAddress();
    // Nonce + 1 leaves a gap: the pool holds it, but it cannot run, so no block takes it.
    String gapped =
        send(
            TransactionEncoder.signMessage(
                RawTransaction.createEtherTransaction(
                    nonce.add(BigInteger.ONE), gasPrice(), BigInteger.valueOf(21_000), to, ETHER),
                CHAIN_ID,
                sender));
    assertThat(transactionCount(sender, DefaultBlockParameterName.PENDING)).isEqualTo(nonce);
    assertThat(transactionCount(sender, DefaultBlockParameterName.LATEST)).isEqualTo(nonce);
    String filler =
        send(
            TransactionEncoder.signMessage(
                RawTransaction.createEtherTransaction(
                    nonce, gasPrice(), BigInteger.valueOf(21_000), to, ETHER),
                CHAIN_ID,
                sender));
    TransactionReceipt fillerReceipt = mined(filler);
    TransactionReceipt gappedReceipt = mined(gapped);
    assertThat(fillerReceipt.getStatus()).isEqualTo("0x1");
    assertThat(gappedReceipt.getStatus()).isEqualTo("0x1");
    assertThat(transactionCount(sender, DefaultBlockParameterName.LATEST))
        .isEqualTo(nonce.add(BigInteger.TWO));
    assertThat(transactionCount(sender, DefaultBlockParameterName.PENDING))
        .isEqualTo(nonce.add(BigInteger.TWO));
  }

  @Test
  void walletViewsOfBlocksFeesAndRejectedResubmissions() throws Exception {
    Credentials sender = accounts.get(9);
    BigInteger blockFilter = ok(web3.ethNewBlockFilter().send()).getFilterId();
    BigInteger tip = BigInteger.valueOf(1_000_000_000L);
    byte[] signed =
        TransactionEncoder.signMessage(
            RawTransaction.createTransaction(
                CHAIN_ID,
                nonce(sender),
                BigInteger.valueOf(100_000),
                contract,
                BigInteger.ZERO,
                FunctionEncoder.encode(set(BigInteger.valueOf(99))),
                tip,
                BigInteger.valueOf(50_000_000_000L)),
            sender);
    TransactionReceipt receipt = mined(send(signed));

    // Sent again once mined, the transaction's nonce is used: geth answers -32000 "nonce too low".
    EthSendTransaction again = web3.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(again.hasError()).isTrue();
    assertThat(again.getError().getCode()).isEqualTo(-32000);
    assertThat(again.getError().getMessage()).startsWith("nonce too low");

    // A legacy transaction signed without a chain id could be replayed on any chain; like geth
    // without --rpc.allow-unprotected-txs, the node refuses it.
    EthSendTransaction unprotected =
        web3.ethSendRawTransaction(
                Numeric.toHexString(
                    TransactionEncoder.signMessage(
                        RawTransaction.createEtherTransaction(
                            nonce(sender),
                            gasPrice(),
                            BigInteger.valueOf(21_000),
                            accounts.get(8).getAddress(),
                            BigInteger.ONE),
                        sender)))
            .send();
    assertThat(unprotected.hasError()).isTrue();
    assertThat(unprotected.getError().getMessage())
        .isEqualTo("only replay-protected (EIP-155) transactions allowed over RPC");

    List<String> newBlocks =
        ok(web3.ethGetFilterChanges(blockFilter).send()).getLogs().stream()
            .map(r -> (String) r.get())
            .toList();
    assertThat(newBlocks).contains(receipt.getBlockHash());
    web3.ethUninstallFilter(blockFilter).send();

    // The whole block, transactions included, reads back into web3j's types.
    EthBlock.Block full =
        ok(web3.ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()), true)
                .send())
            .getBlock();
    assertThat(full.getHash()).isEqualTo(receipt.getBlockHash());
    assertThat(full.getTransactions()).hasSize(1);
    var tx = (EthBlock.TransactionObject) full.getTransactions().get(0);
    assertThat(tx.getHash()).isEqualTo(receipt.getTransactionHash());
    assertThat(tx.getFrom()).isEqualTo(sender.getAddress());
    assertThat(tx.getType()).isEqualTo("0x2");
    assertThat(tx.getMaxPriorityFeePerGas()).isEqualTo(tip);
    assertThat(tx.getAccessList()).isEmpty();
    assertThat(tx.getBlockNumber()).isEqualTo(receipt.getBlockNumber());
    assertThat(full.getGasUsed()).isEqualTo(receipt.getGasUsed());
    assertThat(Numeric.decodeQuantity(full.getBlobGasUsedRaw())).isZero();

    // EIP-234: the logs of one block named by its hash.
    List<Log> byHash =
        ok(web3.ethGetLogs(new EthFilter(receipt.getBlockHash())).send()).getLogs().stream()
            .map(r -> (Log) ((EthLog.LogObject) r.get()))
            .toList();
    assertThat(byHash).containsExactlyElementsOf(receipt.getLogs());

    var history =
        ok(web3.ethFeeHistory(
                    2, DefaultBlockParameter.valueOf(receipt.getBlockNumber()), List.of(50.0))
                .send())
            .getFeeHistory();
    assertThat(history.getOldestBlock())
        .isEqualTo(receipt.getBlockNumber().subtract(BigInteger.ONE));
    // Base fees of the two blocks and of the one after them.
    assertThat(history.getBaseFeePerGas()).hasSize(3);
    assertThat(history.getBaseFeePerGas().get(1)).isEqualTo(full.getBaseFeePerGas());
    // The block's only transaction paid the tip asked for, so it is every percentile's reward.
    assertThat(history.getReward().get(1)).containsExactly(tip);

    assertThat(
            ok(web3.ethGetTransactionReceipt("0x" + "ab".repeat(32)).send())
                .getTransactionReceipt())
        .as("no receipt for an unknown transaction")
        .isEmpty();
  }

  // --- helpers ---

  private static Function set(BigInteger value) {
    return new Function("set", List.of(new Uint256(value)), List.of());
  }

  private static String selector(Function function) {
    return Numeric.cleanHexPrefix(FunctionEncoder.encode(function)).substring(0, 8);
  }

  /** The text's bytes at the start of a 32-byte word, as Solidity lays out a short string. */
  private static String leftAligned(String text) {
    return Numeric.toHexStringNoPrefix(Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 32));
  }

  private static <T extends Response<?>> T ok(T response) {
    if (response.hasError()) {
      throw new AssertionError(
          "JSON-RPC error "
              + response.getError().getCode()
              + ": "
              + response.getError().getMessage());
    }
    return response;
  }

  /** web3j keeps an error's {@code data} member as JSON text; geth sends a hex string there. */
  private static String errorData(Response<?> response) throws IOException {
    JsonNode data = JSON.readTree(response.getError().getData());
    assertThat(data.isTextual()).as("error data %s is a JSON string", data).isTrue();
    return data.asText();
  }

  private static BigInteger gasPrice() throws IOException {
    return ok(web3.ethGasPrice().send()).getGasPrice();
  }

  private static BigInteger nonce(Credentials account) throws IOException {
    return transactionCount(account, DefaultBlockParameterName.PENDING);
  }

  private static BigInteger transactionCount(Credentials account, DefaultBlockParameterName tag)
      throws IOException {
    return ok(web3.ethGetTransactionCount(account.getAddress(), tag).send()).getTransactionCount();
  }

  private static String send(byte[] signed) throws IOException {
    EthSendTransaction sent = ok(web3.ethSendRawTransaction(Numeric.toHexString(signed)).send());
    // The hash of a legacy transaction is that of its RLP, of a typed one that of type || RLP.
    assertThat(sent.getTransactionHash()).isEqualTo(Hash.sha3(Numeric.toHexString(signed)));
    return sent.getTransactionHash();
  }

  private static TransactionReceipt mined(String hash) throws Exception {
    return new PollingTransactionReceiptProcessor(web3, RECEIPT_POLL_MS, RECEIPT_POLLS)
        .waitForTransactionReceipt(hash);
  }

  private static BigInteger get(DefaultBlockParameter block) throws IOException {
    EthCall call =
        ok(
            web3.ethCall(
                    Transaction.createEthCallTransaction(
                        accounts.get(0).getAddress(), contract, FunctionEncoder.encode(GET)),
                    block)
                .send());
    @SuppressWarnings("rawtypes")
    List<Type> result = FunctionReturnDecoder.decode(call.getValue(), GET.getOutputParameters());
    return ((Uint256) result.get(0)).getValue();
  }

  private static BigInteger estimate(String from, String data) throws IOException {
    return ok(web3.ethEstimateGas(Transaction.createEthCallTransaction(from, contract, data))
            .send())
        .getAmountUsed();
  }

  /**
   * eth_estimateGas searches for the least gas limit that succeeds; with no inner calls that is at
   * least what the transaction used and not much more (SSTORE needs 2,300 gas left over).
   */
  private static void assertEstimateCovers(BigInteger estimate, BigInteger gasUsed) {
    assertThat(estimate).isGreaterThanOrEqualTo(gasUsed);
    assertThat(estimate).isLessThanOrEqualTo(gasUsed.add(BigInteger.valueOf(2_300)));
  }

  private static EthBlock.Block block(TransactionReceipt receipt) throws IOException {
    return block(receipt.getBlockHash());
  }

  private static EthBlock.Block block(String hash) throws IOException {
    return ok(web3.ethGetBlockByHash(hash, false).send()).getBlock();
  }

  private static DefaultBlockParameter before(TransactionReceipt receipt) {
    return DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE));
  }

  /** How the transaction's block changed the account's balance (one transaction a block). */
  private static BigInteger balanceChange(String account, TransactionReceipt receipt)
      throws IOException {
    assertThat(block(receipt).getTransactions()).hasSize(1);
    BigInteger after =
        ok(web3.ethGetBalance(account, DefaultBlockParameter.valueOf(receipt.getBlockNumber()))
                .send())
            .getBalance();
    BigInteger previous = ok(web3.ethGetBalance(account, before(receipt)).send()).getBalance();
    return after.subtract(previous);
  }

  /** web3j reads pushed logs into a class of their own; the fields are those of eth_getLogs. */
  private static Log asLog(org.web3j.protocol.websocket.events.Log pushed) {
    return new Log(
        false,
        pushed.getLogIndex(),
        pushed.getTransactionIndex(),
        pushed.getTransactionHash(),
        pushed.getBlockHash(),
        pushed.getBlockNumber(),
        pushed.getAddress(),
        pushed.getData(),
        null,
        pushed.getTopics());
  }

  private static void assertValueSet(
      Log log, Credentials who, long value, TransactionReceipt receipt) {
    assertThat(log.getAddress()).isEqualTo(contract);
    assertThat(log.getTopics())
        .containsExactly(
            VALUE_SET_TOPIC, "0x" + "0".repeat(24) + Numeric.cleanHexPrefix(who.getAddress()));
    assertThat(log.getData())
        .isEqualTo(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(value), 64));
    assertThat(log.getTransactionHash()).isEqualTo(receipt.getTransactionHash());
    assertThat(log.getBlockNumber()).isEqualTo(receipt.getBlockNumber());
    assertThat(log.isRemoved()).isFalse();
  }
}
