package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.Rlp;
import io.merapi.base.testing.TestData;
import io.merapi.base.uint.UInt256;
import io.merapi.cli.MerapiRun.Output;
import io.merapi.derive.batch.RawSpanBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.state.op.L1Attributes;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SignedTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merapi batch decode} and {@code encode} in-process, on data built here: the span batch of
 * {@code op/batches/raw_span_batch.bin} in a zlib channel, one frame, batcher calldata, and signed
 * L1 transactions carrying it in calldata and in a blob.
 */
class BatchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long L2_CHAIN_ID = 901;
  private static final ChannelId CHANNEL = ChannelId.fromHex("0x00112233445566778899aabbccddeeff");
  private static final Address INBOX =
      Address.fromHex("0xff00000000000000000000000000000000000901");
  private static final Secp256k1.PrivateKey BATCHER =
      Secp256k1.PrivateKey.fromHex(
          "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");

  /** The span batch's content, the channel's decompressed data and its compressed bytes. */
  record SpanChannel(byte[] content, byte[] rlp, byte[] compressed) {}

  private static SpanChannel spanChannel() throws Exception {
    byte[] content = Files.readAllBytes(TestData.require("op/batches/raw_span_batch.bin"));
    byte[] batchData = new byte[content.length + 1];
    batchData[0] = 1; // span batch
    System.arraycopy(content, 0, batchData, 1, content.length);
    byte[] rlp = Rlp.encodeBytes(batchData);
    return new SpanChannel(content, rlp, zlib(rlp));
  }

  private static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** The JSON the decoder must print for the span channel, field by field in its order. */
  private static ObjectNode expectedChannel(
      SpanChannel channel, Optional<ChannelId> id, boolean complete) {
    RawSpanBatch batch = RawSpanBatch.decode(channel.content(), 0, channel.content().length);
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id.map(i -> i.bytes().toHex()).orElse(null));
    out.put("compression", "zlib");
    out.put("compressedBytes", channel.compressed().length);
    out.put("decompressedBytes", channel.rlp().length);
    out.put("complete", complete);
    ObjectNode span = out.putArray("batches").addObject();
    span.put("type", "span");
    span.put("relTimestamp", 1_639_845_645L);
    span.put("l1OriginNum", new BigInteger("16988980031808077784"));
    span.put("parentCheck", "0x01ddf682e2f8a6f10c2207e02322897e65317196");
    span.put("l1OriginCheck", "0x8527cdb6f601acf9b483817abd1da92790c92b19");
    ArrayNode blocks = span.putArray("blocks");
    long[] origins = batch.blockL1OriginNums();
    List<List<Bytes>> txs = batch.blockTransactions(L2_CHAIN_ID);
    int[] counts = {8, 15, 15, 1};
    for (int i = 0; i < 4; i++) {
      ObjectNode block = blocks.addObject();
      block.put("l1OriginNum", new BigInteger(Long.toUnsignedString(origins[i])));
      ArrayNode hashes = block.putArray("transactions");
      assertThat(txs.get(i)).hasSize(counts[i]);
      for (Bytes tx : txs.get(i)) {
        hashes.add(Keccak256.digest(tx.array()).toHex());
      }
    }
    return out;
  }

  private static String expected(List<Frame> frames, List<ObjectNode> channels) throws Exception {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("frames");
    for (Frame frame : frames) {
      ObjectNode f = list.addObject();
      f.put("channelId", frame.channelId().bytes().toHex());
      f.put("frameNumber", frame.frameNumber());
      f.put("dataLength", frame.data().length());
      f.put("isLast", frame.isLast());
    }
    out.putArray("channels").addAll(channels);
    return JSON.writeValueAsString(out);
  }

  private static Path write(Path dir, String name, byte[] data, boolean hex) throws Exception {
    Path file = dir.resolve(name);
    if (hex) {
      Files.writeString(file, Bytes.wrap(data).toHex() + "\n");
    } else {
      Files.write(file, data);
    }
    return file;
  }

  private static SignedTransaction calldataTx(byte[] calldata) {
    return new DynamicFeeTransaction(
            900,
            7,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(30_000_000_000L),
            1_000_000,
            Optional.of(INBOX),
            UInt256.ZERO,
            Bytes.wrap(calldata),
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(BATCHER);
  }

  private static BlobTransaction blobTx(byte[] blobData, boolean withSidecar) {
    Bytes blob = BlobEncoding.encode(Bytes.wrap(blobData));
    // Commitments and proofs are not checked by the decoder; the versioned hash follows the
    // commitment as EIP-4844 defines it.
    Bytes commitment = Bytes.wrap(new byte[48]);
    BlobSidecar sidecar =
        new BlobSidecar(0, List.of(blob), List.of(commitment), List.of(commitment));
    BlobTransaction unsigned =
        new BlobTransaction(
            900,
            8,
            UInt256.ONE,
            UInt256.valueOf(30_000_000_000L),
            21_000,
            INBOX,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ONE,
            sidecar.versionedHashes(),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            Optional.empty());
    BlobTransaction signed = (BlobTransaction) unsigned.sign(BATCHER);
    return withSidecar ? signed.withSidecar(Optional.of(sidecar)) : signed;
  }

  @Test
  void decodesASignedTransactionCarryingASpanBatchChannel(@TempDir Path dir) throws Exception {
    SpanChannel channel = spanChannel();
    Frame frame = new Frame(CHANNEL, 0, Bytes.wrap(channel.compressed()), true);
    byte[] calldata = BatcherTransaction.encode(frame).toArray();
    Path file = write(dir, "tx.hex", calldataTx(calldata).encoded(), true);
    Output result =
        merapi("batch", "decode", "--l2-chain-id", "901", "--kind", "tx", file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip())
        .isEqualTo(
            expected(
                List.of(frame), List.of(expectedChannel(channel, Optional.of(CHANNEL), true))));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void decodesCalldataAndChannelsAndDetectsTheKind(@TempDir Path dir) throws Exception {
    SpanChannel channel = spanChannel();
    Frame frame = new Frame(CHANNEL, 0, Bytes.wrap(channel.compressed()), true);
    byte[] calldata = BatcherTransaction.encode(frame).toArray();
    String withFrame =
        expected(List.of(frame), List.of(expectedChannel(channel, Optional.of(CHANNEL), true)));

    Path binary = write(dir, "calldata.bin", calldata, false);
    Output asCalldata =
        merapi("batch", "decode", "--l2-chain-id", "901", "--kind", "calldata", binary.toString());
    assertThat(asCalldata.exitCode()).as(asCalldata.err()).isZero();
    assertThat(asCalldata.out().strip()).isEqualTo(withFrame);

    Output detected = merapi("batch", "decode", "--l2-chain-id", "901", binary.toString());
    assertThat(detected.out().strip()).isEqualTo(withFrame);
    assertThat(detected.err()).contains("read as calldata (detected");

    Path channelFile = write(dir, "channel.hex", channel.compressed(), true);
    Output asChannel =
        merapi(
            "batch", "decode", "--l2-chain-id", "901", "--kind", "channel", channelFile.toString());
    assertThat(asChannel.exitCode()).as(asChannel.err()).isZero();
    assertThat(asChannel.out().strip())
        .isEqualTo(expected(List.of(), List.of(expectedChannel(channel, Optional.empty(), true))));

    Path txFile = write(dir, "tx.bin", calldataTx(calldata).encoded(), false);
    Output tx = merapi("batch", "decode", "--l2-chain-id", "901", txFile.toString());
    assertThat(tx.out().strip()).isEqualTo(withFrame);
    assertThat(tx.err()).contains("read as tx (detected");
  }

  @Test
  void decodesTheBlobsOfABlobTransactionWithItsSidecar(@TempDir Path dir) throws Exception {
    SpanChannel channel = spanChannel();
    Frame frame = new Frame(CHANNEL, 0, Bytes.wrap(channel.compressed()), true);
    byte[] data = BatcherTransaction.encode(frame).toArray();
    Path file = write(dir, "blobtx.hex", blobTx(data, true).networkEncoded(), true);
    Output result = merapi("batch", "decode", "--l2-chain-id", "901", file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip())
        .isEqualTo(
            expected(
                List.of(frame), List.of(expectedChannel(channel, Optional.of(CHANNEL), true))));
  }

  @Test
  void aBlobTransactionWithoutItsSidecarSaysTheDataIsInBlobs(@TempDir Path dir) throws Exception {
    Path file = write(dir, "blobtx.hex", blobTx(new byte[] {0}, false).encoded(), true);
    Output result = merapi("batch", "decode", "--kind", "tx", file.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("carries its batcher data in 1 blob(s)").contains("sidecar");
  }

  @Test
  void theFirstFrameOfALongerChannelShowsTheBatchesItHolds(@TempDir Path dir) throws Exception {
    SpanChannel channel = spanChannel();
    // Split the channel in two frames; decode the transaction with the first one only.
    byte[] compressed = channel.compressed();
    int half = compressed.length / 2;
    Frame first = new Frame(CHANNEL, 0, Bytes.wrap(Arrays.copyOf(compressed, half)), false);
    Path file = write(dir, "first.hex", BatcherTransaction.encode(first).toArray(), true);
    Output result = merapi("batch", "decode", "--l2-chain-id", "901", file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = JSON.readTree(result.out());
    JsonNode ch = json.get("channels").get(0);
    assertThat(ch.get("complete").asBoolean()).isFalse();
    assertThat(ch.get("compressedBytes").asInt()).isEqualTo(half);
    assertThat(ch.get("decompressedBytes").asInt()).isPositive().isLessThan(channel.rlp().length);
    // The one span batch does not fit in half the data.
    assertThat(ch.get("batches")).isEmpty();
    assertThat(result.err()).contains("not complete").contains("ends early");

    Frame second =
        new Frame(
            CHANNEL, 1, Bytes.wrap(Arrays.copyOfRange(compressed, half, compressed.length)), true);
    Path both =
        write(dir, "both.hex", BatcherTransaction.encode(List.of(second, first)).toArray(), true);
    Output whole = merapi("batch", "decode", "--l2-chain-id", "901", both.toString());
    JsonNode wholeJson = JSON.readTree(whole.out());
    assertThat(wholeJson.get("frames")).hasSize(2);
    assertThat(JSON.writeValueAsString(wholeJson.get("channels").get(0)))
        .isEqualTo(JSON.writeValueAsString(expectedChannel(channel, Optional.of(CHANNEL), true)));
  }

  @Test
  void singularBatchesShowTheirFields(@TempDir Path dir) throws Exception {
    Transaction tx =
        LegacyTransaction.unsigned(
                OptionalLong.of(L2_CHAIN_ID),
                0,
                UInt256.ONE,
                21_000,
                Optional.of(INBOX),
                UInt256.ONE,
                Bytes.EMPTY)
            .sign(BATCHER);
    Hash parent = Hash.fromHex("0x" + "11".repeat(32));
    Hash epoch = Hash.fromHex("0x" + "22".repeat(32));
    byte[] batch =
        new io.merapi.derive.batch.BatchData.Singular(
                new io.merapi.derive.batch.SingularBatch(
                    parent, 77, epoch, 1_700_000_000L, List.of(Bytes.wrap(tx.encoded()))))
            .encode()
            .toArray();
    byte[] compressed = zlib(Rlp.encodeBytes(batch));
    Path file = write(dir, "channel.bin", compressed, false);
    Output result = merapi("batch", "decode", "--kind", "channel", file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip())
        .isEqualTo(
            "{\"frames\":[],\"channels\":[{\"id\":null,\"compression\":\"zlib\",\"compressedBytes\":"
                + compressed.length
                + ",\"decompressedBytes\":"
                + Rlp.encodeBytes(batch).length
                + ",\"complete\":true,\"batches\":[{\"type\":\"singular\",\"parentHash\":\""
                + parent.toHex()
                + "\",\"epochNum\":77,\"epochHash\":\""
                + epoch.toHex()
                + "\",\"timestamp\":1700000000,\"transactions\":[\""
                + tx.hash().toHex()
                + "\"]}]}]}");
  }

  record Bad(String what, byte[] data, boolean hex, String[] args, String error) {}

  @Test
  void badInputFailsNamingWhatAndWhere(@TempDir Path dir) throws Exception {
    SpanChannel channel = spanChannel();
    byte[] frame =
        BatcherTransaction.encode(new Frame(CHANNEL, 0, Bytes.wrap(channel.compressed()), true))
            .toArray();
    byte[] corruptBatch = zlib(Rlp.encodeBytes(new byte[] {1, 2, 3}));
    List<Bad> cases = new ArrayList<>();
    cases.add(
        new Bad(
            "not hex", "0x12zz".getBytes(), false, new String[0], "character 'z' at position 4"));
    cases.add(
        new Bad("odd hex", "0x123".getBytes(), false, new String[0], "odd number of hex digits"));
    cases.add(
        new Bad(
            "truncated frame",
            Arrays.copyOf(frame, frame.length - 3),
            true,
            new String[] {"--kind", "calldata"},
            "frame 0: data ends inside frame_data"));
    cases.add(
        new Bad(
            "unknown version",
            new byte[] {7, 1, 2},
            true,
            new String[] {"--kind", "calldata"},
            "unknown derivation version 7"));
    cases.add(
        new Bad(
            "unknown compression",
            new byte[] {0x22, 1, 2},
            true,
            new String[] {"--kind", "channel"},
            "cannot tell the compression from the first byte 0x22"));
    cases.add(
        new Bad(
            "malformed span batch",
            corruptBatch,
            false,
            new String[] {"--kind", "channel"},
            "batch 0 at byte 0: parent_check needs 20 bytes"));
    cases.add(
        new Bad(
            "not a transaction",
            new byte[] {2, (byte) 0xc1, 0},
            true,
            new String[] {"--kind", "tx"},
            "is not a signed transaction"));
    for (Bad bad : cases) {
      Path file = write(dir, "bad", bad.data(), bad.hex());
      List<String> args = new ArrayList<>(List.of("batch", "decode"));
      args.addAll(List.of(bad.args()));
      args.add(file.toString());
      Output result = merapi(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(bad.what()).isEqualTo(1);
      assertThat(result.err()).as(bad.what()).contains(bad.error());
    }
  }

  // merapi batch encode

  private static Block block(long number, Hash parent, long timestamp, long l1Number, long seq) {
    L1Attributes l1 =
        new L1Attributes.Ecotone(
            1368,
            810_949,
            seq,
            1_700_000_000L + l1Number * 12,
            l1Number,
            UInt256.valueOf(7),
            UInt256.ONE,
            Hash.fromHex("0x" + String.format("%064x", l1Number)),
            Hash.ZERO);
    List<Transaction> txs = new ArrayList<>();
    txs.add(l1.deposit(true));
    for (int i = 0; i < 2; i++) {
      txs.add(
          new DynamicFeeTransaction(
                  L2_CHAIN_ID,
                  number * 10 + i,
                  UInt256.ONE,
                  UInt256.valueOf(1000),
                  21_000,
                  Optional.of(INBOX),
                  UInt256.valueOf(i),
                  Bytes.EMPTY,
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(BATCHER));
    }
    Header header = Header.builder().parentHash(parent).number(number).timestamp(timestamp).build();
    return new Block(header, new BlockBody(txs, List.of(), Optional.empty()));
  }

  @Test
  void encodesBlocksThatDecodeBackToTheirTransactions(@TempDir Path dir) throws Exception {
    long genesis = 1_700_000_000L;
    List<Block> blocks = new ArrayList<>();
    Hash parent = Hash.fromHex("0x" + "ab".repeat(32));
    for (int i = 0; i < 5; i++) {
      Block b = block(100 + i, parent, genesis + 2 * (100 + i), 10 + i / 3, i % 3);
      blocks.add(b);
      parent = b.hash();
    }
    ArrayNode json = JSON.createArrayNode();
    for (Block b : blocks) {
      json.add(Json.mapper().valueToTree(RpcBlock.of(b, true, List.of())));
    }
    Path file = dir.resolve("blocks.json");
    Files.writeString(file, JSON.writeValueAsString(json));

    for (String da : List.of("calldata", "blobs")) {
      Output encoded =
          merapi(
              "batch",
              "encode",
              "--l2-chain-id",
              "901",
              "--l2-genesis-time",
              Long.toString(genesis),
              "--compression",
              "brotli",
              "--da",
              da,
              "--seed",
              "1",
              file.toString());
      assertThat(encoded.exitCode()).as(encoded.err()).isZero();
      List<String> lines = encoded.out().lines().toList();
      assertThat(lines).hasSize(1);
      byte[] line = Bytes.fromHex(lines.get(0)).toArray();
      byte[] calldata = da.equals("blobs") ? BlobEncoding.decode(Bytes.wrap(line)).toArray() : line;
      Path tx = write(dir, "encoded-" + da, calldata, true);
      Output decoded = merapi("batch", "decode", "--l2-chain-id", "901", tx.toString());
      assertThat(decoded.exitCode()).as(decoded.err()).isZero();
      JsonNode channel = JSON.readTree(decoded.out()).get("channels").get(0);
      assertThat(channel.get("compression").asText()).isEqualTo("brotli");
      assertThat(channel.get("complete").asBoolean()).isTrue();
      JsonNode span = channel.get("batches").get(0);
      assertThat(span.get("type").asText()).isEqualTo("span");
      assertThat(span.get("relTimestamp").asLong()).isEqualTo(200);
      assertThat(span.get("l1OriginNum").asLong()).isEqualTo(11);
      assertThat(span.get("parentCheck").asText()).isEqualTo("0x" + "ab".repeat(20));
      JsonNode decodedBlocks = span.get("blocks");
      assertThat(decodedBlocks).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(decodedBlocks.get(i).get("l1OriginNum").asLong()).isEqualTo(10 + i / 3);
        List<String> hashes = new ArrayList<>();
        decodedBlocks.get(i).get("transactions").forEach(h -> hashes.add(h.asText()));
        assertThat(hashes)
            .containsExactly(
                blocks.get(i).transactions().get(1).hash().toHex(),
                blocks.get(i).transactions().get(2).hash().toHex());
      }
    }

    Output singular =
        merapi(
            "batch",
            "encode",
            "--batch-type",
            "singular",
            "--max-frame-size",
            "200",
            "--seed",
            "2",
            file.toString());
    assertThat(singular.exitCode()).as(singular.err()).isZero();
    List<String> frames = singular.out().lines().toList();
    assertThat(frames.size()).isGreaterThan(1);
    for (String line : frames) {
      assertThat(Bytes.fromHex(line).length()).isLessThanOrEqualTo(201);
    }
  }

  @Test
  void encodeRefusesBlocksWithoutTheirTransactions(@TempDir Path dir) throws Exception {
    Block b = block(1, Hash.ZERO, 2, 1, 0);
    Path file = dir.resolve("blocks.json");
    Files.writeString(
        file, "[" + Json.mapper().writeValueAsString(RpcBlock.of(b, false, List.of())) + "]");
    Output result = merapi("batch", "encode", file.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("block 0 lists transaction hashes only");
  }
}
