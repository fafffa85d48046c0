package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcError;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node without {@code --dev} holds no keys: it lists no accounts, answers geth's {@code unknown
 * account} to a request to sign, does not know the methods geth does not serve nor the dev chain's
 * test methods, and still fills transactions ({@code eth_fillTransaction} signs nothing).
 */
class NodeSigningRefusalTest {
  private static NodeFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new NodeFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private String alice() {
    return "\"" + fixture.alice.address().toHex() + "\"";
  }

  @Test
  void listsNoAccounts() throws Exception {
    assertThat(fixture.result("eth_accounts", "[]")).isEmpty();
  }

  @Test
  void refusesToSignWithGethsUnknownAccount() throws Exception {
    String tx =
        "[{\"from\":"
            + alice()
            + ",\"to\":"
            + alice()
            + ",\"gas\":\"0x5208\",\"gasPrice\":\"0x3b9aca00\",\"nonce\":\"0x0\"}]";
    for (String[] call :
        new String[][] {
          {"eth_sendTransaction", tx},
          {"eth_signTransaction", tx},
          {"eth_sign", "[" + alice() + ",\"0x00\"]"}
        }) {
      JsonNode error = fixture.call(call[0], call[1]).get("error");
      assertThat(error.get("code").asInt()).as(call[0]).isEqualTo(RpcError.SERVER_ERROR);
      assertThat(error.get("message").asText()).as(call[0]).isEqualTo("unknown account");
    }
  }

  @Test
  void doesNotServeKeyOnlyOrDevMethods() throws Exception {
    for (String method :
        new String[] {
          "personal_sign",
          "eth_signTypedData_v4",
          "evm_mine",
          "evm_increaseTime",
          "evm_setNextBlockTimestamp",
          "evm_snapshot",
          "evm_revert",
          "anvil_setBalance",
          "hardhat_setBalance"
        }) {
      JsonNode error = fixture.call(method, "[]").get("error");
      assertThat(error.get("code").asInt()).as(method).isEqualTo(RpcError.METHOD_NOT_FOUND);
      assertThat(error.get("message").asText())
          .isEqualTo("the method " + method + " does not exist/is not available");
    }
  }

  @Test
  void fillsTransactionsWithoutAKey() throws Exception {
    JsonNode filled =
        fixture.result(
            "eth_fillTransaction", "[{\"from\":" + alice() + ",\"to\":" + alice() + "}]");
    Transaction tx = TransactionDecoder.decode(Hex.decode(filled.get("raw").asText()));
    assertThat(tx.gasLimit()).isEqualTo(21_000);
    assertThat(tx.chainId()).hasValue(fixture.chain().config().chainId());
    JsonNode creation = fixture.call("eth_fillTransaction", "[{\"from\":" + alice() + "}]");
    assertThat(creation.at("/error/message").asText())
        .isEqualTo("contract creation without any data provided");
  }
}
