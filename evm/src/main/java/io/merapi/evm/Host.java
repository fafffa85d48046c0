package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.receipt.Log;

/**
 * The world as the EVM sees it during one transaction: accounts, storage, transient storage, the
 * EIP-2929 access sets, the refund counter and logs, all behind checkpoints that a failing frame
 * reverts to. The EVM decides every rule (gas, fork behaviour); the host only keeps state. {@code
 * io.merapi.state} implements it with a journal over a pluggable backing store.
 *
 * <p>Touching (EIP-161): {@link #addBalance} and {@link #subtractBalance} touch the account even
 * for a zero amount, and a touched account that is empty at the end of the transaction is deleted.
 */
public interface Host {

  // ---- accounts ----

  /** True if the account is in the state, even if empty (geth's {@code Exist}). */
  boolean exists(Address address);

  /** True if the account is absent or empty: no code, zero nonce, zero balance (EIP-161). */
  boolean isEmpty(Address address);

  UInt256 balance(Address address);

  long nonce(Address address);

  /** The keccak-256 of the account's code; {@code keccak256("")} for an account without code. */
  Hash codeHash(Address address);

  /** The account's code, empty for none. Callers must not modify the array. */
  byte[] code(Address address);

  int codeSize(Address address);

  /** True if the account has any storage (EIP-7610 counts this as a creation collision). */
  boolean hasStorage(Address address);

  void addBalance(Address address, UInt256 amount);

  /** Subtracts {@code amount}, which the EVM has checked is at most the balance. */
  void subtractBalance(Address address, UInt256 amount);

  void setNonce(Address address, long nonce);

  /**
   * Creates the account a contract creation deploys to: a fresh account that keeps any balance
   * already sent to the address, remembered as created in this transaction (EIP-6780).
   */
  void createContractAccount(Address address);

  void setCode(Address address, byte[] code);

  /** True if the account was created by this transaction (EIP-6780). */
  boolean isCreatedInTransaction(Address address);

  /** True if the account has been marked by SELFDESTRUCT in this transaction. */
  boolean hasSelfDestructed(Address address);

  /** Marks the account for deletion at the end of the transaction and zeroes its balance. */
  void markSelfDestructed(Address address);

  // ---- storage ----

  UInt256 storage(Address address, UInt256 key);

  /** The value at the start of the transaction (EIP-2200's original value). */
  UInt256 originalStorage(Address address, UInt256 key);

  void setStorage(Address address, UInt256 key, UInt256 value);

  /** EIP-1153 transient storage, cleared at the end of the transaction. */
  UInt256 transientStorage(Address address, UInt256 key);

  void setTransientStorage(Address address, UInt256 key, UInt256 value);

  // ---- EIP-2929 access sets ----

  /** Adds the address to the accessed set; returns true if it was not in it (a cold access). */
  boolean accessAccount(Address address);

  /** Adds the slot to the accessed set; returns true if it was not in it (a cold access). */
  boolean accessStorage(Address address, UInt256 key);

  // ---- substate ----

  void addRefund(long gas);

  void subtractRefund(long gas);

  long refund();

  void addLog(Log log);

  // ---- checkpoints ----

  /** A checkpoint to revert to; checkpoints nest. */
  int checkpoint();

  /** Undoes every change made since {@code checkpoint}. */
  void revertTo(int checkpoint);
}
