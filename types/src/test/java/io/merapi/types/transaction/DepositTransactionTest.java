package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.InvalidTransactionException.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OP Stack deposited transaction (specs: protocol/deposits.md). */
class DepositTransactionTest {
  private static final Hash SOURCE =
      Hash.fromHex("0x1111111111111111111111111111111111111111111111111111111111111111");
  private static final Address FROM = Address.fromHex("0x00000000000000000000000000000000000000aa");

  private static DepositTransaction deposit(UInt256 mint, boolean system) {
    return new DepositTransaction(
        SOURCE,
        FROM,
        Optional.empty(),
        mint,
        UInt256.valueOf(5),
        100_000,
        system,
        Bytes.fromHex("0x616263"));
  }

  @Test
  void encodingIsTypeByteAndTheEightFieldsInSpecOrder() {
    DepositTransaction tx = deposit(UInt256.valueOf(7), true);
    byte[] expected =
        new RlpWriter()
            .writeRaw(new byte[] {0x7e})
            .startList()
            .writeHash(SOURCE)
            .writeAddress(FROM)
            .writeEmpty() // to: contract creation
            .writeLong(7) // mint
            .writeLong(5) // value
            .writeLong(100_000) // gas
            .writeLong(1) // isSystemTx
            .writeBytes(Hex.decode("0x616263"))
            .endList()
            .toByteArray();
    assertThat(tx.encoded()).isEqualTo(expected);
    assertThat(tx.hash()).isEqualTo(Keccak256.digest(expected));
    assertThat(TransactionDecoder.decode(expected)).isEqualTo(tx);
    assertThat(tx.sender()).isEqualTo(FROM);
    assertThat(tx.chainId()).isEmpty();
    assertThat(tx.effectiveGasPrice(UInt256.valueOf(1000))).isEqualTo(UInt256.ZERO);
  }

  @Test
  void booleanMustBeCanonical() {
    byte[] encoded = deposit(UInt256.ZERO, false).encoded();
    // isSystemTx false is 0x80; a 0x00 byte in its place is not canonical RLP.
    int at = encoded.length - 5;
    assertThat(encoded[at]).isEqualTo((byte) 0x80);
    encoded[at] = 0x00;
    assertThatThrownBy(() -> TransactionDecoder.decode(encoded))
        .isInstanceOf(io.merapi.base.rlp.RlpException.class);
  }

  @Test
  void jsonFollowsOpGeth() throws Exception {
    DepositTransaction noMint = deposit(UInt256.ZERO, false);
    JsonNode json = Json.mapper().valueToTree(RpcTransaction.pending(noMint));
    assertThat(json.get("type").asText()).isEqualTo("0x7e");
    assertThat(json.get("sourceHash").asText()).isEqualTo(SOURCE.toHex());
    assertThat(json.get("from").asText()).isEqualTo(FROM.toHex());
    // op-geth decodes an empty mint as zero and prints it (op-reth followed, reth PR 14716).
    assertThat(json.get("mint").asText()).as("mint is printed when zero").isEqualTo("0x0");
    assertThat(json.has("isSystemTx")).as("isSystemTx only when true").isFalse();
    assertThat(json.get("v").asText()).isEqualTo("0x0");
    assertThat(json.get("gasPrice").asText()).isEqualTo("0x0");
    assertThat(json.get("to").isNull()).isTrue();

    DepositTransaction minted = deposit(UInt256.valueOf(34), true);
    RpcTransaction included =
        RpcTransaction.included(
            minted,
            Hash.ZERO,
            12,
            0,
            Optional.of(UInt256.ONE),
            Optional.of(
                io.merapi.types.receipt.Receipt.deposit(
                    true,
                    50_000,
                    java.util.List.of(),
                    java.util.OptionalLong.of(9),
                    java.util.OptionalLong.of(1))));
    JsonNode full = Json.mapper().valueToTree(included);
    assertThat(full.get("mint").asText()).isEqualTo("0x22");
    assertThat(full.get("isSystemTx").asBoolean()).isTrue();
    assertThat(full.get("nonce").asText()).as("the receipt's deposit nonce").isEqualTo("0x9");
    assertThat(full.get("depositReceiptVersion").asText()).isEqualTo("0x1");
    RpcTransaction read = Json.mapper().treeToValue(full, RpcTransaction.class);
    assertThat(read).isEqualTo(included);
  }

  @Test
  void jsonRefusesSignatureOrFeeFieldsOnDeposits() {
    String json =
        "{\"type\":\"0x7e\",\"gas\":\"0x1234\",\"value\":\"0x1\",\"input\":\"0x\",\"to\":null,"
            + "\"sourceHash\":\"0x0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"from\":\"0x0000000000000000000000000000000000000001\",\"maxFeePerGas\":\"0x1\"}";
    assertThatThrownBy(() -> Json.mapper().readValue(json, Transaction.class))
        .hasMessageContaining("maxFeePerGas");
  }

  @Test
  void depositsAreValidOnlyOnOpStackChains() {
    DepositTransaction tx = deposit(UInt256.ZERO, false);
    assertThat(TransactionValidator.opStack(10, Fork.CANCUN).validate(tx).gas())
        .isEqualTo(21_000 + 32_000 + 3 * 16 + 2);
    assertThatThrownBy(() -> TransactionValidator.l1(1, Fork.CANCUN).validate(tx))
        .isInstanceOfSatisfying(
            InvalidTransactionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TYPE_NOT_SUPPORTED));
  }
}
