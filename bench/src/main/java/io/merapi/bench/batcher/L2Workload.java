package io.merapi.bench.batcher;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.universal.interfaces.IERC20;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The L2 blocks of one kind of traffic, as the batcher sees them: batches of real signed EIP-1559
 * transactions (types' transaction classes, secp256k1 signatures) in 2-second blocks, an L1 origin
 * every 6 blocks. Seeded, so every configuration of the benchmark gets the same blocks.
 *
 * <ul>
 *   <li>{@link Kind#ERC20}: {@code transfer(to, amount)} calls to one token contract, from 2,000
 *       senders in turn (each with its own nonce), to recipients drawn from 50,000 addresses, with
 *       amounts of 1 to 10^6 tokens at 18 decimals and a few significant digits, as wallets send;
 *   <li>{@link Kind#RANDOM_CALLDATA}: calls to random addresses with 100 to 1,000 bytes of random
 *       calldata (which no compressor can shrink).
 * </ul>
 */
final class L2Workload {
  enum Kind {
    ERC20("ERC-20 transfers", 150),
    RANDOM_CALLDATA("random calldata", 25);

    final String displayName;
    final int txsPerBlock;

    Kind(String displayName, int txsPerBlock) {
      this.displayName = displayName;
      this.txsPerBlock = txsPerBlock;
    }
  }

  static final long CHAIN_ID = 901;
  static final long GENESIS_TIME = 1_700_000_000L;
  static final long BLOCK_TIME = 2;
  static final int BLOCKS_PER_EPOCH = 6;
  static final Address TOKEN = Address.fromHex("0x94b008aA00579c1307B0EF2c499aD98a8ce58e58");
  private static final UInt256 TIP = UInt256.valueOf(1_000_000);
  private static final UInt256 FEE_CAP = UInt256.valueOf(1_500_000_000L);
  private static final int SENDERS = 2_000;
  private static final int RECIPIENTS = 50_000;

  final Kind kind;
  final List<SingularBatch> blocks = new ArrayList<>();
  final List<Long> sequenceNumbers = new ArrayList<>();
  long transactions;
  long transactionBytes;

  private final SplittableRandom random;
  private final List<Secp256k1.PrivateKey> senders = new ArrayList<>();
  private final long[] nonces = new long[SENDERS];
  private int nextSender;

  L2Workload(Kind kind, long minTransactions) {
    this.kind = kind;
    this.random = new SplittableRandom(kind.ordinal() * 7919L + 11);
    for (int i = 0; i < SENDERS; i++) {
      senders.add(Secp256k1.PrivateKey.fromBytes(Keccak256.hash(("sender " + i).getBytes())));
    }
    Hash parent = hash();
    Hash epochHash = hash();
    long epoch = 100;
    for (int n = 0; transactions < minTransactions; n++) {
      if (n > 0 && n % BLOCKS_PER_EPOCH == 0) {
        epoch++;
        epochHash = hash();
      }
      List<Bytes> txs = new ArrayList<>(kind.txsPerBlock);
      for (int t = 0; t < kind.txsPerBlock; t++) {
        Bytes tx = kind == Kind.ERC20 ? transfer() : randomCall();
        txs.add(tx);
        transactionBytes += tx.length();
      }
      transactions += txs.size();
      blocks.add(new SingularBatch(parent, epoch, epochHash, GENESIS_TIME + n * BLOCK_TIME, txs));
      sequenceNumbers.add((long) (n % BLOCKS_PER_EPOCH));
      parent = hash();
    }
  }

  private Bytes transfer() {
    Address to = address(random.nextInt(RECIPIENTS));
    // 1 to 10^6 tokens with up to three significant digits, 18 decimals: 2,500 * 10^18 and such.
    BigInteger whole = BigInteger.valueOf(1 + random.nextInt(999));
    BigInteger amount = whole.multiply(BigInteger.TEN.pow(18 + random.nextInt(4)));
    Bytes data = IERC20.transfer(to, UInt256.valueOf(amount)).data();
    return sign(TOKEN, 65_000, data);
  }

  private Bytes randomCall() {
    byte[] data = new byte[100 + random.nextInt(901)];
    random.nextBytes(data);
    byte[] to = new byte[20];
    random.nextBytes(to);
    return sign(Address.wrap(to), 21_000 + 16L * data.length + 30_000, Bytes.wrap(data));
  }

  private Bytes sign(Address to, long gas, Bytes data) {
    int s = nextSender;
    nextSender = (nextSender + 1) % SENDERS;
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            CHAIN_ID,
            nonces[s]++,
            TIP,
            FEE_CAP,
            gas,
            Optional.of(to),
            UInt256.ZERO,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    return Bytes.wrap(tx.sign(senders.get(s)).encoded());
  }

  private static Address address(int i) {
    return Address.copyOf(Keccak256.hash(("holder " + i).getBytes()), 12);
  }

  private Hash hash() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash.wrap(b);
  }
}
