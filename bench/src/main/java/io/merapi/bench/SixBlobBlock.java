package io.merapi.bench;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * An L1 block whose six blobs carry one span-batch channel, and the L2 blocks in it, for {@link
 * DerivationBenchmark}: the sequencer's blocks (a few hundred signed EIP-1559 transfers, token
 * transfers and contract calls each, from a pool of funded accounts with their own nonces) with
 * their L1 origins (an L1 block every 12 seconds from the L1 genesis), the channel compressed until
 * six blobs are full, the batcher's signed blob transaction to the inbox in the L1 block after the
 * last origin, and in-memory L1, blob and L2 sources for the pipeline.
 *
 * <p>The L1 source decodes its transactions again at every read, as a node reading them from an RPC
 * would, so that every pipeline recovers the batcher's signature itself (transactions cache their
 * sender).
 */
final class SixBlobBlock {
  static final int BLOBS = 6;
  static final long L1_CHAIN_ID = 900;
  static final long L2_CHAIN_ID = 901;
  static final long GENESIS_TIME = 1_700_000_000L;
  static final long L1_BLOCK_TIME = 12;
  static final long L2_BLOCK_TIME = 2;

  static final Address BATCH_INBOX = Address.fromHex("0xff00000000000000000000000000000000000901");
  static final Secp256k1.PrivateKey BATCHER = key("batcher");

  final RollupConfig config;
  final L2BlockRef l2Genesis;

  /** The sequencer's blocks in the channel, from the genesis' child on. */
  final List<L2BlockRef> blocks = new ArrayList<>();

  /** Each block's batch transactions (without deposits), by block number. */
  final Map<Long, List<Bytes>> blockTxs = new HashMap<>();

  /** The channel's compressed bytes (the frames' data in order). */
  final byte[] channel;

  /** The decompressed size of the channel (its RLP batches). */
  final int channelRlpBytes;

  final int transactionCount;
  private final MemoryL1 l1;
  private final Map<Hash, Bytes> blobs = new HashMap<>();

  /**
   * Builds the chain: {@code fork} and every earlier one active at genesis, the channel compressed
   * with {@code algo}.
   */
  SixBlobBlock(OpFork fork, CompressionAlgo algo) {
    Header l1Genesis = l1Header(0, Hash.ZERO, GENESIS_TIME, OptionalLong.of(0));
    Hash l2GenesisHash = hash("l2 genesis");
    config = rollupConfig(fork, l1Genesis.hash(), l2GenesisHash);
    l2Genesis =
        new L2BlockRef(
            l2GenesisHash,
            0,
            Hash.ZERO,
            GENESIS_TIME,
            new RollupConfig.BlockId(l1Genesis.hash(), 0),
            0);
    // The L1 blocks the L2 blocks take as origins, one every 12 seconds, made as L2 time reaches
    // them (empty: no deposits, no config updates).
    List<Header> epochs = new ArrayList<>(List.of(l1Genesis));

    SpanChannelOut out =
        new SpanChannelOut(
            ChannelOutConfig.of(config),
            ChannelOut.targetOutputSize(BLOBS, ChannelOut.MAX_BLOB_FRAME_SIZE),
            algo,
            0,
            new SplittableRandom(7));
    Sequencer sequencer = new Sequencer(new Random(42));
    L2BlockRef parent = l2Genesis;
    int txCount = 0;
    int rlpBytes = 0;
    while (true) {
      long time = parent.time() + L2_BLOCK_TIME;
      Header last = epochs.getLast();
      if (time >= last.timestamp() + L1_BLOCK_TIME) {
        epochs.add(
            l1Header(
                last.number() + 1,
                last.hash(),
                last.timestamp() + L1_BLOCK_TIME,
                OptionalLong.of(0)));
      }
      L1BlockRef epoch = ref(epochs.getLast());
      long seq = parent.l1Origin().equals(epoch.id()) ? parent.sequenceNumber() + 1 : 0;
      L2BlockRef block =
          new L2BlockRef(
              hash("l2 block " + (parent.number() + 1)),
              parent.number() + 1,
              parent.hash(),
              time,
              epoch.id(),
              seq);
      List<Bytes> txs = sequencer.block();
      ChannelOut.AddResult added =
          out.addSingularBatch(
              new SingularBatch(parent.hash(), epoch.number(), epoch.hash(), time, txs), seq);
      if (added != ChannelOut.AddResult.ADDED) {
        break;
      }
      blocks.add(block);
      blockTxs.put(block.number(), txs);
      txCount += txs.size();
      rlpBytes = out.inputBytes();
      parent = block;
      if (out.isFull()) {
        break;
      }
    }
    transactionCount = txCount;
    channelRlpBytes = rlpBytes;
    List<Frame> frames = out.outputFrames(ChannelOut.MAX_BLOB_FRAME_SIZE);
    if (frames.size() != BLOBS) {
      throw new IllegalStateException("the channel took " + frames.size() + " frames");
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    List<Hash> versionedHashes = new ArrayList<>();
    for (Frame frame : frames) {
      data.writeBytes(frame.data().array());
      Bytes blob = BlobEncoding.encode(BatcherTransaction.encode(frame));
      // A stand-in for the KZG commitment's versioned hash: version byte 1, then a digest.
      byte[] versioned = Keccak256.digest(blob.array()).toArray();
      versioned[0] = 1;
      Hash h = Hash.wrap(versioned);
      versionedHashes.add(h);
      blobs.put(h, blob);
    }
    channel = data.toByteArray();

    Transaction blobTx =
        new BlobTransaction(
                L1_CHAIN_ID,
                0,
                UInt256.valueOf(1_000_000_000L),
                UInt256.valueOf(30_000_000_000L),
                21_000,
                BATCH_INBOX,
                UInt256.ZERO,
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.valueOf(1_000_000_000L),
                versionedHashes,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO,
                Optional.empty())
            .sign(BATCHER);
    // The batcher's transaction lands in the L1 block after the last L1 origin, the first block
    // that can carry batches naming that origin (an L1 block cannot hold batches of L2 blocks built
    // on it: its hash is not known before it is sealed).
    Header parentHeader = epochs.getLast();
    Header inclusion =
        l1Header(
            parentHeader.number() + 1,
            parentHeader.hash(),
            Math.max(parentHeader.timestamp() + L1_BLOCK_TIME, parent.time()),
            OptionalLong.of(BLOBS * 131072L));
    l1 = new MemoryL1();
    for (Header epoch : epochs) {
      l1.add(epoch, List.of());
    }
    l1.add(inclusion, List.of(blobTx));
  }

  L1Source l1() {
    return l1;
  }

  BlobSource blobSource() {
    return (ref, hashes) -> {
      List<Bytes> out = new ArrayList<>(hashes.size());
      for (BlobSource.IndexedBlobHash h : hashes) {
        Bytes blob = blobs.get(h.hash());
        if (blob == null) {
          throw new DerivationException.Temporary("no blob " + h.hash());
        }
        out.add(blob);
      }
      return out;
    };
  }

  /** An L2 chain holding only the genesis: the safe chain a fresh verifier starts from. */
  MemoryL2 freshL2() {
    MemoryL2 l2 = new MemoryL2(config.genesis().systemConfig());
    l2.add(l2Genesis, List.of());
    return l2;
  }

  /**
   * What an engine makes of {@code attributes} on {@code parent}: the sequencer's block, after
   * checking that the attributes have its timestamp and its transactions after one deposit (the L1
   * info; the epochs have no user deposits). {@code everyTransaction} compares all of them, else
   * only their number and the last one (inside the measured loop).
   */
  L2BlockRef build(
      L2BlockRef parent,
      io.merapi.types.engine.PayloadAttributes attributes,
      boolean everyTransaction) {
    int index = (int) parent.number();
    if (index >= blocks.size() || !blocks.get(index).parentHash().equals(parent.hash())) {
      throw new IllegalStateException("attributes on unexpected parent " + parent);
    }
    L2BlockRef block = blocks.get(index);
    List<Bytes> txs = attributes.transactions();
    List<Bytes> expected = blockTxs.get(block.number());
    boolean same =
        attributes.timestamp() == block.time()
            && txs.size() == expected.size() + 1
            && (txs.get(0).get(0) & 0xff) == 0x7e
            && (everyTransaction
                ? txs.subList(1, txs.size()).equals(expected)
                : expected.isEmpty() || txs.get(txs.size() - 1).equals(expected.getLast()));
    if (!same) {
      throw new IllegalStateException("attributes differ from block " + block.number());
    }
    return block;
  }

  // ---- the sequencer's transactions ---------------------------------------------------------

  /** A busy OP chain's user transactions, signed, with per-sender nonces. */
  private static final class Sequencer {
    private final Random random;
    private final List<Secp256k1.PrivateKey> senders = new ArrayList<>();
    private final long[] nonces;
    private final List<Address> recipients = new ArrayList<>();
    private final List<Address> tokens = new ArrayList<>();
    private final List<Address> routers = new ArrayList<>();

    Sequencer(Random random) {
      this.random = random;
      for (int i = 0; i < 256; i++) {
        senders.add(key("sender " + i));
      }
      nonces = new long[senders.size()];
      for (int i = 0; i < senders.size(); i++) {
        nonces[i] = random.nextInt(5_000);
      }
      for (int i = 0; i < 2_000; i++) {
        recipients.add(address(random));
      }
      for (int i = 0; i < 8; i++) {
        tokens.add(address(random));
      }
      for (int i = 0; i < 3; i++) {
        routers.add(address(random));
      }
    }

    /** One block's transactions: 200 to 400 of them. */
    List<Bytes> block() {
      int count = 200 + random.nextInt(201);
      List<Bytes> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        txs.add(Bytes.wrap(transaction().encoded()));
      }
      return txs;
    }

    private Transaction transaction() {
      int sender = random.nextInt(senders.size());
      int kind = random.nextInt(10);
      Address to;
      UInt256 value = UInt256.ZERO;
      byte[] data;
      long gas;
      if (kind < 3) {
        // An ether transfer.
        to = recipients.get(random.nextInt(recipients.size()));
        value = UInt256.valueOf(random.nextLong() >>> 12);
        data = new byte[0];
        gas = 21_000;
      } else if (kind < 8) {
        // transfer(address,uint256) on a token.
        to = tokens.get(random.nextInt(tokens.size()));
        data = new byte[4 + 32 + 32];
        selector(data, 0xa9059cbb);
        System.arraycopy(
            recipients.get(random.nextInt(recipients.size())).array(), 0, data, 16, 20);
        long amount = random.nextLong() >>> (8 + random.nextInt(40));
        for (int b = 0; b < 8; b++) {
          data[67 - b] = (byte) (amount >>> (8 * b));
        }
        gas = 50_000 + random.nextInt(20_000);
      } else {
        // A router call: a selector and five words, amounts, a path and a deadline.
        to = routers.get(random.nextInt(routers.size()));
        data = new byte[4 + 32 * 5];
        selector(data, 0x38ed1739);
        for (int w = 0; w < 5; w++) {
          int significant = w < 2 ? 12 : w < 4 ? 20 : 4;
          byte[] word = new byte[significant];
          random.nextBytes(word);
          System.arraycopy(word, 0, data, 4 + 32 * w + 32 - significant, significant);
        }
        gas = 150_000 + random.nextInt(100_000);
      }
      Transaction unsigned =
          new DynamicFeeTransaction(
              L2_CHAIN_ID,
              nonces[sender]++,
              UInt256.valueOf(1_000 + random.nextInt(1_000_000)),
              UInt256.valueOf(1_000_000_000L + random.nextInt(1_000_000)),
              gas,
              Optional.of(to),
              value,
              Bytes.wrap(data),
              AccessList.EMPTY,
              UInt256.ZERO,
              UInt256.ZERO,
              UInt256.ZERO);
      return ((DynamicFeeTransaction) unsigned).sign(senders.get(sender));
    }

    private static void selector(byte[] data, int selector) {
      data[0] = (byte) (selector >>> 24);
      data[1] = (byte) (selector >>> 16);
      data[2] = (byte) (selector >>> 8);
      data[3] = (byte) selector;
    }
  }

  // ---- the chain ----------------------------------------------------------------------------

  private static RollupConfig rollupConfig(OpFork fork, Hash l1Genesis, Hash l2Genesis) {
    Map<OpFork, Long> forks = new EnumMap<>(OpFork.class);
    for (OpFork f : OpFork.values()) {
      if (f != OpFork.BEDROCK && f.compareTo(fork) <= 0) {
        forks.put(f, 0L);
      }
    }
    RollupConfig.SystemConfig systemConfig =
        new RollupConfig.SystemConfig(
            BATCHER.address(),
            Hash.ZERO,
            Hash.ZERO,
            30_000_000,
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
    return new RollupConfig(
        new RollupConfig.RollupGenesis(
            new RollupConfig.BlockId(l1Genesis, 0),
            new RollupConfig.BlockId(l2Genesis, 0),
            GENESIS_TIME,
            systemConfig),
        L2_BLOCK_TIME,
        600,
        3600,
        300,
        L1_CHAIN_ID,
        L2_CHAIN_ID,
        forks,
        OptionalLong.empty(),
        Map.of(),
        BATCH_INBOX,
        Address.fromHex("0x0000000000000000000000000000000000d0c0de"),
        Address.fromHex("0x0000000000000000000000000000000000c0ffee"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Header l1Header(long number, Hash parent, long time, OptionalLong blobGasUsed) {
    return Header.builder()
        .parentHash(parent)
        .number(number)
        .timestamp(time)
        .gasLimit(30_000_000)
        .mixHash(hash("randao " + number))
        .baseFeePerGas(Optional.of(UInt256.valueOf(7_000_000_000L)))
        .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
        .blobGasUsed(blobGasUsed)
        .excessBlobGas(OptionalLong.of(10_000_000))
        .parentBeaconBlockRoot(Optional.of(hash("beacon " + number)))
        .build();
  }

  static L1BlockRef ref(Header header) {
    return new L1BlockRef(header.hash(), header.number(), header.parentHash(), header.timestamp());
  }

  static Hash hash(String name) {
    return Keccak256.digest(name.getBytes(StandardCharsets.UTF_8));
  }

  private static Secp256k1.PrivateKey key(String name) {
    return Secp256k1.PrivateKey.fromBytes(hash(name).toArray());
  }

  private static Address address(Random random) {
    byte[] a = new byte[20];
    random.nextBytes(a);
    return Address.wrap(a);
  }

  /** The L1 chain in memory; transactions are kept encoded and decoded at every read. */
  static final class MemoryL1 implements L1Source {
    private final List<Header> canonical = new ArrayList<>();
    private final Map<Hash, Header> headers = new HashMap<>();
    private final Map<Hash, List<byte[]>> transactions = new HashMap<>();
    private final Map<Hash, List<Receipt>> receipts = new HashMap<>();

    void add(Header header, List<Transaction> txs) {
      canonical.add(header);
      headers.put(header.hash(), header);
      List<byte[]> encoded = new ArrayList<>();
      List<Receipt> rs = new ArrayList<>();
      long gas = 0;
      for (Transaction tx : txs) {
        encoded.add(tx.encoded());
        gas += 21_000;
        rs.add(Receipt.of(tx.type(), true, gas, List.of()));
      }
      transactions.put(header.hash(), encoded);
      receipts.put(header.hash(), List.copyOf(rs));
    }

    @Override
    public Optional<L1BlockRef> blockRefByNumber(long number) {
      return number >= 0 && number < canonical.size()
          ? Optional.of(ref(canonical.get((int) number)))
          : Optional.empty();
    }

    @Override
    public L1BlockRef blockRefByHash(Hash hash) {
      return ref(headerByHash(hash));
    }

    @Override
    public Header headerByHash(Hash hash) {
      Header h = headers.get(hash);
      if (h == null) {
        throw new DerivationException.Temporary("no L1 block " + hash);
      }
      return h;
    }

    @Override
    public List<Transaction> transactionsByHash(Hash hash) {
      headerByHash(hash);
      List<Transaction> out = new ArrayList<>();
      for (byte[] tx : transactions.get(hash)) {
        out.add(TransactionDecoder.decode(tx));
      }
      return out;
    }

    @Override
    public List<Receipt> receiptsByHash(Hash hash) {
      headerByHash(hash);
      return receipts.get(hash);
    }
  }

  /** The verifier's L2 chain in memory, one system config for every block. */
  static final class MemoryL2 implements L2Source {
    private final Map<Long, L2BlockRef> byNumber = new HashMap<>();
    private final Map<Hash, L2BlockRef> byHash = new HashMap<>();
    private final Map<Long, List<Bytes>> txs = new HashMap<>();
    private final RollupConfig.SystemConfig systemConfig;

    MemoryL2(RollupConfig.SystemConfig systemConfig) {
      this.systemConfig = systemConfig;
    }

    void add(L2BlockRef block, List<Bytes> transactions) {
      byNumber.put(block.number(), block);
      byHash.put(block.hash(), block);
      txs.put(block.number(), transactions);
    }

    @Override
    public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
      return Optional.ofNullable(byNumber.get(number));
    }

    @Override
    public L2BlockRef l2BlockRefByHash(Hash hash) {
      L2BlockRef block = byHash.get(hash);
      if (block == null) {
        throw new DerivationException.Temporary("no L2 block " + hash);
      }
      return block;
    }

    @Override
    public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
      l2BlockRefByHash(hash);
      return systemConfig;
    }

    @Override
    public Optional<List<Bytes>> transactionsByNumber(long number) {
      return Optional.ofNullable(txs.get(number));
    }
  }
}
