package io.merapi.explorer.web;

import static io.merapi.explorer.web.Pages.addressLink;
import static io.merapi.explorer.web.Pages.blockPath;
import static io.merapi.explorer.web.Pages.end;
import static io.merapi.explorer.web.Pages.row;
import static io.merapi.explorer.web.Pages.rowMono;
import static io.merapi.explorer.web.Pages.shortAddress;
import static io.merapi.explorer.web.Pages.shortLink;
import static io.merapi.explorer.web.Pages.txPath;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.explorer.Chain;
import io.merapi.explorer.bridge.BridgeContracts;
import io.merapi.explorer.bridge.BridgeReader;
import io.merapi.explorer.bridge.LogDecoder;
import io.merapi.explorer.bridge.StageClock;
import io.merapi.explorer.bridge.TokenBalances;
import io.merapi.explorer.bridge.WithdrawalProgress;
import io.merapi.explorer.bridge.WithdrawalStage;
import io.merapi.explorer.bridge.Withdrawals;
import io.merapi.explorer.index.BridgeEntry;
import io.merapi.explorer.index.BridgeIndex;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.index.TxLocation;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Log;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The bridge's pages and the bridge's parts of other pages (explorer/DESIGN.md §4, §6, §7): the
 * deposit and withdrawal lists, a withdrawal's four stages with the time left, the withdrawal row
 * of an L2 transaction and the link back from its L1 proof and finalization, decoded logs, and an
 * address's bridge token balances.
 */
public final class BridgePages {
  static final int LIST = 50;
  static final int RECENT = 5;
  private static final OptionalInt MOVING = OptionalInt.of(4);

  private final Pages pages;
  private final BridgeReader reader;
  private final ChainIndex index;
  private final Withdrawals withdrawals;
  private final TokenBalances tokens;
  private final LogDecoder decoder = LogDecoder.standard();

  BridgePages(Pages pages, BridgeReader reader, ChainIndex index) {
    this.pages = pages;
    this.reader = reader;
    this.index = index;
    this.withdrawals = new Withdrawals(reader, index);
    this.tokens = new TokenBalances(reader, index);
  }

  static String withdrawalPath(Hash withdrawalHash) {
    return "/withdrawal/" + withdrawalHash.toHex();
  }

  // ---- lists

  /** The deposits, newest first, {@link #LIST} a page; {@code before} names where a page starts. */
  public Page deposits(Optional<String> before) {
    Optional<BridgeIndex.Position> from = before.map(PathValues::position);
    List<BridgeEntry.Deposit> list = index.bridge().deposits(from, LIST + 1);
    Html body = new Html();
    body.raw("<h1>Deposits</h1>");
    depositTable(body, list.subList(0, Math.min(LIST, list.size())));
    older(body, "/deposits", list, d -> new BridgeIndex.Position(d.block(), d.logIndex()));
    return Page.ok(Layout.page("Deposits", pages.strip(pages.syncStatus()), body, MOVING));
  }

  /**
   * The withdrawals, newest first, {@link #LIST} a page; {@code before} names where a page starts.
   */
  public Page withdrawals(Optional<String> before) {
    Optional<BridgeIndex.Position> from = before.map(PathValues::position);
    List<BridgeEntry.Withdrawal> list = index.bridge().withdrawals(from, LIST + 1);
    Html body = new Html();
    body.raw("<h1>Withdrawals</h1>");
    withdrawalTable(body, list.subList(0, Math.min(LIST, list.size())));
    older(body, "/withdrawals", list, w -> new BridgeIndex.Position(w.block(), w.logIndex()));
    return Page.ok(Layout.page("Withdrawals", pages.strip(pages.syncStatus()), body, MOVING));
  }

  /**
   * The link to the next page of a list when {@code list} (read one longer than a page) has more,
   * and where the entries come from.
   */
  private static <T> void older(
      Html body, String path, List<T> list, Function<T, BridgeIndex.Position> position) {
    body.raw("<p class=\"muted\">").text("From the indexed blocks, newest first.");
    if (list.size() > LIST) {
      BridgeIndex.Position last = position.apply(list.get(LIST - 1));
      body.raw(" ").link(path + "?before=" + last.block() + "-" + last.logIndex(), "Older →");
    }
    body.raw("</p>");
  }

  /** The home page's part: the latest deposits and withdrawals. */
  void recent(Html body) {
    body.raw("<div class=\"cols\"><div><h2>Latest deposits</h2>");
    depositTable(body, index.bridge().deposits(RECENT));
    body.raw("<p>").link("/deposits", "All deposits").raw("</p></div><div>");
    body.raw("<h2>Latest withdrawals</h2>");
    withdrawalTable(body, index.bridge().withdrawals(RECENT));
    body.raw("<p>").link("/withdrawals", "All withdrawals").raw("</p></div></div>");
  }

  private void depositTable(Html body, List<BridgeEntry.Deposit> deposits) {
    if (deposits.isEmpty()) {
      body.raw("<p class=\"muted\">No deposits in the indexed blocks.</p>");
      return;
    }
    body.raw("<table><tr><th>L1 transaction</th><th>L1 block</th><th>From</th><th>Minted</th>")
        .raw("<th>L2 transaction</th><th>L2 status</th></tr>");
    for (BridgeEntry.Deposit d : deposits) {
      body.raw("<tr><td class=\"mono\">");
      shortLink(body, txPath(Chain.L1, d.l1Transaction()), d.l1Transaction().toHex());
      body.raw("</td><td>").link(blockPath(Chain.L1, d.block()), Format.number(d.block()));
      body.raw("</td><td class=\"mono\">");
      shortAddress(body, Chain.L1, d.from());
      body.raw("</td><td>").text(Format.ether(d.mint()));
      body.raw("</td><td class=\"mono\">");
      shortLink(body, txPath(Chain.L2, d.l2Transaction()), d.l2Transaction().toHex());
      body.raw("</td><td>");
      Optional<TxLocation> onL2 = index.transaction(Chain.L2, d.l2Transaction());
      if (onL2.isPresent()) {
        body.text("in L2 block ")
            .link(
                blockPath(Chain.L2, onL2.get().blockNumber()),
                Format.number(onL2.get().blockNumber()));
      } else {
        body.element("span", "status pending", "pending");
      }
      body.raw("</td></tr>");
    }
    body.raw("</table>");
  }

  private void withdrawalTable(Html body, List<BridgeEntry.Withdrawal> list) {
    if (list.isEmpty()) {
      body.raw("<p class=\"muted\">No withdrawals in the indexed blocks.</p>");
      return;
    }
    long proposedUpTo;
    try {
      proposedUpTo = withdrawals.proposedUpTo();
    } catch (RuntimeException e) {
      proposedUpTo = -2; // the L1 is away: stages past "initiated" come from the index alone
    }
    body.raw("<table><tr><th>Withdrawal</th><th>L2 transaction</th><th>L2 block</th>")
        .raw("<th>From</th><th>Value</th><th>Stage</th></tr>");
    for (BridgeEntry.Withdrawal w : list) {
      List<BridgeEntry.WithdrawalLeg> legs = index.bridge().legs(w.withdrawalHash());
      WithdrawalStage stage =
          legs.stream().anyMatch(l -> l.kind() == BridgeEntry.WithdrawalLeg.Kind.FINALIZED)
              ? WithdrawalStage.FINALIZED
              : !legs.isEmpty()
                  ? WithdrawalStage.PROVEN
                  : w.block() <= proposedUpTo
                      ? WithdrawalStage.PROPOSED
                      : WithdrawalStage.INITIATED;
      body.raw("<tr><td class=\"mono\">");
      shortLink(body, withdrawalPath(w.withdrawalHash()), w.withdrawalHash().toHex());
      body.raw("</td><td class=\"mono\">");
      shortLink(body, txPath(Chain.L2, w.l2Transaction()), w.l2Transaction().toHex());
      body.raw("</td><td>").link(blockPath(Chain.L2, w.block()), Format.number(w.block()));
      body.raw("</td><td class=\"mono\">");
      shortAddress(body, Chain.L2, w.sender());
      body.raw("</td><td>").text(Format.ether(w.value())).raw("</td><td>");
      stageWord(body, stage);
      body.raw("</td></tr>");
    }
    body.raw("</table>");
  }

  // ---- one withdrawal

  public Page withdrawal(String id) {
    Hash hash = PathValues.hash(id);
    Optional<BridgeEntry.Withdrawal> found = index.bridge().withdrawal(hash);
    if (found.isEmpty()) {
      return pages.notFound(
          "Withdrawal not found",
          "No withdrawal with the hash "
              + hash.toHex()
              + " is in the indexed L2 blocks (the L2ToL1MessagePasser's MessagePassed events).");
    }
    WithdrawalProgress p = withdrawals.progress(found.get());
    BridgeEntry.Withdrawal w = p.withdrawal();
    WithdrawalStage stage = p.stage();
    Html body = new Html();
    body.raw("<h1>Withdrawal</h1><table class=\"kv\">");
    rowMono(body, "Withdrawal hash").text(hash.toHex());
    end(body);
    row(body, "Stage");
    stageWord(body, stage);
    body.raw(" <span class=\"muted\">").text(stage.meaning()).raw("</span>");
    end(body);
    row(body, "Time left");
    timeLeft(body, p);
    end(body);
    rowMono(body, "From (L2)");
    addressLink(body, Chain.L2, w.sender());
    end(body);
    rowMono(body, "To (L1)");
    addressLink(body, Chain.L1, w.target());
    end(body);
    row(body, "Value").text(Format.ether(w.value()));
    end(body);
    body.raw("</table>");

    body.raw("<h2>Stages</h2><table><tr><th>Stage</th><th></th><th>Transaction</th>")
        .raw("<th>Where</th></tr>");
    // initiated
    stageRow(body, WithdrawalStage.INITIATED, true);
    body.raw("<td class=\"mono\">");
    body.link(txPath(Chain.L2, w.l2Transaction()), w.l2Transaction().toHex());
    body.raw("</td><td>L2 block ").link(blockPath(Chain.L2, w.block()), Format.number(w.block()));
    p.l2Time().ifPresent(t -> body.text(" · " + Format.age(t, pages.now())));
    body.raw("</td></tr>");
    // proposed
    stageRow(body, WithdrawalStage.PROPOSED, p.proposal().isPresent());
    if (p.proposal().isPresent()) {
      WithdrawalProgress.Proposal proposal = p.proposal().get();
      body.raw("<td class=\"mono\">");
      if (proposal.l1Transaction().isPresent()) {
        Hash tx = proposal.l1Transaction().get();
        body.link(txPath(Chain.L1, tx), tx.toHex());
      } else {
        body.raw("<span class=\"muted\">not found in the L1 logs</span>");
      }
      body.raw("</td><td>")
          .text(proposal.what() + " for L2 block " + Format.number(proposal.l2Block()));
      proposal
          .l1Block()
          .ifPresent(n -> body.text(" · L1 block ").link(blockPath(Chain.L1, n), Format.number(n)));
      proposal.state().ifPresent(s -> body.text(" · " + s));
      body.text(" · ").raw("<span class=\"mono\">");
      shortAddress(body, Chain.L1, proposal.contract());
      body.raw("</span>");
    } else {
      body.raw("<td colspan=\"2\" class=\"muted\">");
      due(body, "provable", p.provable(), p.l1Now());
    }
    body.raw("</td></tr>");
    // proven
    legRow(body, WithdrawalStage.PROVEN, p.proven(), p.provenAt());
    if (p.proven().isEmpty()) {
      body.raw("<td colspan=\"2\" class=\"muted\">");
      if (p.proposal().isPresent()) {
        due(body, "provable", p.provable(), p.l1Now());
      } else {
        body.text("after a proposal");
      }
    }
    body.raw("</td></tr>");
    // finalized
    legRow(body, WithdrawalStage.FINALIZED, p.finalized(), OptionalLong.empty());
    if (p.finalized().isEmpty()) {
      body.raw("<td colspan=\"2\" class=\"muted\">");
      if (p.finalizable().isPresent()) {
        due(body, "finalizable", p.finalizable().get(), p.l1Now());
      } else {
        body.text("after the proof and its delays");
      }
    } else if (!p.finalized().get().success()) {
      body.text(" · its call failed");
    }
    body.raw("</td></tr></table>");
    body.raw("<p class=\"muted\">")
        .text("Times left are counted from the L1 head's time, " + Format.utc(p.l1Now()) + ".")
        .raw("</p>");
    OptionalInt refresh = stage == WithdrawalStage.FINALIZED ? OptionalInt.empty() : MOVING;
    return Page.ok(
        Layout.page(
            "Withdrawal " + Format.shortHex(hash.toHex()),
            pages.strip(pages.syncStatus()),
            body,
            refresh));
  }

  private void stageRow(Html body, WithdrawalStage stage, boolean reached) {
    body.raw("<tr><td>");
    if (reached) {
      stageWord(body, stage);
    } else {
      body.element("span", "muted", stage.word());
    }
    body.raw("</td><td>").text(reached ? "done" : "not yet").raw("</td>");
  }

  private void legRow(
      Html body, WithdrawalStage stage, Optional<BridgeEntry.WithdrawalLeg> leg, OptionalLong at) {
    stageRow(body, stage, leg.isPresent());
    if (leg.isEmpty()) {
      return;
    }
    BridgeEntry.WithdrawalLeg l = leg.get();
    body.raw("<td class=\"mono\">")
        .link(txPath(Chain.L1, l.l1Transaction()), l.l1Transaction().toHex());
    body.raw("</td><td>L1 block ").link(blockPath(Chain.L1, l.block()), Format.number(l.block()));
    at.ifPresent(t -> body.text(" · " + Format.age(t, pages.now())));
  }

  private static void timeLeft(Html body, WithdrawalProgress p) {
    switch (p.stage()) {
      case INITIATED -> due(body, "provable", p.provable(), p.l1Now());
      case PROPOSED -> body.text("provable now: it waits for a proof transaction");
      case PROVEN -> {
        if (p.finalizable().isPresent()) {
          due(body, "finalizable", p.finalizable().get(), p.l1Now());
        } else {
          body.text("unknown");
        }
      }
      case FINALIZED -> body.text("none: the withdrawal is done");
    }
  }

  private static void due(Html body, String what, StageClock.Due due, long l1Now) {
    OptionalLong left = due.secondsLeft(l1Now);
    if (left.isEmpty()) {
      body.text("waits for " + due.waitingFor().orElse("the next step"));
    } else if (left.getAsLong() == 0) {
      body.text(what + " now");
    } else {
      body.text(
          Format.span(left.getAsLong())
              + " to "
              + what
              + " (at "
              + Format.utc(due.at().getAsLong())
              + ")");
    }
  }

  private static void stageWord(Html body, WithdrawalStage stage) {
    String cls =
        switch (stage) {
          case INITIATED -> "status pending";
          case PROPOSED, PROVEN -> "status safe";
          case FINALIZED -> "status finalized";
        };
    body.element("span", cls, stage.word());
  }

  // ---- parts of the transaction and address pages

  /** On an L2 transaction page: the withdrawals it initiated, with stage and link. */
  void l2Withdrawals(Html body, RpcReceipt receipt) {
    for (Log log : receipt.receipt().logs()) {
      if (!log.address().equals(BridgeContracts.L2_TO_L1_MESSAGE_PASSER)) {
        continue;
      }
      Optional<L2ToL1MessagePasser.Events.MessagePassed> passed =
          L2ToL1MessagePasser.Events.MessagePassed.from(log);
      if (passed.isEmpty()) {
        continue;
      }
      Hash hash = passed.get().withdrawalHash();
      row(body, "Withdrawal");
      Optional<BridgeEntry.Withdrawal> indexed = index.bridge().withdrawal(hash);
      if (indexed.isPresent()) {
        try {
          stageWord(body, withdrawals.progress(indexed.get()).stage());
          body.text(" ");
        } catch (RuntimeException e) {
          body.raw("<span class=\"muted\">stage unknown now</span> ");
        }
      } else {
        body.raw("<span class=\"muted\">not indexed yet</span> ");
      }
      body.raw("<span class=\"mono\">").link(withdrawalPath(hash), hash.toHex()).raw("</span>");
      end(body);
    }
  }

  /** On an L1 transaction page: the withdrawals it proved or finalized, linked. */
  void l1Withdrawals(Html body, RpcReceipt receipt) {
    Address portal;
    try {
      portal = reader.contracts().portal();
    } catch (RuntimeException e) {
      return; // the contracts cannot be read now: the rows are left out
    }
    for (Log log : receipt.receipt().logs()) {
      if (!log.address().equals(portal)) {
        continue;
      }
      io.merapi.contracts.l1.OptimismPortal2.Events.WithdrawalProven.from(log)
          .ifPresent(e -> withdrawalLink(body, "Proves withdrawal", e.withdrawalHash()));
      io.merapi.contracts.l1.OptimismPortal2.Events.WithdrawalFinalized.from(log)
          .ifPresent(e -> withdrawalLink(body, "Finalizes withdrawal", e.withdrawalHash()));
    }
  }

  private static void withdrawalLink(Html body, String label, Hash hash) {
    rowMono(body, label).link(withdrawalPath(hash), hash.toHex());
    end(body);
  }

  /** Logs, decoded where an event of the project's contracts matches, raw otherwise. */
  void logs(Html body, Chain chain, RpcReceipt receipt) {
    List<Log> logs = receipt.receipt().logs();
    body.raw("<h2>Logs</h2>");
    if (logs.isEmpty()) {
      body.raw("<p class=\"muted\">No logs.</p>");
      return;
    }
    Map<Address, String> names = names(chain);
    body.raw("<table><tr><th>#</th><th>Address</th><th>Event</th></tr>");
    long logIndex = receipt.firstLogIndex();
    for (Log log : logs) {
      body.raw("<tr><td>").text(logIndex++).raw("</td><td class=\"mono\">");
      addressLink(body, chain, log.address());
      Optional<String> known = Optional.ofNullable(names.get(log.address()));
      known.ifPresent(n -> body.raw("<br><span class=\"muted\">").text(n).raw("</span>"));
      body.raw("</td><td class=\"mono\">");
      Optional<LogDecoder.Decoded> decoded = decoder.decode(log, known);
      if (decoded.isPresent()) {
        LogDecoder.Decoded d = decoded.get();
        body.raw("<b>")
            .text(d.event())
            .raw("</b> <span class=\"muted\">")
            .text("(" + d.contract() + ")")
            .raw("</span>");
        for (LogDecoder.Field f : d.fields()) {
          body.raw("<br>").text(f.name() + ": ").text(shown(f.value()));
        }
      } else {
        for (Hash topic : log.topics()) {
          body.text(topic.toHex()).raw("<br>");
        }
        body.text(log.data().isEmpty() ? "no data" : log.data().toHex());
      }
      body.raw("</td></tr>");
    }
    body.raw("</table>");
  }

  private Map<Address, String> names(Chain chain) {
    if (chain == Chain.L2) {
      return BridgeContracts.l2Names();
    }
    try {
      return reader.contracts().l1Names();
    } catch (RuntimeException e) {
      return Map.of(); // the contracts cannot be read now: logs are decoded by topic alone
    }
  }

  private static String shown(Object value) {
    return switch (value) {
      case io.merapi.base.bytes.Bytes b -> b.isEmpty() ? "0x" : b.toHex();
      case Hash h -> h.toHex();
      case UInt256 u -> u.toBigInteger().toString();
      default -> String.valueOf(value);
    };
  }

  /** On an address page: its balances of the bridge's tokens on {@code chain}. */
  void tokenBalances(Html body, Chain chain, Address owner) {
    List<TokenBalances.Balance> balances;
    try {
      balances = tokens.of(chain, owner);
    } catch (RuntimeException e) {
      return; // the chain is away: the section is left out
    }
    body.raw("<h2>Bridge tokens</h2>");
    if (balances.isEmpty()) {
      body.raw("<p class=\"muted\">")
          .text(
              chain == Chain.L2
                  ? "No OptimismMintableERC20 tokens in the indexed blocks."
                  : "No tokens deposited through the L1StandardBridge in the indexed blocks.")
          .raw("</p>");
      return;
    }
    body.raw("<table><tr><th>Token</th><th>Balance</th><th>")
        .text(chain == Chain.L2 ? "L1 token" : "L2 token")
        .raw("</th></tr>");
    for (TokenBalances.Balance b : balances) {
      body.raw("<tr><td class=\"mono\">").text(b.symbol() + " ");
      shortAddress(body, chain, b.token());
      body.raw("</td><td>")
          .text(amount(b.amount(), b.decimals()) + " " + b.symbol())
          .raw("</td><td class=\"mono\">");
      shortAddress(body, chain.other(), b.remote());
      body.raw("</td></tr>");
    }
    body.raw("</table>");
  }

  private static String amount(UInt256 value, int decimals) {
    BigDecimal a = new BigDecimal(value.toBigInteger(), decimals).stripTrailingZeros();
    return a.signum() == 0 ? "0" : a.toPlainString();
  }
}
