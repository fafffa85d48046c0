package io.merapi.types.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.json.Json;
import io.merapi.types.testing.ChainArbitraries;
import io.merapi.types.transaction.TransactionType;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReceiptProperties {

  @Property(tries = 300)
  void encodingRoundTrips(@ForAll("receipts") Receipt receipt) {
    assertThat(Receipt.decode(receipt.encoded())).isEqualTo(receipt);
    RlpWriter writer = new RlpWriter().startList();
    receipt.writeTo(writer);
    RlpReader list = RlpReader.of(writer.endList().toByteArray()).readList();
    assertThat(Receipt.readFrom(list)).isEqualTo(receipt);
  }

  /** op-geth's EncodeIndex: deposit fields reach the trie only with a receipt version. */
  @Property(tries = 300)
  void trieEncodingCarriesDepositFieldsOnlyWithAVersion(@ForAll("receipts") Receipt receipt) {
    Receipt fromTrie = Receipt.decode(receipt.trieEncoded());
    if (receipt.type() != TransactionType.DEPOSIT
        || receipt.depositReceiptVersion().isPresent()
        || receipt.depositNonce().isEmpty()) {
      assertThat(receipt.trieEncoded()).isEqualTo(receipt.encoded());
    } else {
      assertThat(fromTrie.depositNonce()).isEmpty();
      assertThat(fromTrie.cumulativeGasUsed()).isEqualTo(receipt.cumulativeGasUsed());
    }
  }

  @Property(tries = 200)
  void jsonRoundTrips(@ForAll("receipts") Receipt receipt) throws Exception {
    String json = Json.mapper().writeValueAsString(receipt);
    assertThat(Json.mapper().readValue(json, Receipt.class)).isEqualTo(receipt);
  }

  @Provide
  Arbitrary<Receipt> receipts() {
    return ChainArbitraries.receipts();
  }
}
