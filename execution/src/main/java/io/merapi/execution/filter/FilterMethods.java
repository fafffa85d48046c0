package io.merapi.execution.filter;

import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.ChainJson;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.json.RpcLog;
import java.util.List;
import java.util.Optional;

/**
 * Log search and polling filters: {@code eth_getLogs}, {@code eth_newFilter}, {@code
 * eth_newBlockFilter}, {@code eth_newPendingTransactionFilter}, {@code eth_getFilterChanges},
 * {@code eth_getFilterLogs}, {@code eth_uninstallFilter}. A query over more than {@code
 * maxBlockRange} blocks, or with more than the search's result limit, fails with -32005 (EIP-1474
 * "limit exceeded") and says which limit.
 */
public final class FilterMethods {
  /** EIP-1474: "Request exceeds defined limit". */
  public static final int LIMIT_EXCEEDED = -32005;

  private final ChainAccess chain;
  private final LogSearch search;
  private final InstalledFilters filters;
  private final long maxBlockRange;

  public FilterMethods(
      ChainAccess chain, LogSearch search, InstalledFilters filters, long maxBlockRange) {
    this.chain = chain;
    this.search = search;
    this.filters = filters;
    this.maxBlockRange = maxBlockRange;
  }

  public void register(RpcMethods methods) {
    methods.blocking("eth_getLogs", 1, 1, p -> new ChainJson(logs(criteria(p, 0))));
    methods.blocking("eth_newFilter", 1, 1, this::newFilter);
    methods.inline(
        "eth_newBlockFilter", 0, 0, p -> filters.install(new InstalledFilters.Filter.Blocks()));
    methods.inline(
        "eth_newPendingTransactionFilter",
        0,
        1,
        p ->
            filters.install(
                new InstalledFilters.Filter.PendingTransactions(p.has(0) && p.bool(0))));
    methods.blocking("eth_getFilterChanges", 1, 1, this::getFilterChanges);
    methods.blocking("eth_getFilterLogs", 1, 1, this::getFilterLogs);
    methods.inline("eth_uninstallFilter", 1, 1, p -> filters.uninstall(p.string(0)));
  }

  static LogCriteria criteria(Params params, int index) {
    try {
      return LogCriteria.parse(params.node(index));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  /** The logs {@code criteria} names, within the limits. */
  public List<RpcLog> logs(LogCriteria criteria) {
    try {
      if (criteria.blockHash().isPresent()) {
        ChainHead block =
            chain
                .byHash(criteria.blockHash().get())
                .orElseThrow(() -> ChainAccess.serverError("unknown block"));
        return search.logs(criteria.filter(), block);
      }
      long head = chain.head().number();
      long from = resolve(criteria.fromBlock(), head);
      long to = resolve(criteria.toBlock(), head);
      if (from > to) {
        throw ChainAccess.serverError("invalid block range params");
      }
      if (from > head) {
        return List.of();
      }
      to = Math.min(to, head);
      if (maxBlockRange > 0 && to - from + 1 > maxBlockRange) {
        throw new RpcError(
                LIMIT_EXCEEDED,
                "query exceeds max block range "
                    + maxBlockRange
                    + " (asked for "
                    + (to - from + 1)
                    + " blocks)")
            .exception();
      }
      return search.logs(criteria.filter(), from, to);
    } catch (LogSearch.LimitExceededException e) {
      throw new RpcError(LIMIT_EXCEEDED, e.getMessage()).exception();
    }
  }

  private long resolve(Optional<BlockParam> param, long head) {
    if (param.isEmpty()) {
      return head;
    }
    return switch (param.get()) {
      case BlockParam.Number n -> n.number();
      case BlockParam.Named named ->
          switch (named.tag()) {
            case LATEST, PENDING -> head;
            case EARLIEST -> 0;
            case SAFE ->
                chain
                    .chain()
                    .safe()
                    .orElseThrow(() -> ChainAccess.serverError("safe header not found"))
                    .number();
            case FINALIZED ->
                chain
                    .chain()
                    .finalized()
                    .orElseThrow(() -> ChainAccess.serverError("finalized header not found"))
                    .number();
          };
      case BlockParam.ByHash h -> throw ChainAccess.serverError("block hash in a range");
    };
  }

  private Object newFilter(Params params) {
    LogCriteria criteria = criteria(params, 0);
    long from = 0;
    long to = Long.MAX_VALUE;
    if (criteria.blockHash().isEmpty()) {
      if (criteria.fromBlock().orElse(null) instanceof BlockParam.Number n) {
        from = n.number();
      }
      if (criteria.toBlock().orElse(null) instanceof BlockParam.Number n) {
        to = n.number();
      }
    }
    return filters.install(new InstalledFilters.Filter.Logs(criteria, from, to));
  }

  private Object getFilterChanges(Params params) {
    String id = params.string(0);
    List<Object> changes = filters.poll(id).orElseThrow(FilterMethods::notFound);
    return new ChainJson(changes);
  }

  private Object getFilterLogs(Params params) {
    String id = params.string(0);
    InstalledFilters.Filter filter = filters.filter(id).orElseThrow(FilterMethods::notFound);
    if (filter instanceof InstalledFilters.Filter.Logs logs) {
      return new ChainJson(logs(logs.criteria()));
    }
    throw notFound();
  }

  private static RpcException notFound() {
    return ChainAccess.serverError("filter not found");
  }
}
