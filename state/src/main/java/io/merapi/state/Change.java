package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;

/** One entry of the journal: enough to undo one state change. */
sealed interface Change {
  record Existence(AccountState account) implements Change {}

  record Balance(AccountState account, UInt256 previous) implements Change {}

  record Nonce(AccountState account, long previous) implements Change {}

  record Code(AccountState account, Hash previousHash, byte[] previousCode) implements Change {}

  record Storage(AccountState account, AccountState.Slot slot, UInt256 previous, boolean wasDirty)
      implements Change {}

  record Touch(AccountState account) implements Change {}

  record Created(AccountState account) implements Change {}

  record SelfDestruct(AccountState account, UInt256 previousBalance, boolean wasSelfDestructed)
      implements Change {}

  record TransientStore(TransientKey key, UInt256 previous) implements Change {}

  record WarmAccount(Address address) implements Change {}

  record WarmSlot(AccountState.Slot slot) implements Change {}

  record Refund(long previous) implements Change {}

  record LogAdded() implements Change {}

  /** A transient storage location (EIP-1153). */
  record TransientKey(Address address, UInt256 key) {}
}
