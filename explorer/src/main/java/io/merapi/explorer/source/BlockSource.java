package io.merapi.explorer.source;

import io.merapi.base.bytes.Hash;
import io.merapi.explorer.Chain;
import io.merapi.types.json.RpcBlock;
import java.util.Optional;

/** What the index's follower reads from a chain's node: its head, and blocks by number. */
public interface BlockSource {
  Chain chain();

  /** The number of the node's newest block. */
  long blockNumber();

  /** The canonical block at {@code number} with full transactions, if the node has one there. */
  Optional<RpcBlock> block(long number);

  /** The canonical block at {@code number} with transaction hashes only: its header, cheaply. */
  Optional<RpcBlock> blockHeader(long number);

  /** The hash of the canonical block at {@code number}. */
  Optional<Hash> blockHash(long number);
}
