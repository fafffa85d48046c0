package io.merapi.batcher.channel;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.state.op.L1Attributes;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Real L2 blocks for the channel tests: each opens with its L1 attributes deposit (epoch {@code
 * l1Origin}) and carries signed transactions of random, hence incompressible, calldata.
 */
public final class TestChain {
  public static final long GENESIS_TIME = 1_700_000_000L;
  static final long CHAIN_ID = 901;
  static final ChannelOutConfig CHAIN =
      new ChannelOutConfig(GENESIS_TIME, CHAIN_ID, OptionalLong.of(0));
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  private final SplittableRandom random = new SplittableRandom(11);
  private final List<Block> blocks = new ArrayList<>();
  private long nonce;

  /** Appends a block of {@code txCount} transactions of {@code txBytes} random bytes each. */
  public Block next(long l1Origin, int txCount, int txBytes) {
    Hash parent = blocks.isEmpty() ? Hash.ZERO : blocks.get(blocks.size() - 1).hash();
    long number = blocks.size() + 1;
    return add(parent, number, l1Origin, txCount, txBytes);
  }

  /** A block at {@code number} on {@code parent}, not checked against the chain. */
  public Block add(Hash parent, long number, long l1Origin, int txCount, int txBytes) {
    long sequenceNumber = 0;
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (origin(blocks.get(i)) == l1Origin) {
        sequenceNumber++;
      } else {
        break;
      }
    }
    L1Attributes info =
        new L1Attributes.Ecotone(
            1368,
            810949,
            sequenceNumber,
            GENESIS_TIME + l1Origin * 12,
            l1Origin,
            UInt256.valueOf(7),
            UInt256.ONE,
            Keccak256.digest(Bytes.wrap(new byte[] {(byte) l1Origin, 1}).array()),
            Hash.ZERO);
    List<Transaction> txs = new ArrayList<>();
    txs.add(info.deposit(true));
    for (int i = 0; i < txCount; i++) {
      byte[] data = new byte[txBytes];
      random.nextBytes(data);
      txs.add(
          new DynamicFeeTransaction(
                  CHAIN_ID,
                  nonce++,
                  UInt256.ONE,
                  UInt256.valueOf(1000),
                  100_000,
                  Optional.of(Address.ZERO),
                  UInt256.ZERO,
                  Bytes.wrap(data),
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(KEY));
    }
    // A distinct state root per block: sibling blocks of the same number differ in hash.
    byte[] stateRoot = new byte[32];
    random.nextBytes(stateRoot);
    Header header =
        Header.builder()
            .parentHash(parent)
            .stateRoot(Hash.wrap(stateRoot))
            .number(number)
            .gasLimit(30_000_000)
            .timestamp(GENESIS_TIME + number * 2)
            .baseFeePerGas(Optional.of(UInt256.ONE))
            .build();
    Block block = new Block(header, new BlockBody(txs, List.of(), Optional.of(List.of())));
    blocks.add(block);
    return block;
  }

  static long origin(Block block) {
    return io.merapi.derive.batch.BlockToBatch.toSingularBatch(block).batch().epochNum();
  }

  static ChannelConfig config(BatchType type, CompressorKind compressor, boolean blobs) {
    ChannelConfig base =
        new ChannelConfig(
            3600, 300, 0, 10, 120_000 - 1, 1, compressor, 0.4, CompressionAlgo.ZLIB, type, false);
    return blobs ? base.asBlobs(1) : base;
  }
}
