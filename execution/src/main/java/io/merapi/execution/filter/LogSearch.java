package io.merapi.execution.filter;

import io.merapi.base.bytes.Hash;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.json.RpcLog;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the logs a {@link LogFilter} wants in a range of canonical blocks (seed 004, geth {@code
 * eth/filters}): sections the {@link BloomBitsIndex} covers give their candidate blocks from a few
 * bit vectors; the rest is scanned header by header, skipping blocks whose bloom rules the filter
 * out. A candidate's receipts are read, receipts skipped by their own bloom, and the logs matched
 * exactly (blooms have false positives, never false negatives).
 */
public final class LogSearch {
  private final ChainAccess chain;
  private final Optional<BloomBitsIndex> index;
  private final int maxResults;

  /**
   * @param maxResults the most logs one query may return; beyond it the query fails ({@link
   *     LimitExceededException}) rather than hold an unbounded answer
   */
  public LogSearch(ChainAccess chain, Optional<BloomBitsIndex> index, int maxResults) {
    this.chain = chain;
    this.index = index;
    this.maxResults = maxResults;
  }

  /** Thrown when a query would return more than the limit. */
  public static final class LimitExceededException extends RuntimeException {
    LimitExceededException(String message) {
      super(message, null, false, false);
    }
  }

  /** The matching logs of canonical blocks {@code from} to {@code to} (inclusive), in order. */
  public List<RpcLog> logs(LogFilter filter, long from, long to) {
    List<RpcLog> out = new ArrayList<>();
    List<List<int[]>> clauses = filter.bloomClauses();
    long n = from;
    while (n <= to) {
      long section = n / BloomBits.SECTION_SIZE;
      long sectionFirst = section * BloomBits.SECTION_SIZE;
      long sectionEnd = Math.min(to, sectionFirst + BloomBits.SECTION_SIZE - 1);
      if (!clauses.isEmpty() && index.isPresent() && index.get().isIndexed(section)) {
        BloomBitsIndex idx = index.get();
        long[] candidates = BloomBits.match(clauses, bit -> idx.vector(section, bit));
        for (long b = n; b <= sectionEnd; b++) {
          int j = (int) (b - sectionFirst);
          if ((candidates[j >>> 6] & (1L << (j & 63))) != 0) {
            Optional<ChainHead> block = chain.byNumber(b);
            if (block.isPresent()) {
              collect(filter, block.get(), out);
            }
          }
        }
      } else {
        for (long b = n; b <= sectionEnd; b++) {
          Optional<Hash> hash = chain.chain().canonicalHash(b);
          Optional<Header> header = hash.flatMap(chain.chain()::header);
          if (header.isEmpty()) {
            break;
          }
          if (!header.get().logsBloom().isEmpty() && filter.mayMatch(header.get().logsBloom())) {
            collect(filter, new ChainHead(hash.get(), header.get()), out);
          }
        }
      }
      n = sectionEnd + 1;
    }
    return out;
  }

  /** The matching logs of one block (any stored block, canonical or not). */
  public List<RpcLog> logs(LogFilter filter, ChainHead block) {
    List<RpcLog> out = new ArrayList<>();
    if (filter.mayMatch(block.header().logsBloom())) {
      collect(filter, block, out);
    }
    return out;
  }

  private void collect(LogFilter filter, ChainHead block, List<RpcLog> out) {
    List<Receipt> receipts = chain.receipts(block);
    BlockBody body = null;
    long logIndex = 0;
    for (int i = 0; i < receipts.size(); i++) {
      Receipt receipt = receipts.get(i);
      if (receipt.logs().isEmpty() || !filter.mayMatch(receipt.logsBloom())) {
        logIndex += receipt.logs().size();
        continue;
      }
      for (Log log : receipt.logs()) {
        if (filter.matches(log)) {
          if (body == null) {
            body =
                chain
                    .chain()
                    .body(block.hash())
                    .orElseThrow(() -> ChainAccess.serverError("body of " + block.hash()));
          }
          if (out.size() >= maxResults) {
            throw new LimitExceededException("query returned more than " + maxResults + " results");
          }
          out.add(
              new RpcLog(
                  log,
                  block.number(),
                  body.transactions().get(i).hash(),
                  i,
                  block.hash(),
                  logIndex,
                  false,
                  OptionalLong.empty()));
        }
        logIndex++;
      }
    }
  }
}
