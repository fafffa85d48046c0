package io.merapi.execution.api.debug;

import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import java.util.function.LongFunction;

/**
 * {@code debug_setHead(number)} as geth has it: rewinds the canonical chain to its block {@code
 * number} (hex quantity) and answers {@code null}. The blocks above stay stored off the canonical
 * chain; the next block (the dev producer's, or one a consensus client sends) builds on the new
 * head, which gives tests a reorg. Filters and subscriptions see the rewind as a reorg (logs come
 * back {@code removed}), the pool takes the rewound transactions back, and safe and finalized come
 * down to the new head if they were above it.
 */
public final class DebugSetHeadMethods {
  private final LongFunction<ChainHead> rewind;

  /**
   * @param rewind rewinds to a height (the dev producer's, which waits for the block in progress;
   *     or the chain's own)
   */
  public DebugSetHeadMethods(LongFunction<ChainHead> rewind) {
    this.rewind = rewind;
  }

  public void register(RpcMethods methods) {
    methods.blocking("debug_setHead", 1, 1, this::setHead);
  }

  private Object setHead(Params params) {
    long number = params.quantity(0);
    try {
      rewind.apply(number);
    } catch (IllegalArgumentException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
    return java.util.Optional.empty(); // JSON null
  }
}
