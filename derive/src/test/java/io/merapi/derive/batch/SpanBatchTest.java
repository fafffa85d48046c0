package io.merapi.derive.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.testing.TestData;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.testing.RandomBatches;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpanBatchTest {
  private static final long CHAIN_ID = 901;
  private static final long GENESIS = 1_700_000_000L;
  private static final long BLOCK_TIME = 2;

  static byte[] rawSpanBatch() throws IOException {
    return Files.readAllBytes(TestData.require("op/batches/raw_span_batch.bin"));
  }

  @Test
  void rawSpanBatchFromOpNodeDecodesAndReencodesToTheSameBytes() throws IOException {
    byte[] raw = rawSpanBatch();
    RawSpanBatch batch = RawSpanBatch.decode(raw, 0, raw.length);
    assertThat(batch.encode().toArray()).isEqualTo(raw);
    assertThat(batch.blockCount()).isPositive();
    assertThat(batch.transactions().count()).isPositive();
    System.out.println(
        batch
            + " txs="
            + batch.transactions().count()
            + " legacy="
            + batch.transactions().legacyCount());
  }

  @Test
  void rawSpanBatchRoundTripsThroughItsBlocks() throws IOException {
    byte[] raw = rawSpanBatch();
    RawSpanBatch batch = RawSpanBatch.decode(raw, 0, raw.length);
    SpanBatch derived = batch.toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID);
    assertThat(derived.blocks()).hasSize(batch.blockCount());
    assertThat(derived.timestamp()).isEqualTo(GENESIS + batch.relTimestamp());
    assertThat(derived.lastEpochNum()).isEqualTo(batch.l1OriginNum());
    for (SpanBatchElement block : derived.blocks()) {
      for (Bytes tx : block.transactions()) {
        // Every restored transaction is a canonical transaction encoding.
        assertThat(TransactionDecoder.decode(tx.toArray()).encoded()).isEqualTo(tx.toArray());
      }
    }
    RawSpanBatch again = RawSpanBatch.fromSpanBatch(derived, batch.originBit(0), GENESIS, CHAIN_ID);
    assertThat(again.encode().toArray()).isEqualTo(raw);
  }

  @Test
  void randomSpanBatchesRoundTrip() {
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      SpanBatch batch =
          RandomBatches.spanBatch(
              random, 1 + random.nextInt(8), GENESIS, BLOCK_TIME, CHAIN_ID, true);
      boolean firstBit = random.nextBoolean();
      RawSpanBatch raw = RawSpanBatch.fromSpanBatch(batch, firstBit, GENESIS, CHAIN_ID);
      Bytes encoded = raw.encode();
      RawSpanBatch decoded = RawSpanBatch.decode(encoded.array(), 0, encoded.length());
      assertThat(decoded.encode()).isEqualTo(encoded);
      assertThat(decoded.originBit(0)).isEqualTo(firstBit);
      assertThat(decoded.toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID)).isEqualTo(batch);
    }
  }

  @Test
  void originBitsGiveEachBlocksEpoch() {
    // Three blocks; the second and third advance the epoch; the first bit says nothing here.
    SpanBatch batch =
        new SpanBatch(
            Bytes.wrap(new byte[20]),
            Bytes.wrap(new byte[20]),
            List.of(
                new SpanBatchElement(GENESIS + 10, 7, List.of()),
                new SpanBatchElement(GENESIS + 12, 8, List.of()),
                new SpanBatchElement(GENESIS + 14, 9, List.of())));
    RawSpanBatch raw = RawSpanBatch.fromSpanBatch(batch, true, GENESIS, CHAIN_ID);
    assertThat(raw.l1OriginNum()).isEqualTo(9);
    assertThat(raw.relTimestamp()).isEqualTo(10);
    assertThat(raw.blockL1OriginNums()).containsExactly(7, 8, 9);
    // rel_timestamp 10, l1_origin_num 9, the checks, 3 blocks, origin bits 0b111, no transactions
    // (every transaction field is empty, bitlists of 0 bits take 0 bytes).
    assertThat(raw.encode().toHex()).isEqualTo("0x0a09" + "00".repeat(40) + "0307000000");
  }

  @Test
  void epochsThatJumpCannotBeExpressed() {
    SpanBatch batch =
        new SpanBatch(
            Bytes.wrap(new byte[20]),
            Bytes.wrap(new byte[20]),
            List.of(
                new SpanBatchElement(GENESIS, 7, List.of()),
                new SpanBatchElement(GENESIS + 2, 9, List.of())));
    assertThatThrownBy(() -> RawSpanBatch.fromSpanBatch(batch, false, GENESIS, CHAIN_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most one per block");
  }

  // Transactions: signatures restored with the chain id, types a span batch may carry.

  private static RawSpanBatch oneBlock(List<Bytes> txs) {
    SpanBatch batch =
        new SpanBatch(
            Bytes.wrap(new byte[20]),
            Bytes.wrap(new byte[20]),
            List.of(new SpanBatchElement(GENESIS, 1, txs)));
    return RawSpanBatch.fromSpanBatch(batch, false, GENESIS, CHAIN_ID);
  }

  @Test
  void protectedAndUnprotectedLegacySignaturesAreRestored() {
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      Transaction tx = RandomBatches.transaction(random, CHAIN_ID, true);
      Bytes encoded = Bytes.wrap(tx.encoded());
      List<Bytes> restored = oneBlock(List.of(encoded)).blockTransactions(CHAIN_ID).get(0);
      assertThat(restored).containsExactly(encoded);
      assertThat(Keccak256.digest(restored.get(0).toArray())).isEqualTo(tx.hash());
    }
  }

  static List<Transaction> notCarried() {
    return List.of(
        new DepositTransaction(
            Hash.ZERO,
            io.merapi.base.bytes.Address.ZERO,
            Optional.empty(),
            UInt256.ZERO,
            UInt256.ZERO,
            21000,
            false,
            Bytes.EMPTY),
        new BlobTransaction(
            CHAIN_ID,
            0,
            UInt256.ONE,
            UInt256.ONE,
            21000,
            io.merapi.base.bytes.Address.ZERO,
            UInt256.ZERO,
            Bytes.EMPTY,
            io.merapi.types.transaction.AccessList.EMPTY,
            UInt256.ONE,
            List.of(Hash.ZERO),
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.ONE,
            Optional.empty()),
        new DynamicFeeTransaction(
            CHAIN_ID + 1,
            0,
            UInt256.ONE,
            UInt256.ONE,
            21000,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.EMPTY,
            io.merapi.types.transaction.AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.ONE),
        new LegacyTransaction(
            0,
            UInt256.ONE,
            21000,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.EMPTY,
            UInt256.valueOf(3),
            UInt256.ONE,
            UInt256.ONE));
  }

  @ParameterizedTest
  @MethodSource("notCarried")
  void transactionsASpanBatchCannotCarryAreRefused(Transaction tx) {
    assertThatThrownBy(() -> oneBlock(List.of(Bytes.wrap(tx.encoded()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // Decoding errors, each with its reason.

  record Bad(String name, String hex, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String CHECKS = "00".repeat(40);

  static List<Bad> bad() {
    List<Bad> list = new ArrayList<>();
    list.add(new Bad("nothing", "0x", "rel_timestamp is missing"));
    list.add(new Bad("cut varint", "0x80", "rel_timestamp ends inside its uvarint"));
    list.add(new Bad("varint overflow", "0x" + "ff".repeat(9) + "02", "rel_timestamp overflows"));
    list.add(new Bad("short parent check", "0x0101" + "00".repeat(10), "parent_check needs 20"));
    list.add(new Bad("no blocks", "0x0101" + CHECKS + "00", "block_count is 0"));
    list.add(
        new Bad("too many blocks", "0x0101" + CHECKS + "81ad e204".replace(" ", ""), "over the"));
    list.add(new Bad("padding bits set", "0x0101" + CHECKS + "0102", "beyond its 1 bits"));
    list.add(
        new Bad(
            "too many txs in a block", "0x0101" + CHECKS + "0100" + "81ade204", "over the limit"));
    list.add(
        new Bad(
            "too many txs in total",
            "0x0101" + CHECKS + "0200" + "c196b102" + "c196b102",
            "10000002 transactions in total, more than the span batch limit"));
    list.add(
        new Bad("txs without signatures", "0x0101" + CHECKS + "010001" + "0000", "txs needs 66"));
    // One transaction: creation bit, parity bit, r and s, no to, tx data not a list.
    list.add(
        new Bad(
            "tx data not a list",
            "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "80",
            "tx_datas[0] is not an RLP list"));
    list.add(
        new Bad(
            "tx data over the limit",
            "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "fb7fffffff",
            "more than the span batch limit"));
    list.add(
        new Bad(
            "tx data with a non-canonical size",
            "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "f80100",
            "non-canonical RLP size"));
    list.add(
        new Bad(
            "no nonce",
            "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "c3808080",
            "tx_nonces[0] is missing"));
    list.add(
        new Bad(
            "no protected bits for a legacy tx",
            "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "c3808080" + "0000",
            "protected_bits needs 1"));
    return list;
  }

  @ParameterizedTest
  @MethodSource("bad")
  void malformedSpanBatchesAreRefusedWithTheReason(Bad bad) {
    byte[] data = Bytes.fromHex(bad.hex()).toArray();
    assertThatThrownBy(() -> RawSpanBatch.decode(data, 0, data.length))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining(bad.reason());
  }

  @Test
  void aMinimalLegacyTransactionDecodesAndRestores() {
    // Creation, y parity 0, r = s = 0, tx data [0, 0, ""], nonce 0, gas 0, unprotected.
    String hex = "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "c3808080" + "000000";
    byte[] data = Bytes.fromHex(hex).toArray();
    RawSpanBatch raw = RawSpanBatch.decode(data, 0, data.length);
    assertThat(raw.encode().toHex()).isEqualTo(hex);
    Bytes tx = raw.blockTransactions(CHAIN_ID).get(0).get(0);
    // rlp([0, 0, 0, "", 0, "", 27, 0, 0])
    assertThat(tx.toHex()).isEqualTo("0xc9" + "80".repeat(6) + "1b8080");
  }

  @Test
  void bytesAfterTheBatchAreIgnored() {
    String hex = "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "c3808080" + "000000";
    byte[] data = Bytes.fromHex(hex + "deadbeef").toArray();
    assertThat(RawSpanBatch.decode(data, 0, data.length).encode().toHex()).isEqualTo(hex);
  }

  record BadTx(String name, String txData, int legacy, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<BadTx> badTransactions() {
    return List.of(
        new BadTx("blob type", "03c0", 0, "has type 3"),
        new BadTx("deposit type", "7ec0", 0, "has type 126"),
        new BadTx("type byte 0", "00c3808080", 1, "type byte 0x00"),
        new BadTx("legacy with a fourth field", "c480808080", 1, "trailing"),
        new BadTx("legacy with a 33-byte value", "e4a1" + "01".repeat(33) + "8080", 1, "uint256"),
        new BadTx("eip-1559 without access list", "02c480808080", 0, "unexpected end"),
        new BadTx("set-code without authorization list", "04c580808080c0", 0, "unexpected end"));
  }

  @ParameterizedTest
  @MethodSource("badTransactions")
  void transactionsThatDoNotRestoreFailTheConversionNotTheDecoding(BadTx bad) {
    String protectedBits = bad.legacy() == 1 ? "00" : "";
    String hex =
        "0x0101"
            + CHECKS
            + "010001"
            + "0100"
            + "00".repeat(64)
            + bad.txData()
            + "0000"
            + protectedBits;
    byte[] data = Bytes.fromHex(hex).toArray();
    RawSpanBatch raw = RawSpanBatch.decode(data, 0, data.length);
    assertThatThrownBy(() -> raw.toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining(bad.reason());
  }

  @Test
  void aSetCodeTransactionMustHaveATo() {
    // Creation bit set for a type-4 transaction with a complete field list.
    String hex =
        "0x0101" + CHECKS + "010001" + "0100" + "00".repeat(64) + "04c6808080" + "80c0c0" + "0000";
    byte[] data = Bytes.fromHex(hex).toArray();
    RawSpanBatch raw = RawSpanBatch.decode(data, 0, data.length);
    assertThatThrownBy(() -> raw.toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("without a to address");
  }
}
