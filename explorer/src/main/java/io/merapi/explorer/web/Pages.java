package io.merapi.explorer.web;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.explorer.Chain;
import io.merapi.explorer.bridge.BridgeReader;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.explorer.index.IndexedTx;
import io.merapi.explorer.index.TxLocation;
import io.merapi.explorer.rollup.BatchCarrier;
import io.merapi.explorer.rollup.DepositLinks;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.Reachability;
import io.merapi.explorer.source.RollupSource;
import io.merapi.explorer.source.SourceUnavailableException;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.block.Header;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One method per page kind (explorer/DESIGN.md §4). Each reads what it shows from the chains' RPCs,
 * the rollup node and the index, and renders it with {@link Html}; what it cannot find is a
 * readable 404 page, never an exception.
 */
public final class Pages {
  static final int LATEST_BLOCKS = 10;
  static final int ADDRESS_TXS = 50;
  private static final int INPUT_SHOWN_BYTES = 1024;
  private static final OptionalInt MOVING = OptionalInt.of(4);

  /** How long a page waits for a batcher-transaction search under way before saying so. */
  private static final Duration CARRIER_WAIT = Duration.ofMillis(100);

  private final ChainSource l1;
  private final ChainSource l2;
  private final RollupSource rollup;
  private final ChainIndex index;
  private final Clock clock;
  private final BatchCarrier carrier;
  private final DepositLinks deposits;
  private final BridgePages bridge;

  public Pages(ChainSource l1, ChainSource l2, RollupSource rollup, ChainIndex index, Clock clock) {
    this(
        l1,
        l2,
        rollup,
        index,
        clock,
        new BridgeReader(rollup, l1, l2),
        new BatchCarrier(rollup, l1, l2, index, Optional.empty()));
  }

  /**
   * @param bridgeReader the bridge's contracts and withdrawals as the pages read them
   * @param carrier where safe L2 blocks came from (shared with the background {@link
   *     io.merapi.explorer.rollup.CarrierWarmer})
   */
  public Pages(
      ChainSource l1,
      ChainSource l2,
      RollupSource rollup,
      ChainIndex index,
      Clock clock,
      BridgeReader bridgeReader,
      BatchCarrier carrier) {
    this.l1 = l1;
    this.l2 = l2;
    this.rollup = rollup;
    this.index = index;
    this.clock = clock;
    this.carrier = carrier;
    this.deposits = new DepositLinks(rollup, l1, l2);
    this.bridge = new BridgePages(this, bridgeReader, index);
  }

  /** The bridge's pages: deposits, withdrawals, a withdrawal. */
  public BridgePages bridge() {
    return bridge;
  }

  private ChainSource source(Chain chain) {
    return chain == Chain.L1 ? l1 : l2;
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  // ---- home

  public Page home() {
    Html body = new Html();
    body.raw("<h1>The rollup at a glance</h1>");
    Optional<SyncStatus> status = syncStatus();
    body.raw("<table class=\"kv\">");
    if (status.isPresent()) {
      SyncStatus s = status.get();
      l1Head(body, "L1 head", s.headL1());
      l2Head(body, "L2 unsafe", "unsafe", s.unsafeL2(), "sequenced, not yet on L1");
      l2Head(body, "L2 safe", "safe", s.safeL2(), "derived from data on L1");
      l2Head(body, "L2 finalized", "finalized", s.finalizedL2(), "derived from finalized L1");
      l1Head(body, "L1 read by the node", s.currentL1());
    } else {
      body.raw(
          "<tr><td class=\"muted\">The rollup node is unreachable: no heads to show.</td></tr>");
    }
    body.raw("</table>");
    body.raw("<div class=\"cols\"><div>");
    latestBlocks(body, Chain.L1);
    body.raw("</div><div>");
    latestBlocks(body, Chain.L2);
    body.raw("</div></div>");
    bridge.recent(body);
    return Page.ok(Layout.page("Home", strip(status), body, MOVING));
  }

  private void l1Head(Html body, String label, L1BlockRef ref) {
    body.raw("<tr><th>").text(label).raw("</th><td>");
    body.link("/l1/block/" + ref.number(), Format.number(ref.number()));
    body.raw(" <span class=\"muted\">").text(Format.age(ref.time(), now())).raw("</span>");
    body.raw("</td></tr>");
  }

  private void l2Head(Html body, String label, String word, L2BlockRef ref, String meaning) {
    body.raw("<tr><th>").text(label).raw("</th><td>");
    body.link("/l2/block/" + ref.number(), Format.number(ref.number()));
    body.raw(" ").element("span", "status " + word, word);
    body.raw(" <span class=\"muted\">").text(Format.age(ref.time(), now()));
    body.text(" · " + meaning + " · L1 origin ");
    body.raw("</span>");
    body.link("/l1/block/" + ref.l1Origin().number(), Format.number(ref.l1Origin().number()));
    body.raw("</td></tr>");
  }

  private void latestBlocks(Html body, Chain chain) {
    body.raw("<h2>Latest ").text(chain.label()).raw(" blocks</h2>");
    List<IndexedBlock> blocks = index.latest(chain, LATEST_BLOCKS);
    if (blocks.isEmpty()) {
      body.raw("<p class=\"muted\">Not indexed yet.</p>");
      return;
    }
    body.raw("<table><tr><th>Block</th><th>Age</th><th>Transactions</th><th>Hash</th></tr>");
    for (IndexedBlock b : blocks) {
      body.raw("<tr><td>").link(blockPath(chain, b.number()), Format.number(b.number()));
      body.raw("</td><td>").text(Format.age(b.timestamp(), now()));
      body.raw("</td><td>");
      if (b.complete()) {
        body.text(b.transactions().size());
      } else {
        body.raw("<span class=\"muted\">not indexed: the node's answer could not be read</span>");
      }
      body.raw("</td><td class=\"mono\">");
      shortLink(body, "/" + chain.path() + "/block/" + b.hash().toHex(), b.hash().toHex());
      body.raw("</td></tr>");
    }
    body.raw("</table>");
  }

  // ---- blocks

  public Page block(Chain chain, String id) {
    PathValues.BlockRef ref = PathValues.block(id);
    ChainSource source = source(chain);
    // The header and the transaction hashes first: the rows come from the index when it holds
    // this very block, so a busy chain's node need not send hundreds of transactions per view.
    Optional<RpcBlock> found =
        switch (ref) {
          case PathValues.ByNumber n -> source.blockHeader(n.number());
          case PathValues.ByHash h -> source.blockHeader(h.hash());
        };
    if (found.isEmpty()) {
      String message =
          switch (ref) {
            case PathValues.ByNumber n -> {
              long head = source.blockNumber();
              yield n.number() > head
                  ? chain.label()
                      + " block "
                      + Format.number(n.number())
                      + " is past the head: the newest block is "
                      + Format.number(head)
                      + "."
                  : "The "
                      + chain.label()
                      + " node has no block "
                      + Format.number(n.number())
                      + ".";
            }
            case PathValues.ByHash h ->
                "No " + chain.label() + " block has the hash " + h.hash().toHex() + ".";
          };
      return notFound("Block not found", message);
    }
    Header header = found.get().header();
    BlockRows rows = blockRows(chain, source, found.get());
    Optional<SyncStatus> status = syncStatus();
    Optional<HeadStatus> where = status.map(s -> HeadStatus.of(chain, header.number(), s));
    Html body = new Html();
    body.raw("<h1>").text(chain.label() + " block " + Format.number(header.number())).raw("</h1>");
    body.raw("<table class=\"kv\">");
    row(body, "Number");
    body.text(Format.number(header.number())).raw(" · ");
    if (header.number() > 0) {
      body.link(blockPath(chain, header.number() - 1), "previous").raw(" · ");
    }
    body.link(blockPath(chain, header.number() + 1), "next");
    end(body);
    row(body, "Status");
    // A block asked for by hash may be one a reorg replaced: the node still has it, off the chain.
    Optional<Hash> canonical =
        ref instanceof PathValues.ByHash ? source.blockHash(header.number()) : Optional.empty();
    boolean reorged = canonical.isPresent() && !canonical.get().equals(header.hash());
    if (reorged) {
      where = Optional.empty();
      body.element("span", "status failed", "reorged");
      body.raw(" <span class=\"muted\">")
          .text("not on the canonical chain: a reorg replaced it with ")
          .raw("</span>");
      body.link(
          "/" + chain.path() + "/block/" + canonical.get().toHex(),
          "block " + Format.number(header.number()));
    } else {
      statusWord(body, where);
    }
    end(body);
    if (chain == Chain.L2 && !reorged) {
      carriedBy(body, header.number(), header.hash(), status, where);
      l1Origin(body, header, rows.first(source));
    }
    rowMono(body, "Hash").text(header.hash().toHex());
    end(body);
    rowMono(body, "Parent");
    body.link(
        "/" + chain.path() + "/block/" + header.parentHash().toHex(), header.parentHash().toHex());
    end(body);
    row(body, "Time")
        .text(Format.age(header.timestamp(), now()) + " · " + Format.utc(header.timestamp()));
    end(body);
    List<IndexedTx> txs = rows.transactions();
    row(body, "Transactions").text(txs.size());
    end(body);
    row(body, "Gas used")
        .text(Format.number(header.gasUsed()) + " of " + Format.number(header.gasLimit()));
    end(body);
    header.baseFeePerGas().ifPresent(fee -> row(body, "Base fee").text(Format.gwei(fee)));
    if (header.baseFeePerGas().isPresent()) {
      end(body);
    }
    rowMono(body, chain == Chain.L1 ? "Fee recipient" : "Sequencer fee vault");
    addressLink(body, chain, header.coinbase());
    end(body);
    body.raw("</table>");
    body.raw("<h2>Transactions</h2>");
    if (txs.isEmpty()) {
      body.raw("<p class=\"muted\">No transactions.</p>");
    } else {
      body.raw("<table><tr><th>#</th><th>Hash</th><th>Type</th><th>From</th><th>To</th>")
          .raw("<th>Value</th></tr>");
      for (int i = 0; i < txs.size(); i++) {
        IndexedTx tx = txs.get(i);
        body.raw("<tr><td>").text(i).raw("</td><td class=\"mono\">");
        shortLink(body, txPath(chain, tx.hash()), tx.hash().toHex());
        body.raw("</td><td>").text(typeName(tx.type())).raw("</td><td class=\"mono\">");
        shortAddress(body, chain, tx.from());
        body.raw("</td><td class=\"mono\">");
        if (tx.to().isPresent()) {
          shortAddress(body, chain, tx.to().get());
        } else {
          body.text("contract creation");
        }
        body.raw("</td><td>").text(Format.ether(tx.value())).raw("</td></tr>");
      }
      body.raw("</table>");
    }
    OptionalInt refresh =
        where.isPresent() && where.get() == HeadStatus.FINALIZED ? OptionalInt.empty() : MOVING;
    return Page.ok(
        Layout.page(chain.label() + " block " + header.number(), strip(status), body, refresh));
  }

  // ---- transactions

  public Page transaction(Chain chain, String id) {
    Hash hash = PathValues.hash(id);
    ChainSource source = source(chain);
    Optional<RpcTransaction> found = source.transaction(hash);
    if (found.isEmpty()) {
      Html hint = new Html();
      hint.text(
              "No transaction with the hash " + hash.toHex() + " is known to the " + chain.label())
          .raw(" node. ")
          .link(txPath(chain.other(), hash), "Look on " + chain.other().label());
      return notFound("Transaction not found", hint);
    }
    RpcTransaction rpcTx = found.get();
    Transaction tx = rpcTx.transaction();
    Optional<RpcReceipt> receipt =
        rpcTx.inclusion().isPresent() ? source.receipt(hash) : Optional.empty();
    Optional<SyncStatus> status = syncStatus();
    Html body = new Html();
    body.raw("<h1>").text(chain.label() + " transaction").raw("</h1>");
    body.raw("<table class=\"kv\">");
    rowMono(body, "Hash").text(hash.toHex());
    end(body);
    row(body, "Result");
    if (receipt.isEmpty()) {
      body.element("span", "status pending", "pending");
      body.raw(" <span class=\"muted\">not in a block yet</span>");
    } else {
      boolean success = receipt.get().receipt().status().orElse(true);
      body.element(
          "span", success ? "status success" : "status failed", success ? "success" : "failed");
    }
    end(body);
    Optional<HeadStatus> where = Optional.empty();
    if (rpcTx.inclusion().isPresent()) {
      RpcTransaction.Inclusion at = rpcTx.inclusion().get();
      where = status.map(s -> HeadStatus.of(chain, at.blockNumber(), s));
      row(body, chain == Chain.L2 ? "L2 status" : "L1 status");
      statusWord(body, where);
      if (chain == Chain.L2 && where.isPresent()) {
        body.raw(" <span class=\"muted\">")
            .text(
                switch (where.get()) {
                  case UNSAFE -> "sequenced; waits for its batch on L1";
                  case SAFE -> "derived from batch data on L1";
                  case FINALIZED -> "derived from finalized L1 data: it cannot change";
                  case LATEST -> "";
                })
            .raw("</span>");
      }
      end(body);
      if (chain == Chain.L2) {
        carriedBy(body, at.blockNumber(), at.blockHash(), status, where);
      }
      row(body, "Block");
      body.link(blockPath(chain, at.blockNumber()), Format.number(at.blockNumber()));
      body.text(" · position " + at.transactionIndex());
      index
          .block(chain, at.blockNumber())
          .filter(b -> b.hash().equals(at.blockHash()))
          .ifPresent(
              b ->
                  body.text(
                      " · "
                          + Format.age(b.timestamp(), now())
                          + " · "
                          + Format.utc(b.timestamp())));
      end(body);
    }
    rowMono(body, "From");
    addressLink(body, chain, IndexedTx.sender(tx));
    end(body);
    rowMono(body, "To");
    if (tx.to().isPresent()) {
      addressLink(body, chain, tx.to().get());
    } else {
      body.text("contract creation");
      receipt
          .flatMap(RpcReceipt::contractAddress)
          .ifPresent(a -> body.text(": ").link(addressPath(chain, a), a.toChecksumHex()));
    }
    end(body);
    if (chain == Chain.L1 && tx.to().isPresent() && isBatchInbox(tx.to().get())) {
      row(body, "Role").text("batcher transaction: carries L2 batch data to the batch inbox");
      end(body);
    }
    row(body, "Value").text(Format.ether(tx.value()));
    end(body);
    row(body, "Type").text(typeName(tx.type()));
    end(body);
    if (tx instanceof DepositTransaction deposit) {
      rowMono(body, "Source hash").text(deposit.sourceHash().toHex());
      end(body);
      row(body, "Minted").text(Format.ether(deposit.mint()));
      end(body);
      row(body, "Deposit").text(deposit.isSystemTx() ? "system" : "from L1");
      end(body);
      if (!deposit.isSystemTx() && rpcTx.inclusion().isPresent()) {
        depositL1Leg(body, deposit, rpcTx.inclusion().get().blockNumber());
      }
    } else {
      row(body, "Nonce").text(tx.nonce());
      end(body);
    }
    row(body, "Gas");
    if (receipt.isPresent()) {
      body.text(Format.number(receipt.get().gasUsed()) + " used of ");
    }
    body.text(Format.number(tx.gasLimit()));
    end(body);
    if (receipt.isPresent() && tx.type() != TransactionType.DEPOSIT) {
      RpcReceipt r = receipt.get();
      UInt256 execution = r.effectiveGasPrice().multiply(UInt256.valueOf(r.gasUsed()));
      Optional<UInt256> l1Fee = r.l1Fee().flatMap(f -> f.l1Fee());
      row(body, "Gas price").text(Format.gwei(r.effectiveGasPrice()));
      end(body);
      row(body, "Fee").text(Format.ether(execution.add(l1Fee.orElse(UInt256.ZERO))));
      l1Fee.ifPresent(
          fee ->
              body.raw(" <span class=\"muted\">")
                  .text("execution " + Format.ether(execution) + " + L1 data " + Format.ether(fee))
                  .raw("</span>"));
      end(body);
    }
    rowMono(body, "Input");
    inputData(body, tx.data());
    end(body);
    if (receipt.isPresent()) {
      if (chain == Chain.L2) {
        bridge.l2Withdrawals(body, receipt.get());
      } else {
        bridge.l1Withdrawals(body, receipt.get());
      }
    }
    body.raw("</table>");
    receipt.ifPresent(r -> bridge.logs(body, chain, r));
    if (chain == Chain.L1 && receipt.isPresent()) {
      depositsMade(body, receipt.get());
    }
    boolean settled = where.isPresent() && where.get() == HeadStatus.FINALIZED;
    return Page.ok(
        Layout.page(
            chain.label() + " transaction " + Format.shortHex(hash.toHex()),
            strip(status),
            body,
            settled ? OptionalInt.empty() : MOVING));
  }

  /**
   * For a safe L2 block: the L1 block whose data made it safe, and the batcher transactions there.
   * What cannot be found is said in the row, not as an error page.
   */
  private void carriedBy(
      Html body,
      long l2Number,
      Hash l2Hash,
      Optional<SyncStatus> status,
      Optional<HeadStatus> where) {
    if (status.isEmpty()
        || where.isEmpty()
        || !(where.get() == HeadStatus.SAFE || where.get() == HeadStatus.FINALIZED)) {
      return;
    }
    Optional<BatchCarrier.Carried> carried;
    try {
      carried = carrier.findWithin(l2Number, l2Hash, status.get(), CARRIER_WAIT);
    } catch (io.merapi.rpc.RpcException e) {
      row(body, "Made safe by")
          .raw("<span class=\"muted\">")
          .text("unknown: the rollup node keeps no safe-head records (" + e.describe() + ")")
          .raw("</span>");
      end(body);
      return;
    } catch (SourceUnavailableException | io.merapi.rpc.client.RpcTransportException e) {
      row(body, "Made safe by")
          .raw("<span class=\"muted\">")
          .text("unknown now: " + e.getMessage())
          .raw("</span>");
      end(body);
      return;
    }
    if (carried.isEmpty()) {
      // Being looked for (in the background, or the node's records are a moment behind): the
      // page refreshes until the answer is there.
      row(body, "Made safe by")
          .raw("<span class=\"muted\">")
          .text("looking for the L1 batcher transaction…")
          .raw("</span>");
      end(body);
      return;
    }
    BatchCarrier.Carried c = carried.get();
    row(body, "Made safe by").text("L1 block ");
    body.link(blockPath(Chain.L1, c.l1Block()), Format.number(c.l1Block()));
    end(body);
    if (c.exact()) {
      rowMono(body, "Batcher transaction");
    } else {
      row(body, "Batcher transaction")
          .raw("<span class=\"muted\">")
          .text("carried by one of these (" + String.join("; ", c.notes()) + "):")
          .raw("</span><br><span class=\"mono\">");
    }
    if (c.batcherTransactions().isEmpty()) {
      body.raw("<span class=\"muted\">")
          .text("none from the batcher in that L1 block")
          .raw("</span>");
    }
    for (Hash h : c.batcherTransactions()) {
      body.link(txPath(Chain.L1, h), h.toHex()).raw("<br>");
    }
    if (!c.exact()) {
      body.raw("</span>");
    }
    end(body);
  }

  /**
   * A block's transactions as its page lists them, and the first one's body when the node's full
   * block was read (an L2 page needs the L1 info deposit for the block's L1 origin).
   */
  private record BlockRows(List<IndexedTx> transactions, Optional<Transaction> leading) {
    /** The block's first transaction: the one read, or asked of the node by its hash. */
    Optional<Transaction> first(ChainSource source) {
      if (leading.isPresent() || transactions.isEmpty()) {
        return leading;
      }
      return source.transaction(transactions.get(0).hash()).map(RpcTransaction::transaction);
    }
  }

  /**
   * The rows from the index when it holds this block complete (the senders it recovered when it
   * took the block in: recovering hundreds of signatures again was most of this page's time under
   * load); otherwise from the node's full block.
   */
  private BlockRows blockRows(Chain chain, ChainSource source, RpcBlock headerOnly) {
    Header header = headerOnly.header();
    int count =
        switch (headerOnly.transactions()) {
          case RpcBlock.Hashes h -> h.hashes().size();
          case RpcBlock.Full f -> f.transactions().size();
        };
    Optional<List<IndexedTx>> indexed =
        index
            .block(chain, header.number())
            .filter(b -> b.hash().equals(header.hash()) && b.complete())
            .map(IndexedBlock::transactions)
            .filter(known -> known.size() == count);
    if (indexed.isPresent()) {
      return new BlockRows(indexed.get(), Optional.empty());
    }
    List<Transaction> full =
        source.block(header.hash()).map(b -> b.toBlock().transactions()).orElse(List.of());
    return new BlockRows(full.stream().map(IndexedTx::of).toList(), full.stream().findFirst());
  }

  /** The L1 block an L2 block was built on, from its L1 info deposit. */
  private void l1Origin(Html body, Header header, Optional<Transaction> first) {
    L2BlockRef ref;
    try {
      ref = deposits.blockRef(header, first);
    } catch (RuntimeException e) {
      return; // genesis, or the node is away: the row is left out
    }
    row(body, "L1 origin");
    body.link(blockPath(Chain.L1, ref.l1Origin().number()), Format.number(ref.l1Origin().number()));
    body.text(" · sequence number " + ref.sequenceNumber());
    end(body);
  }

  /** For an L2 user deposit: the L1 transaction that made it. */
  private void depositL1Leg(Html body, DepositTransaction deposit, long l2Block) {
    row(body, "L1 transaction");
    try {
      Optional<DepositLinks.L1Leg> leg = deposits.l1Leg(deposit, l2Block);
      if (leg.isPresent()) {
        body.raw("<span class=\"mono\">")
            .link(txPath(Chain.L1, leg.get().l1Transaction()), leg.get().l1Transaction().toHex())
            .raw("</span> ")
            .text("in L1 block ")
            .link(blockPath(Chain.L1, leg.get().l1Block()), Format.number(leg.get().l1Block()));
      } else {
        body.raw("<span class=\"muted\">not found in the logs of its L1 origin</span>");
      }
    } catch (RuntimeException e) {
      body.raw("<span class=\"muted\">").text("unknown now: " + e.getMessage()).raw("</span>");
    }
    end(body);
  }

  /** For an L1 transaction: the deposits it made, each with its L2 transaction and status. */
  private void depositsMade(Html body, RpcReceipt receipt) {
    List<DepositLinks.Deposit> made;
    try {
      made = deposits.depositsIn(receipt);
    } catch (RuntimeException e) {
      return; // no rollup config now: the section is left out
    }
    if (made.isEmpty()) {
      return;
    }
    Optional<SyncStatus> status = syncStatus();
    body.raw("<h2>Deposits to L2</h2>");
    body.raw(
        "<table><tr><th>Log</th><th>L2 transaction</th><th>Minted</th><th>L2 status</th></tr>");
    for (DepositLinks.Deposit d : made) {
      Hash l2Hash = d.l2Transaction().hash();
      body.raw("<tr><td>").text(d.logIndex()).raw("</td><td class=\"mono\">");
      body.link(txPath(Chain.L2, l2Hash), l2Hash.toHex());
      body.raw("</td><td>").text(Format.ether(d.l2Transaction().mint())).raw("</td><td>");
      Optional<RpcTransaction> onL2;
      try {
        onL2 = l2.transaction(l2Hash);
      } catch (RuntimeException e) {
        onL2 = Optional.empty();
      }
      Optional<RpcTransaction.Inclusion> at = onL2.flatMap(RpcTransaction::inclusion);
      if (at.isPresent()) {
        long n = at.get().blockNumber();
        statusWord(body, status.map(s -> HeadStatus.of(Chain.L2, n, s)));
        body.text(" in L2 block ").link(blockPath(Chain.L2, n), Format.number(n));
      } else {
        body.element("span", "status pending", "pending");
        body.raw(
            " <span class=\"muted\">waits for the L2 block that takes this L1 block as its origin</span>");
      }
      body.raw("</td></tr>");
    }
    body.raw("</table>");
  }

  private boolean isBatchInbox(Address address) {
    try {
      return rollup.rollupConfig().batchInboxAddress().equals(address);
    } catch (RuntimeException e) {
      return false; // the node is away: the row is left out
    }
  }

  private void inputData(Html body, Bytes data) {
    if (data.isEmpty()) {
      body.raw("<span class=\"muted\">none</span>");
      return;
    }
    if (data.length() <= INPUT_SHOWN_BYTES) {
      body.text(data.toHex());
    } else {
      body.text(data.slice(0, INPUT_SHOWN_BYTES).toHex())
          .raw(" <span class=\"muted\">")
          .text("… " + Format.number(data.length()) + " bytes in all")
          .raw("</span>");
    }
  }

  // ---- addresses

  public Page address(Chain chain, String id) {
    Address address = PathValues.address(id);
    ChainSource source = source(chain);
    // The three reads at once: one round trip to the node instead of three in a row.
    UInt256 balance;
    long nonce;
    Bytes code;
    try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<UInt256> balanceRead = reads.submit(() -> source.balance(address));
      Future<Long> nonceRead = reads.submit(() -> source.nonce(address));
      Future<Bytes> codeRead = reads.submit(() -> source.code(address));
      balance = joined(balanceRead);
      nonce = joined(nonceRead);
      code = joined(codeRead);
    }
    Optional<SyncStatus> status = syncStatus();
    Html body = new Html();
    body.raw("<h1>").text(chain.label() + " address").raw("</h1>");
    body.raw("<table class=\"kv\">");
    rowMono(body, "Address").text(address.toChecksumHex());
    end(body);
    row(body, "Balance").text(Format.ether(balance));
    end(body);
    row(body, "Kind")
        .text(
            code.isEmpty()
                ? "account"
                : "contract (" + Format.number(code.length()) + " bytes of code)");
    end(body);
    row(body, "Nonce").text(nonce);
    end(body);
    body.raw("<tr><th>Other chain</th><td>")
        .link(addressPath(chain.other(), address), "this address on " + chain.other().label())
        .raw("</td></tr>");
    body.raw("</table>");
    bridge.tokenBalances(body, chain, address);
    body.raw("<h2>Transactions</h2>");
    List<TxLocation> txs = index.transactionsOf(chain, address, ADDRESS_TXS);
    if (txs.isEmpty()) {
      body.raw("<p class=\"muted\">No transactions in the indexed blocks.</p>");
    } else {
      Map<Long, Optional<IndexedBlock>> blocks = new HashMap<>();
      body.raw("<table><tr><th>Hash</th><th>Block</th><th>Age</th><th>Direction</th>")
          .raw("<th>Counterparty</th></tr>");
      for (TxLocation at : txs) {
        Optional<IndexedBlock> block =
            blocks.computeIfAbsent(at.blockNumber(), n -> index.block(chain, n));
        Optional<IndexedTx> entry =
            block
                .filter(b -> at.index() < b.transactions().size())
                .map(b -> b.transactions().get(at.index()));
        body.raw("<tr><td class=\"mono\">");
        shortLink(body, txPath(chain, at.transactionHash()), at.transactionHash().toHex());
        body.raw("</td><td>")
            .link(blockPath(chain, at.blockNumber()), Format.number(at.blockNumber()));
        body.raw("</td><td>");
        block.ifPresent(b -> body.text(Format.age(b.timestamp(), now())));
        body.raw("</td><td>");
        if (entry.isPresent()) {
          IndexedTx t = entry.get();
          boolean out = t.from().equals(address);
          boolean in = t.to().map(address::equals).orElse(false);
          body.text(out && in ? "self" : out ? "out" : "in");
          body.raw("</td><td class=\"mono\">");
          if (out) {
            if (t.to().isPresent()) {
              shortAddress(body, chain, t.to().get());
            } else {
              body.text("contract creation");
            }
          } else {
            shortAddress(body, chain, t.from());
          }
        } else {
          body.raw("</td><td>");
        }
        body.raw("</td></tr>");
      }
      body.raw("</table>");
    }
    index
        .start(chain)
        .ifPresent(
            start ->
                body.raw("<p class=\"muted\">")
                    .text(
                        "Newest "
                            + ADDRESS_TXS
                            + " at most, from the "
                            + chain.label()
                            + " blocks indexed since block "
                            + Format.number(start)
                            + ".")
                    .raw("</p>"));
    return Page.ok(
        Layout.page(
            chain.label() + " address " + Format.shortHex(address.toHex()),
            strip(status),
            body,
            OptionalInt.empty()));
  }

  // ---- search

  public Page search(String input) {
    return switch (SearchQuery.parse(input)) {
      case SearchQuery.Malformed m -> badInput(m.input(), m.reason());
      case SearchQuery.ByNumber n -> Page.redirect(blockPath(Chain.L2, n.number()));
      case SearchQuery.ByAddress a -> Page.redirect(addressPath(Chain.L2, a.address()));
      case SearchQuery.ByHash h -> searchHash(h.hash());
    };
  }

  private Page searchHash(Hash hash) {
    for (Chain chain : List.of(Chain.L2, Chain.L1)) {
      if (index.transaction(chain, hash).isPresent()) {
        return Page.redirect(txPath(chain, hash));
      }
    }
    for (Chain chain : List.of(Chain.L2, Chain.L1)) {
      if (source(chain).transaction(hash).isPresent()) {
        return Page.redirect(txPath(chain, hash));
      }
    }
    for (Chain chain : List.of(Chain.L2, Chain.L1)) {
      if (source(chain).blockHeader(hash).isPresent()) {
        return Page.redirect("/" + chain.path() + "/block/" + hash.toHex());
      }
    }
    return notFound(
        "Nothing found", "No transaction or block on L1 or L2 has the hash " + hash.toHex() + ".");
  }

  // ---- problems

  public Page notFound(String title, String message) {
    return notFound(title, new Html().text(message));
  }

  private Page notFound(String title, Html message) {
    return problem(404, title, message);
  }

  public Page badInput(String input, String reason) {
    Html message = new Html();
    message.text("“").text(input).text("” cannot be looked up: ").text(reason).text(".");
    return problem(400, "Not a valid search", message);
  }

  public Page unavailable(String endpoint, String detail) {
    Html message = new Html();
    message
        .text("The " + endpoint + " did not answer, so this page cannot be shown now: " + detail)
        .raw("<br>")
        .text("The explorer keeps trying; reload in a moment.");
    return problem(503, "Chain unreachable", message);
  }

  public Page failed(int status, String title, String detail) {
    return problem(status, title, new Html().text(detail));
  }

  private Page problem(int status, String title, Html message) {
    Html body = new Html();
    body.raw("<h1>").text(title).raw("</h1><div class=\"problem\"><p>").append(message);
    body.raw("</p><p><a href=\"/\">Back to the home page</a></p></div>");
    // An unreachable chain comes back: that page refreshes until it does.
    OptionalInt refresh = status == 503 ? MOVING : OptionalInt.empty();
    return Page.status(status, Layout.page(title, strip(syncStatus()), body, refresh));
  }

  // ---- the status strip

  /** The node's sync status, or the last one read when it does not answer now. */
  Optional<SyncStatus> syncStatus() {
    try {
      return Optional.of(rollup.syncStatus());
    } catch (SourceUnavailableException
        | io.merapi.rpc.RpcException
        | io.merapi.rpc.client.RpcTransportException e) {
      return rollup.lastSyncStatus();
    }
  }

  Html strip(Optional<SyncStatus> status) {
    Html strip = new Html();
    for (Reachability.State state :
        List.of(
            l1.endpoint().reachability(),
            l2.endpoint().reachability(),
            rollup.endpoint().reachability())) {
      if (!state.up()) {
        strip.raw("<div class=\"down\" role=\"alert\">").text(state.endpoint() + " is unreachable");
        state.since().ifPresent(t -> strip.text(" since " + Format.age(t.getEpochSecond(), now())));
        strip.text(": " + state.lastError()).raw("</div>");
      }
    }
    strip.raw("<div class=\"strip\">");
    if (status.isPresent()) {
      SyncStatus s = status.get();
      strip.raw("<span>L1 head <b>").text(Format.number(s.headL1().number())).raw("</b></span>");
      strip
          .raw("<span>L2 unsafe <b>")
          .text(Format.number(s.unsafeL2().number()))
          .raw("</b></span>");
      strip.raw("<span>safe <b>").text(Format.number(s.safeL2().number())).raw("</b></span>");
      strip
          .raw("<span>finalized <b>")
          .text(Format.number(s.finalizedL2().number()))
          .raw("</b></span>");
    }
    for (Chain chain : Chain.values()) {
      strip.raw("<span>").text(chain.label() + " indexed to ").raw("<b>");
      strip.text(index.head(chain).map(b -> Format.number(b.number())).orElse("—"));
      strip.raw("</b></span>");
    }
    strip.raw("</div>");
    return strip;
  }

  // ---- small pieces

  static Html row(Html body, String label) {
    return body.raw("<tr><th>").text(label).raw("</th><td>");
  }

  static Html rowMono(Html body, String label) {
    return body.raw("<tr><th>").text(label).raw("</th><td class=\"mono\">");
  }

  static void end(Html body) {
    body.raw("</td></tr>");
  }

  private static void statusWord(Html body, Optional<HeadStatus> where) {
    if (where.isPresent()) {
      body.element("span", "status " + where.get().word(), where.get().word());
    } else {
      body.raw("<span class=\"muted\">unknown: the rollup node is unreachable</span>");
    }
  }

  static void shortLink(Html body, String href, String hex) {
    body.link(href, Format.shortHex(hex), hex);
  }

  static void shortAddress(Html body, Chain chain, Address address) {
    String hex = address.toChecksumHex();
    body.link(addressPath(chain, address), Format.shortHex(hex), hex);
  }

  static void addressLink(Html body, Chain chain, Address address) {
    body.link(addressPath(chain, address), address.toChecksumHex());
  }

  static String blockPath(Chain chain, long number) {
    return "/" + chain.path() + "/block/" + number;
  }

  static String txPath(Chain chain, Hash hash) {
    return "/" + chain.path() + "/tx/" + hash.toHex();
  }

  static String addressPath(Chain chain, Address address) {
    return "/" + chain.path() + "/address/" + address.toHex();
  }

  /** The value of a read run beside others; its failure is thrown as the read threw it. */
  private static <T> T joined(Future<T> read) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading from the node", e);
    }
  }

  static String typeName(TransactionType type) {
    return switch (type) {
      case LEGACY -> "legacy";
      case ACCESS_LIST -> "access list (EIP-2930)";
      case DYNAMIC_FEE -> "EIP-1559";
      case BLOB -> "blob (EIP-4844)";
      case SET_CODE -> "set code (EIP-7702)";
      case DEPOSIT -> "deposit";
    };
  }
}
