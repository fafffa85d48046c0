package io.merapi.derive.pipeline;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** An L1 chain in memory: real headers, their transactions and receipts, reorgs by hand. */
final class FakeL1 implements L1Source {
  private final Map<Hash, Header> headers = new HashMap<>();
  private final Map<Hash, List<Transaction>> transactions = new HashMap<>();
  private final Map<Hash, List<Receipt>> receipts = new HashMap<>();
  private final List<Hash> canonical = new ArrayList<>();
  private final long blockTime;

  FakeL1(long genesisTime, long blockTime) {
    this.blockTime = blockTime;
    add(header(0, Hash.ZERO, genesisTime, "genesis"), List.of(), List.of());
  }

  static Header header(long number, Hash parent, long time, String salt) {
    return Header.builder()
        .parentHash(parent)
        .number(number)
        .timestamp(time)
        .gasLimit(30_000_000)
        .extraData(
            io.merapi.base.bytes.Bytes.wrap(salt.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .mixHash(io.merapi.derive.testing.Blocks.hash("randao " + number + salt))
        .baseFeePerGas(Optional.of(UInt256.valueOf(1_000_000_000L + number)))
        .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
        .blobGasUsed(OptionalLong.of(0))
        .excessBlobGas(OptionalLong.of(0))
        .parentBeaconBlockRoot(
            Optional.of(io.merapi.derive.testing.Blocks.hash("beacon " + number)))
        .build();
  }

  private L1BlockRef add(Header header, List<Transaction> txs, List<Receipt> rs) {
    Hash h = header.hash();
    headers.put(h, header);
    transactions.put(h, List.copyOf(txs));
    receipts.put(h, List.copyOf(rs));
    canonical.add(h);
    return ref(header);
  }

  static L1BlockRef ref(Header header) {
    return new L1BlockRef(header.hash(), header.number(), header.parentHash(), header.timestamp());
  }

  /** Mines the next block with {@code txs} (all successful, no logs). */
  L1BlockRef mine(List<Transaction> txs) {
    return mine(txs, List.of(), "");
  }

  L1BlockRef mine(Transaction... txs) {
    return mine(List.of(txs));
  }

  /** Mines the next block; {@code salt} makes a different block at the same height. */
  L1BlockRef mine(List<Transaction> txs, List<Receipt> rs, String salt) {
    Header parent = headers.get(canonical.get(canonical.size() - 1));
    Header header =
        header(parent.number() + 1, parent.hash(), parent.timestamp() + blockTime, salt);
    List<Receipt> all = new ArrayList<>(rs);
    while (all.size() < txs.size()) {
      all.add(Receipt.of(txs.get(all.size()).type(), true, 21_000, List.of()));
    }
    return add(header, txs, all);
  }

  /** Drops the canonical blocks from {@code number} on: the next mined block replaces them. */
  void rewind(long number) {
    while (canonical.size() > number) {
      canonical.remove(canonical.size() - 1);
    }
  }

  L1BlockRef block(long number) {
    return ref(headers.get(canonical.get((int) number)));
  }

  L1BlockRef head() {
    return block(canonical.size() - 1);
  }

  @Override
  public Optional<L1BlockRef> blockRefByNumber(long number) {
    return number < canonical.size() ? Optional.of(block(number)) : Optional.empty();
  }

  @Override
  public L1BlockRef blockRefByHash(Hash hash) {
    return ref(header(hash));
  }

  @Override
  public Header headerByHash(Hash hash) {
    return header(hash);
  }

  @Override
  public List<Transaction> transactionsByHash(Hash hash) {
    header(hash);
    return transactions.get(hash);
  }

  @Override
  public List<Receipt> receiptsByHash(Hash hash) {
    header(hash);
    return receipts.get(hash);
  }

  private Header header(Hash hash) {
    Header h = headers.get(hash);
    if (h == null) {
      throw new DerivationException.Temporary("no L1 block " + hash);
    }
    return h;
  }
}
