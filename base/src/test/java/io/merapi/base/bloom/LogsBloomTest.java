package io.merapi.base.bloom;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example and the real receipt of seed 004 (Ethereum mainnet block 15001871). */
class LogsBloomTest {
  private static final Hash TRANSFER =
      Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

  // USDT, and the two parties of the transfer in the first transaction of block 15001871.
  private static final Address USDT = Address.fromHex("0xdac17f958d2ee523a2206206994597c13d831ec7");
  private static final Address FROM = Address.fromHex("0x5041ed759dd4afc3a72b8192c143f72f4724081a");
  private static final Address TO = Address.fromHex("0xec23e787ea25230f74a3da0f515825c1d820f47a");

  // The receipt's logsBloom as the seed prints it.
  private static final String RECEIPT_BLOOM =
      "0x00000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000008000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000010800000000000000000000000000000000000000000000000000000000000000000100000000000000000000008000080000000000000000000000000000000000000000000002002000000000000000000000000004000000000000000000000000000000000000000000000000000800000000000000000000000000000000000000000";

  // The header's logsBloom of block 15001871 as the seed prints it.
  private static final String BLOCK_BLOOM =
      "0x0100000000000004000000000000100000000000000000000000000000200000000000000000000000000000000001000000000000000000080008000000000040000000002000000000040800000000000000000000200000000000004800000040000002000000000000000000081000000000000040000000001080020000200001000000000000000000040000004000000000000000000000000010000000008000000000000800008000000800000000008000000200000800000000000000200a000000200000000000100002004000000000000000000000000020000000000080000020000000800000000000004000000000000000080000004000";

  @Test
  void transferTopicSetsTheBitsTheSeedWorksOut() {
    // keccak(topic) = ada389e1fc24...: pairs 0xada3, 0x89e1, 0xfc24.
    assertThat(LogsBloom.bitPositions(TRANSFER.array()))
        .containsExactly(75 * 8 + 3, 195 * 8 + 1, 123 * 8 + 4);
    LogsBloom bloom = LogsBloom.builder().add(TRANSFER).build();
    assertThat(bloom.isSet(75, 3)).isTrue();
    assertThat(bloom.isSet(195, 1)).isTrue();
    assertThat(bloom.isSet(123, 4)).isTrue();
    int setBits = 0;
    for (byte b : bloom.array()) {
      setBits += Integer.bitCount(b & 0xff);
    }
    assertThat(setBits).isEqualTo(3);
  }

  @Test
  void receiptBloomOfTheUsdtTransfer() {
    LogsBloom built =
        LogsBloom.builder().addLog(USDT, List.of(TRANSFER, FROM.toWord(), TO.toWord())).build();
    assertThat(built.toHex()).isEqualTo(RECEIPT_BLOOM);
  }

  @Test
  void blockBloomContainsTheReceiptBloom() {
    LogsBloom block = LogsBloom.fromHex(BLOCK_BLOOM);
    LogsBloom receipt = LogsBloom.fromHex(RECEIPT_BLOOM);
    assertThat(block.containsAll(receipt)).isTrue();
    assertThat(block.mayContain(TRANSFER)).isTrue();
    assertThat(block.mayContain(USDT)).isTrue();
    assertThat(receipt.or(block)).isEqualTo(block);
  }

  @Test
  void absentValuesAreRuledOut() {
    LogsBloom receipt = LogsBloom.fromHex(RECEIPT_BLOOM);
    assertThat(receipt.mayContain(Address.fromHex("0x0000000000000000000000000000000000000001")))
        .isFalse();
    assertThat(LogsBloom.EMPTY.mayContain(TRANSFER)).isFalse();
  }
}
