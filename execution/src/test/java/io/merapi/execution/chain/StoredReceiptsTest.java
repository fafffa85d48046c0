package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.TransactionType;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StoredReceiptsTest {
  @Test
  void receiptsComeBackWithTheirBlooms() {
    Log log =
        new Log(
            Address.fromHex("0x00000000000000000000000000000000000000aa"),
            List.of(Hash.fromHex("0x" + "01".repeat(32)), Hash.fromHex("0x" + "02".repeat(32))),
            Bytes.fromHex("0x1234"));
    List<Receipt> receipts =
        List.of(
            Receipt.of(TransactionType.LEGACY, true, 21_000, List.of()),
            Receipt.of(TransactionType.DYNAMIC_FEE, false, 50_000, List.of(log, log)),
            Receipt.of(TransactionType.BLOB, true, 90_000, List.of(log)),
            new Receipt(
                TransactionType.LEGACY,
                new Receipt.PostState(Hash.fromHex("0x" + "ee".repeat(32))),
                100_000,
                Receipt.bloomOf(List.of()),
                List.of(),
                OptionalLong.empty(),
                OptionalLong.empty()),
            Receipt.deposit(true, 150_000, List.of(log), OptionalLong.of(7), OptionalLong.of(1)),
            Receipt.deposit(false, 160_000, List.of(), OptionalLong.of(8), OptionalLong.empty()));
    byte[] stored = StoredReceipts.encode(receipts);
    assertThat(StoredReceipts.decode(stored)).isEqualTo(receipts);
    assertThat(stored.length)
        .as("smaller than the consensus encodings, which carry the blooms")
        .isLessThan(receipts.stream().mapToInt(r -> r.encoded().length).sum() - 5 * 256);
  }
}
