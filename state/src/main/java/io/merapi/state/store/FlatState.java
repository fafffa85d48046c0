package io.merapi.state.store;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/**
 * The flat view of one state: every account and storage slot under its hashed key, so a read is one
 * lookup instead of a walk down the trie. Values are encoded as the tries hold them: the account's
 * {@code rlp([nonce, balance, storageRoot, codeHash])}, a slot's {@code rlp(value)}.
 */
public interface FlatState {
  /** The account under {@code keccak256(address)}, or empty if there is none. */
  Optional<byte[]> account(Hash accountKey);

  /** The slot under {@code keccak256(address)} and {@code keccak256(slot)}, or empty if zero. */
  Optional<byte[]> storage(Hash accountKey, Hash slotKey);
}
