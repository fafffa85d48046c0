package io.merapi.types.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpException;
import io.merapi.types.transaction.TransactionType;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReceiptTest {

  /**
   * op-geth's TestBedrockDepositReceiptUnchanged: a Bedrock deposit receipt (post-state root, empty
   * bloom as given, no deposit fields) and its bytes.
   */
  @Test
  void bedrockDepositReceiptBytes() {
    byte[] post = new byte[32];
    post[0] = 3;
    Receipt receipt =
        new Receipt(
            TransactionType.DEPOSIT,
            new Receipt.PostState(Hash.wrap(post)),
            10,
            LogsBloom.EMPTY,
            List.of(
                new Log(address(0x33), List.of(), Bytes.of((byte) 1)),
                new Log(address(0x0333), List.of(), Bytes.of((byte) 2))),
            OptionalLong.empty(),
            OptionalLong.empty());
    String expected =
        "0x7ef90156a003000000000000000000000000000000000000000000000000000000000000000ab90100"
            + "00".repeat(256)
            + "f0d7940000000000000000000000000000000000000033c001d7940000000000000000000000000000000000000333c002";
    assertThat(Hex.encode(receipt.encoded())).isEqualTo(expected);
    assertThat(Receipt.decode(Hex.decode(expected))).isEqualTo(receipt);
  }

  /** op-geth's TestReceiptEncodeIndexBugIsEnshrined. */
  @Test
  void regolithReceiptHashesWithoutItsNonceAndCanyonWithIt() {
    List<Log> logs = List.of(new Log(address(0x11), List.of(Hash.ZERO), Bytes.of((byte) 1)));
    Receipt regolith = Receipt.deposit(false, 1, logs, OptionalLong.of(1234), OptionalLong.empty());
    Receipt canyon = Receipt.deposit(false, 1, logs, OptionalLong.of(1234), OptionalLong.of(1));
    Receipt dynamicFee = Receipt.of(TransactionType.DYNAMIC_FEE, false, 1, logs);

    assertThat(regolith.trieEncoded()).isNotEqualTo(regolith.encoded());
    byte[] trie = regolith.trieEncoded();
    byte[] plain = dynamicFee.encoded();
    assertThat(java.util.Arrays.copyOfRange(trie, 1, trie.length))
        .isEqualTo(java.util.Arrays.copyOfRange(plain, 1, plain.length));
    assertThat(canyon.trieEncoded()).isEqualTo(canyon.encoded());
    assertThat(Receipt.decode(canyon.encoded())).isEqualTo(canyon);
  }

  @Test
  void depositFieldsAreRefusedOnOtherTypesAndOutOfOrder() {
    assertThatThrownBy(
            () ->
                new Receipt(
                    TransactionType.LEGACY,
                    new Receipt.Status(true),
                    1,
                    LogsBloom.EMPTY,
                    List.of(),
                    OptionalLong.of(1),
                    OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Receipt.deposit(true, 1, List.of(), OptionalLong.empty(), OptionalLong.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusMustBeEmptyOneOrARoot() {
    byte[] encoded = Receipt.of(TransactionType.LEGACY, true, 1, List.of()).encoded();
    // The status byte 0x01 sits right after the list header (f9 01 09).
    assertThat(encoded[3]).isEqualTo((byte) 0x01);
    encoded[3] = 0x02;
    assertThatThrownBy(() -> Receipt.decode(encoded))
        .isInstanceOf(RlpException.class)
        .hasMessageContaining("status");
  }

  private static Address address(int value) {
    byte[] bytes = new byte[20];
    bytes[19] = (byte) value;
    bytes[18] = (byte) (value >> 8);
    return Address.wrap(bytes);
  }
}
