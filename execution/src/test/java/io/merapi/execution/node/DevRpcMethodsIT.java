package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.sign.MessageSignatures;
import io.merapi.execution.api.sign.TypedData;
import io.merapi.execution.api.sign.TypedDataTest;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code merapi execution --dev} as wallets and anvil/Hardhat scripts use it, over HTTP on one
 * in-memory dev node with blocks on demand: the node signs for its funded accounts (transactions,
 * EIP-191 messages, EIP-712 typed data) and fills transactions as geth does; the test methods mine,
 * move the time, set balances and go back to snapshots with the chain head and state restored.
 */
class DevRpcMethodsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<Address> ACCOUNTS = DevAccounts.defaults().addresses();
  private static final Address NO_KEY =
      Address.fromHex("0x00000000000000000000000000000000000c0ffe");

  private static ExecutionNode node;
  private static JsonRpcHttp rpc;

  @BeforeAll
  static void start() {
    node =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .inMemory()
                .http(
                    Optional.of(
                        RpcServerConfig.httpDefaults()
                            .withPort(0)
                            .withModules(Set.of(RpcServerConfig.ALL_MODULES))))
                .dev(Optional.of(new ExecutionNodeConfig.DevSettings(0)))
                .build());
    rpc = new JsonRpcHttp(node.httpUri().orElseThrow(), WAIT);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String account(int i) {
    return "\"" + ACCOUNTS.get(i).toHex() + "\"";
  }

  private static JsonNode result(String method, String params) throws Exception {
    return rpc.result(method, params);
  }

  private static JsonNode error(String method, String params) throws Exception {
    JsonNode response = rpc.call(method, params);
    assertThat(response.has("error")).as(method + " answered " + response).isTrue();
    return response.get("error");
  }

  private static JsonNode awaitReceipt(String hash) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode receipt = result("eth_getTransactionReceipt", "[\"" + hash + "\"]");
      if (receipt != null && !receipt.isNull()) {
        return receipt;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no receipt for " + hash + " after " + WAIT);
  }

  private static long headNumber() throws Exception {
    return Hex.parseQuantity(result("eth_blockNumber", "[]").asText());
  }

  private static JsonNode head() throws Exception {
    return result("eth_getBlockByNumber", "[\"latest\",false]");
  }

  private static BigInteger balance(Address address) throws Exception {
    return Hex.parseBigQuantity(
        result("eth_getBalance", "[\"" + address.toHex() + "\",\"latest\"]").asText());
  }

  private static Optional<Address> recover(byte[] hash, String signatureHex) {
    byte[] sig = Hex.decode(signatureHex);
    assertThat(sig).hasSize(65);
    assertThat(sig[64]).isIn((byte) 27, (byte) 28);
    return Secp256k1.recoverAddress(
        io.merapi.base.bytes.Hash.wrap(hash),
        new Signature(UInt256.fromBytes(sig, 0, 32), UInt256.fromBytes(sig, 32, 32), sig[64] - 27));
  }

  @Test
  void listsTheFundedDevAccounts() throws Exception {
    JsonNode accounts = result("eth_accounts", "[]");
    assertThat(accounts).hasSize(DevAccounts.DEFAULT_COUNT);
    assertThat(accounts.get(0).asText()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  }

  @Test
  void sendsATransactionSignedWithTheAccountsKey() throws Exception {
    BigInteger before = balance(ACCOUNTS.get(2));
    String hash =
        result(
                "eth_sendTransaction",
                "[{\"from\":" + account(1) + ",\"to\":" + account(2) + ",\"value\":\"0x2a\"}]")
            .asText();
    JsonNode receipt = awaitReceipt(hash);
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    assertThat(receipt.get("from").asText()).isEqualTo(ACCOUNTS.get(1).toHex());
    assertThat(receipt.get("gasUsed").asText()).isEqualTo("0x5208");
    assertThat(balance(ACCOUNTS.get(2))).isEqualTo(before.add(BigInteger.valueOf(42)));
  }

  @Test
  void refusesToSignForAnAddressWithoutAKey() throws Exception {
    for (String method : List.of("eth_sendTransaction", "eth_signTransaction")) {
      JsonNode error =
          error(
              method,
              "[{\"from\":\""
                  + NO_KEY.toHex()
                  + "\",\"to\":"
                  + account(2)
                  + ",\"gas\":\"0x5208\",\"gasPrice\":\"0x3b9aca00\",\"nonce\":\"0x0\"}]");
      assertThat(error.get("code").asInt()).isEqualTo(RpcError.SERVER_ERROR);
      assertThat(error.get("message").asText()).isEqualTo("unknown account");
    }
    JsonNode error = error("eth_sign", "[\"" + NO_KEY.toHex() + "\",\"0x00\"]");
    assertThat(error.get("message").asText()).isEqualTo("unknown account");
  }

  @Test
  void signsMessagesThatRecoverToTheAccount() throws Exception {
    byte[] message = "hello merapi".getBytes();
    byte[] hash = MessageSignatures.personalHash(message).array();
    String viaEthSign =
        result("eth_sign", "[" + account(0) + ",\"" + Hex.encode(message) + "\"]").asText();
    String viaPersonal =
        result("personal_sign", "[\"" + Hex.encode(message) + "\"," + account(0) + "]").asText();
    assertThat(viaPersonal).isEqualTo(viaEthSign); // RFC 6979: the same signature
    assertThat(recover(hash, viaEthSign)).contains(ACCOUNTS.get(0));
  }

  @Test
  void signsTypedDataGivenAsTextOrObject() throws Exception {
    String mail = TypedDataTest.MAIL;
    byte[] hash = TypedData.parse(NodeFixture.JSON.readTree(mail)).signingHash().array();
    String asText =
        result(
                "eth_signTypedData_v4",
                "[" + account(3) + "," + NodeFixture.JSON.writeValueAsString(mail) + "]")
            .asText();
    String asObject = result("eth_signTypedData_v4", "[" + account(3) + "," + mail + "]").asText();
    assertThat(asObject).isEqualTo(asText);
    assertThat(recover(hash, asText)).contains(ACCOUNTS.get(3));
    JsonNode bad = error("eth_signTypedData_v4", "[" + account(3) + ",{\"types\":{}}]");
    assertThat(bad.get("code").asInt()).isEqualTo(RpcError.INVALID_PARAMS);
  }

  @Test
  void fillsAndSignsTransactionsAsGethDoes() throws Exception {
    JsonNode filled =
        result(
            "eth_fillTransaction",
            "[{\"from\":" + account(4) + ",\"to\":" + account(5) + ",\"value\":\"0x1\"}]");
    Transaction unsigned = TransactionDecoder.decode(Hex.decode(filled.get("raw").asText()));
    assertThat(unsigned).isInstanceOf(DynamicFeeTransaction.class);
    assertThat(unsigned.chainId()).hasValue(DevGenesis.CHAIN_ID);
    assertThat(unsigned.gasLimit()).isEqualTo(21_000);
    assertThat(unsigned.nonce())
        .isEqualTo(
            Hex.parseQuantity(
                result("eth_getTransactionCount", "[" + account(4) + ",\"pending\"]").asText()));
    UInt256 baseFee = UInt256.fromQuantity(head().get("baseFeePerGas").asText());
    assertThat(unsigned.maxFeePerGas())
        .isEqualTo(baseFee.multiply(UInt256.valueOf(2)).add(unsigned.maxPriorityFeePerGas()));
    assertThat(filled.at("/tx/to").asText()).isEqualTo(ACCOUNTS.get(5).toHex());

    JsonNode signed =
        result(
            "eth_signTransaction",
            "[{\"from\":"
                + account(4)
                + ",\"to\":"
                + account(5)
                + ",\"gas\":\"0x5208\",\"gasPrice\":\"0x77359400\",\"nonce\":\"0x7\"}]");
    Transaction tx = TransactionDecoder.decode(Hex.decode(signed.get("raw").asText()));
    assertThat(tx.sender()).isEqualTo(ACCOUNTS.get(4));
    assertThat(tx.nonce()).isEqualTo(7);
    assertThat(signed.at("/tx/from").asText()).isEqualTo(ACCOUNTS.get(4).toHex());
    assertThat(signed.at("/tx/hash").asText()).isEqualTo(tx.hash().toHex());
    JsonNode missingNonce =
        error(
            "eth_signTransaction",
            "[{\"from\":" + account(4) + ",\"gas\":\"0x5208\",\"gasPrice\":\"0x1\"}]");
    assertThat(missingNonce.get("message").asText()).isEqualTo("nonce not specified");
  }

  @Test
  void minesAndMovesTheTimeAsScriptsAsk() throws Exception {
    long number = headNumber();
    assertThat(result("evm_mine", "[]").asText()).isEqualTo("0x0");
    assertThat(headNumber()).isEqualTo(number + 1);

    long before = Hex.parseQuantity(head().get("timestamp").asText());
    result("evm_increaseTime", "[3600]");
    result("evm_mine", "[]");
    assertThat(Hex.parseQuantity(head().get("timestamp").asText()))
        .isGreaterThanOrEqualTo(before + 3600);

    long next = Hex.parseQuantity(head().get("timestamp").asText()) + 10_000;
    assertThat(result("evm_setNextBlockTimestamp", "[\"" + Hex.quantity(next) + "\"]").isNull())
        .isTrue();
    result("evm_mine", "[]");
    assertThat(Hex.parseQuantity(head().get("timestamp").asText())).isEqualTo(next);
    result("evm_mine", "[]"); // later blocks go on from the set time
    assertThat(Hex.parseQuantity(head().get("timestamp").asText())).isBetween(next + 1, next + 60);

    JsonNode past = error("evm_setNextBlockTimestamp", "[" + next + "]");
    assertThat(past.get("message").asText()).contains("is not after the head's");
    long stamped = next + 20_000;
    result("evm_mine", "[" + stamped + "]");
    assertThat(Hex.parseQuantity(head().get("timestamp").asText())).isEqualTo(stamped);

    // anvil_mine(blocks, interval), as viem's testClient.mine sends it.
    long from = headNumber();
    assertThat(result("anvil_mine", "[\"0x3\",\"0x5\"]").isNull()).isTrue();
    assertThat(headNumber()).isEqualTo(from + 3);
    long last = Hex.parseQuantity(head().get("timestamp").asText());
    JsonNode middle = result("eth_getBlockByNumber", "[\"" + Hex.quantity(from + 2) + "\",false]");
    assertThat(Hex.parseQuantity(middle.get("timestamp").asText())).isEqualTo(last - 5);
    assertThat(error("anvil_mine", "[\"0x0\"]").get("code").asInt())
        .isEqualTo(RpcError.INVALID_PARAMS);
  }

  @Test
  void setsBalancesAtOnceUpAndDown() throws Exception {
    Address target = Address.fromHex("0x00000000000000000000000000000000000ba1a5");
    assertThat(
            result("anvil_setBalance", "[\"" + target.toHex() + "\",\"0xde0b6b3a7640000\"]")
                .isNull())
        .isTrue();
    assertThat(balance(target)).isEqualTo(BigInteger.TEN.pow(18));
    assertThat(result("hardhat_setBalance", "[\"" + target.toHex() + "\",\"0x7\"]").asBoolean())
        .isTrue();
    assertThat(balance(target)).isEqualTo(BigInteger.valueOf(7));
    // The dev account's own balance, lowered: what it sends next is paid from it.
    result("anvil_setBalance", "[" + account(6) + ",\"0x1000\"]");
    assertThat(balance(ACCOUNTS.get(6))).isEqualTo(BigInteger.valueOf(0x1000));
  }

  @Test
  void revertsToASnapshotWithHeadStateAndTime() throws Exception {
    JsonNode before = head();
    BigInteger balance = balance(ACCOUNTS.get(8));
    String id = result("evm_snapshot", "[]").asText();

    String hash =
        result(
                "eth_sendTransaction",
                "[{\"from\":" + account(7) + ",\"to\":" + account(8) + ",\"value\":\"0x64\"}]")
            .asText();
    awaitReceipt(hash);
    result("evm_increaseTime", "[\"0x15180\"]");
    String later = result("evm_snapshot", "[]").asText();
    result("anvil_setBalance", "[" + account(8) + ",\"0x1\"]");
    assertThat(balance(ACCOUNTS.get(8))).isEqualTo(BigInteger.ONE);

    assertThat(result("evm_revert", "[\"" + id + "\"]").asBoolean()).isTrue();
    assertThat(head().get("hash").asText()).isEqualTo(before.get("hash").asText());
    assertThat(balance(ACCOUNTS.get(8))).isEqualTo(balance);
    assertThat(result("eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull()).isTrue();
    assertThat(result("eth_getTransactionByHash", "[\"" + hash + "\"]").isNull())
        .as("the reverted transaction does not come back to the pool")
        .isTrue();
    // The time shift made after the snapshot is gone with it.
    result("evm_mine", "[]");
    assertThat(Hex.parseQuantity(head().get("timestamp").asText()))
        .isLessThan(Hex.parseQuantity(before.get("timestamp").asText()) + 86_400);

    // A snapshot is used once, and the later ones go with it.
    assertThat(result("evm_revert", "[\"" + id + "\"]").asBoolean()).isFalse();
    assertThat(result("evm_revert", "[\"" + later + "\"]").asBoolean()).isFalse();
  }
}
