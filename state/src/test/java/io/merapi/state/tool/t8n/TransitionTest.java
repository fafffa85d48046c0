package io.merapi.state.tool.t8n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Tracer;
import io.merapi.state.InMemoryState;
import io.merapi.trie.OrderedListRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY =
      "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8";
  private static final Address SENDER = Secp256k1.PrivateKey.fromHex(KEY).address();
  private static final Address TO = Address.fromHex("0x1111111111111111111111111111111111111111");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static final String ENV =
      """
      {'currentCoinbase': '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', 'currentNumber': '1',
       'currentTimestamp': '1000', 'currentGasLimit': '0x1000000', 'currentBaseFee': '0x7',
       'currentRandom': '0x01', 'currentExcessBlobGas': '0x0', 'withdrawals': [
         {'index': '0x0', 'validatorIndex': '0x1', 'address': '0x3333333333333333333333333333333333333333', 'amount': '0x2'}],
       'parentBeaconBlockRoot': '0x0000beac00beac00beac00beac00beac00beac00beac00beac00beac00beac00'}
      """;

  private static String tx(long nonce) {
    return "{'type': '0x2', 'chainId': '0x1', 'nonce': '0x%x', 'gas': '0x5208', 'to': '%s', 'value': '0x5', 'input': '0x', 'maxFeePerGas': '0xa', 'maxPriorityFeePerGas': '0x1', 'accessList': [], 'v': '0x0', 'r': '0x0', 's': '0x0', 'secretKey': '%s'}"
        .formatted(nonce, TO, KEY);
  }

  private static InMemoryState alloc() throws Exception {
    return T8nJson.readAlloc(json("{'" + SENDER + "': {'balance': '0x1000000000'}}"));
  }

  @Test
  void appliesValidTransactionsAndRejectsTheRest() throws Exception {
    List<Transition.TxInput> txs =
        T8nJson.readTransactions(json("[" + tx(0) + ", " + tx(5) + ", " + tx(1) + "]"), 1);
    T8nResult result =
        Transition.apply(
            "Cancun", 1, -1, alloc(), T8nEnv.fromJson(json(ENV)), txs, (i, h) -> Tracer.NONE);

    assertThat(result.rejected()).extracting(T8nResult.Rejected::index).containsExactly(1);
    assertThat(result.rejected().get(0).error()).contains("nonce too high");
    assertThat(result.receipts()).hasSize(2);
    assertThat(result.gasUsed()).isEqualTo(2 * 21_000);
    assertThat(result.receipts().get(1).receipt().cumulativeGasUsed()).isEqualTo(42_000);
    assertThat(result.alloc().storage(TO, UInt256.ZERO)).isEqualTo(UInt256.ZERO);
    assertThat(result.alloc().entry(TO).orElseThrow().balance()).isEqualTo(UInt256.valueOf(10));
    // Withdrawals are credited in Gwei.
    assertThat(
            result
                .alloc()
                .entry(Address.fromHex("0x3333333333333333333333333333333333333333"))
                .orElseThrow()
                .balance())
        .isEqualTo(UInt256.valueOf(2_000_000_000L));
    Transition.TxInput.Decoded first = (Transition.TxInput.Decoded) txs.get(0);
    Transition.TxInput.Decoded third = (Transition.TxInput.Decoded) txs.get(2);
    assertThat(result.txRoot())
        .isEqualTo(OrderedListRoot.of(List.of(first.tx().encoded(), third.tx().encoded())));
    assertThat(result.blobGasUsed()).hasValue(0);
    assertThat(result.currentDifficulty()).isEmpty();
  }

  @Test
  void cancunNeedsTheParentBeaconRoot() throws Exception {
    JsonNode env = json(ENV.replace("'parentBeaconBlockRoot'", "'unused'"));
    assertThatThrownBy(
            () ->
                Transition.apply(
                    "Cancun",
                    1,
                    0,
                    alloc(),
                    T8nEnv.fromJson(env),
                    List.of(),
                    (i, h) -> Tracer.NONE))
        .isInstanceOfSatisfying(
            T8nException.class, e -> assertThat(e.exitCode()).isEqualTo(T8nException.CONFIG));
  }

  @Test
  void undecodableRlpTransactionsAreRejectedOneByOne() {
    // A list of two items: a byte string that is not a transaction, and an empty list.
    List<Transition.TxInput> txs =
        T8nJson.readRlpTransactions(
            new byte[] {(byte) 0xc3, (byte) 0x81, (byte) 0xff, (byte) 0xc0});
    assertThat(txs).hasSize(2).allMatch(t -> t instanceof Transition.TxInput.Failed);
  }
}
