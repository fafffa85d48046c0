package io.merapi.execution.filter;

import io.merapi.base.bytes.Hash;
import io.merapi.types.json.RpcLog;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filters installed with {@code eth_newFilter}, {@code eth_newBlockFilter} and {@code
 * eth_newPendingTransactionFilter}: each collects what arrived since it was last polled. A filter
 * not polled for {@link #TIMEOUT} is removed (geth's deadline); one that collects more than {@link
 * #MAX_PENDING} items without being polled is removed too, so that a forgotten filter cannot hold
 * memory without bound.
 */
public final class InstalledFilters {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledFilters.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  static final Duration TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_PENDING = 100_000;

  /** What a filter collects. */
  public sealed interface Filter {
    /** Logs matching {@code criteria}'s filter (and range, where the range has numbers). */
    record Logs(LogCriteria criteria, long from, long to) implements Filter {}

    record Blocks() implements Filter {}

    record PendingTransactions(boolean full) implements Filter {}
  }

  private static final class Installed {
    final Filter filter;
    final List<Object> changes = new ArrayList<>();
    long lastPoll;

    Installed(Filter filter, long now) {
      this.filter = filter;
      this.lastPoll = now;
    }
  }

  private final Map<String, Installed> filters = new ConcurrentHashMap<>();
  private final Clock clock;

  public InstalledFilters(Clock clock) {
    this.clock = clock;
  }

  public String install(Filter filter) {
    String id = newId();
    filters.put(id, new Installed(filter, clock.millis()));
    return id;
  }

  public boolean uninstall(String id) {
    return filters.remove(id) != null;
  }

  public Optional<Filter> filter(String id) {
    expire();
    Installed installed = filters.get(id);
    return installed == null ? Optional.empty() : Optional.of(installed.filter);
  }

  /** What arrived for {@code id} since the last poll; empty if there is no such filter. */
  public Optional<List<Object>> poll(String id) {
    expire();
    Installed installed = filters.get(id);
    if (installed == null) {
      return Optional.empty();
    }
    synchronized (installed) {
      installed.lastPoll = clock.millis();
      List<Object> changes = List.copyOf(installed.changes);
      installed.changes.clear();
      return Optional.of(changes);
    }
  }

  public int size() {
    return filters.size();
  }

  void addBlock(Hash hash) {
    for (Installed installed : filters.values()) {
      if (installed.filter instanceof Filter.Blocks) {
        add(installed, hash.toHex());
      }
    }
  }

  void addLogs(List<RpcLog> logs) {
    for (Installed installed : filters.values()) {
      if (installed.filter instanceof Filter.Logs f) {
        for (RpcLog log : logs) {
          if (log.blockNumber() >= f.from()
              && log.blockNumber() <= f.to()
              && f.criteria().filter().matches(log.log())) {
            add(installed, log);
          }
        }
      }
    }
  }

  void addPending(List<Transaction> txs) {
    for (Installed installed : filters.values()) {
      if (installed.filter instanceof Filter.PendingTransactions p) {
        for (Transaction tx : txs) {
          add(installed, p.full() ? RpcTransaction.pending(tx) : tx.hash().toHex());
        }
      }
    }
  }

  private void add(Installed installed, Object item) {
    synchronized (installed) {
      if (installed.changes.size() >= MAX_PENDING) {
        filters.values().remove(installed);
        LOG.warn("filter dropped: {} changes were not polled", MAX_PENDING);
        return;
      }
      installed.changes.add(item);
    }
  }

  private void expire() {
    long now = clock.millis();
    filters.values().removeIf(f -> now - f.lastPoll > TIMEOUT.toMillis());
  }

  /** geth's ids: 16 random bytes as a quantity. */
  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String digits = HexFormat.of().formatHex(bytes).replaceFirst("^0+", "");
    return "0x" + (digits.isEmpty() ? "0" : digits);
  }
}
