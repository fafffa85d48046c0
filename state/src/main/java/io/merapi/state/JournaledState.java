package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Host;
import io.merapi.types.receipt.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The world state of one block in execution: working copies of the accounts read or written, over a
 * {@link StateReader} for the committed state, with an append-only journal of undo entries where a
 * checkpoint is just the journal's length (as revm does). Implements the EVM's {@link Host}.
 *
 * <p>Per transaction it keeps the EIP-2929 access sets, EIP-1153 transient storage, the refund
 * counter, logs, and which accounts were touched, created or self-destructed; {@link
 * #finishTransaction} applies EIP-161 and EIP-6780 deletions and starts the next transaction. The
 * block's net changes come out of {@link #changes()} for commitment.
 *
 * <p>Not thread-safe: one block on one thread.
 */
public final class JournaledState implements Host {
  /**
   * The RIPEMD-160 precompile. A touch of it survives a revert: mainnet block 2675119 deleted the
   * empty account 0x03 after an out-of-gas call to it, and clients keep that behaviour (geth's
   * journal makes the same exception).
   */
  private static final Address RIPEMD =
      Address.fromHex("0x0000000000000000000000000000000000000003");

  private final StateReader reader;
  private final HashMap<Address, AccountState> accounts = new HashMap<>();
  private final ArrayList<Change> journal = new ArrayList<>();

  // Per transaction.
  private final HashSet<Address> warmAccounts = new HashSet<>();
  private final ArrayList<AccountState.Slot> warmSlots = new ArrayList<>();
  private final ArrayList<AccountState.Slot> dirtySlots = new ArrayList<>();
  private final ArrayList<AccountState> touchedAccounts = new ArrayList<>();
  private final HashMap<Change.TransientKey, UInt256> transientStorage = new HashMap<>();
  private ArrayList<Log> logs = new ArrayList<>();
  private long refund;

  public JournaledState(StateReader reader) {
    this.reader = reader;
  }

  // ---- account access ----

  // The last account and slot looked up: a frame asks about its own address (the same Address
  // instance) and the same slot again and again (SLOAD after its access check, SSTORE's reads).
  private Address lastAddress;
  private AccountState lastAccount;
  private AccountState.Slot lastSlot;
  private AccountState lastSlotAccount;

  private AccountState account(Address address) {
    if (address == lastAddress) {
      return lastAccount;
    }
    AccountState a = accounts.get(address);
    if (a == null) {
      a = load(address);
      accounts.put(address, a);
    }
    lastAddress = address;
    lastAccount = a;
    return a;
  }

  private AccountState load(Address address) {
    AccountState a = new AccountState(address);
    Optional<Account> committed = reader.account(address);
    if (committed.isPresent()) {
      Account c = committed.get();
      a.exists = true;
      a.nonce = c.nonce();
      a.balance = c.balance();
      a.codeHash = c.codeHash();
      a.committedStorageRoot = c.storageRoot();
    } else {
      a.nonce = 0;
      a.balance = UInt256.ZERO;
      a.codeHash = Account.EMPTY_CODE_HASH;
      a.code = Bytes.EMPTY.array();
      a.committedStorageRoot = Account.EMPTY_STORAGE_ROOT;
    }
    return a;
  }

  /** Makes an absent account exist (empty), journaled. */
  private AccountState existing(Address address) {
    AccountState a = account(address);
    if (!a.exists) {
      journal.add(new Change.Existence(a));
      a.exists = true;
      a.dirty = true;
    }
    return a;
  }

  private void touch(AccountState a) {
    a.dirty = true;
    if (!a.touched) {
      journal.add(new Change.Touch(a));
      a.touched = true;
      touchedAccounts.add(a);
    }
  }

  private AccountState.Slot slot(AccountState a, UInt256 key) {
    AccountState.Slot last = lastSlot;
    if (lastSlotAccount == a && last.key.equals(key)) {
      return last;
    }
    AccountState.Slot slot = a.storage.get(key);
    if (slot == null) {
      UInt256 committed =
          a.storageCleared || a.committedStorageRoot.equals(Account.EMPTY_STORAGE_ROOT)
              ? UInt256.ZERO
              : reader.storage(a.address, key);
      slot = new AccountState.Slot(key, committed);
      a.storage.put(key, slot);
    }
    lastSlot = slot;
    lastSlotAccount = a;
    return slot;
  }

  // ---- Host: accounts ----

  @Override
  public boolean exists(Address address) {
    return account(address).exists;
  }

  @Override
  public boolean isEmpty(Address address) {
    AccountState a = account(address);
    return !a.exists || a.isEmpty();
  }

  @Override
  public UInt256 balance(Address address) {
    return account(address).balance;
  }

  @Override
  public long nonce(Address address) {
    return account(address).nonce;
  }

  @Override
  public Hash codeHash(Address address) {
    return account(address).codeHash;
  }

  @Override
  public byte[] code(Address address) {
    AccountState a = account(address);
    if (a.code == null) {
      a.code = reader.code(a.codeHash);
    }
    return a.code;
  }

  @Override
  public int codeSize(Address address) {
    return code(address).length;
  }

  @Override
  public boolean hasStorage(Address address) {
    AccountState a = account(address);
    for (AccountState.Slot slot : a.storage.values()) {
      if (!slot.current.isZero()) {
        return true;
      }
    }
    if (a.storageCleared || a.committedStorageRoot.equals(Account.EMPTY_STORAGE_ROOT)) {
      return false;
    }
    // Committed storage exists; it counts unless every slot was zeroed in this block, which
    // only a full storage walk could tell. A nonzero committed root is enough for EIP-7610.
    return true;
  }

  @Override
  public void addBalance(Address address, UInt256 amount) {
    AccountState a = existing(address);
    touch(a);
    if (!amount.isZero()) {
      journal.add(new Change.Balance(a, a.balance));
      a.balance = a.balance.add(amount);
    }
  }

  @Override
  public void subtractBalance(Address address, UInt256 amount) {
    AccountState a = existing(address);
    touch(a);
    if (!amount.isZero()) {
      journal.add(new Change.Balance(a, a.balance));
      a.balance = a.balance.subtract(amount);
    }
  }

  @Override
  public void setNonce(Address address, long nonce) {
    AccountState a = existing(address);
    touch(a);
    journal.add(new Change.Nonce(a, a.nonce));
    a.nonce = nonce;
  }

  @Override
  public void createContractAccount(Address address) {
    AccountState a = existing(address);
    touch(a);
    if (!a.createdInTransaction) {
      journal.add(new Change.Created(a));
      a.createdInTransaction = true;
    }
  }

  @Override
  public void setCode(Address address, byte[] code) {
    AccountState a = existing(address);
    touch(a);
    journal.add(new Change.Code(a, a.codeHash, a.code));
    a.code = code;
    a.codeHash = Keccak256.digest(code);
  }

  @Override
  public boolean isCreatedInTransaction(Address address) {
    return account(address).createdInTransaction;
  }

  @Override
  public boolean hasSelfDestructed(Address address) {
    return account(address).selfDestructed;
  }

  @Override
  public void markSelfDestructed(Address address) {
    AccountState a = account(address);
    if (!a.exists) {
      return;
    }
    touch(a);
    journal.add(new Change.SelfDestruct(a, a.balance, a.selfDestructed));
    a.selfDestructed = true;
    a.balance = UInt256.ZERO;
  }

  // ---- Host: storage ----

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    return slot(account(address), key).current;
  }

  @Override
  public UInt256 originalStorage(Address address, UInt256 key) {
    return slot(account(address), key).original;
  }

  @Override
  public void setStorage(Address address, UInt256 key, UInt256 value) {
    AccountState a = existing(address);
    touch(a);
    AccountState.Slot slot = slot(a, key);
    journal.add(new Change.Storage(a, slot, slot.current, slot.dirtyInTransaction));
    slot.current = value;
    if (!slot.dirtyInTransaction) {
      slot.dirtyInTransaction = true;
      dirtySlots.add(slot);
    }
  }

  @Override
  public UInt256 transientStorage(Address address, UInt256 key) {
    return transientStorage.getOrDefault(new Change.TransientKey(address, key), UInt256.ZERO);
  }

  @Override
  public void setTransientStorage(Address address, UInt256 key, UInt256 value) {
    Change.TransientKey k = new Change.TransientKey(address, key);
    UInt256 previous = transientStorage.put(k, value);
    journal.add(new Change.TransientStore(k, previous == null ? UInt256.ZERO : previous));
  }

  // ---- Host: access sets ----

  @Override
  public boolean accessAccount(Address address) {
    if (warmAccounts.add(address)) {
      journal.add(new Change.WarmAccount(address));
      return true;
    }
    return false;
  }

  @Override
  public boolean accessStorage(Address address, UInt256 key) {
    AccountState.Slot slot = slot(account(address), key);
    if (!slot.warm) {
      slot.warm = true;
      journal.add(new Change.WarmSlot(slot));
      warmSlots.add(slot);
      return true;
    }
    return false;
  }

  // ---- Host: substate ----

  @Override
  public void addRefund(long gas) {
    journal.add(new Change.Refund(refund));
    refund += gas;
  }

  @Override
  public void subtractRefund(long gas) {
    journal.add(new Change.Refund(refund));
    refund -= gas;
  }

  @Override
  public long refund() {
    return refund;
  }

  @Override
  public void addLog(Log log) {
    journal.add(new Change.LogAdded());
    logs.add(log);
  }

  // ---- checkpoints ----

  @Override
  public int checkpoint() {
    return journal.size();
  }

  @Override
  public void revertTo(int checkpoint) {
    for (int i = journal.size() - 1; i >= checkpoint; i--) {
      undo(journal.remove(i));
    }
  }

  private void undo(Change change) {
    switch (change) {
      case Change.Existence c -> c.account().exists = false;
      case Change.Balance c -> c.account().balance = c.previous();
      case Change.Nonce c -> c.account().nonce = c.previous();
      case Change.Code c -> {
        c.account().codeHash = c.previousHash();
        c.account().code = c.previousCode();
      }
      case Change.Storage c -> {
        c.slot().current = c.previous();
        c.slot().dirtyInTransaction = c.wasDirty();
      }
      case Change.Touch c -> {
        if (!c.account().address.equals(RIPEMD)) {
          c.account().touched = false;
        }
      }
      case Change.Created c -> c.account().createdInTransaction = false;
      case Change.SelfDestruct c -> {
        c.account().selfDestructed = c.wasSelfDestructed();
        c.account().balance = c.previousBalance();
      }
      case Change.TransientStore c -> {
        if (c.previous().isZero()) {
          transientStorage.remove(c.key());
        } else {
          transientStorage.put(c.key(), c.previous());
        }
      }
      case Change.WarmAccount c -> warmAccounts.remove(c.address());
      case Change.WarmSlot c -> c.slot().warm = false;
      case Change.Refund c -> refund = c.previous();
      case Change.LogAdded c -> logs.remove(logs.size() - 1);
    }
  }

  // ---- transaction and block boundaries ----

  /** The logs of the current transaction so far. */
  public List<Log> logs() {
    return List.copyOf(logs);
  }

  /**
   * Ends the transaction: deletes self-destructed accounts and, if {@code deleteEmptyTouched}
   * (EIP-161, always from Spurious Dragon), touched accounts that are empty; makes the current
   * storage values the next transaction's original values; clears access sets, transient storage,
   * refund, logs and the journal.
   */
  public void finishTransaction(boolean deleteEmptyTouched) {
    for (AccountState a : touchedAccounts) {
      if (a.exists && (a.selfDestructed || (deleteEmptyTouched && a.touched && a.isEmpty()))) {
        delete(a);
      }
      a.touched = false;
      a.createdInTransaction = false;
      a.selfDestructed = false;
    }
    touchedAccounts.clear();
    for (AccountState.Slot slot : dirtySlots) {
      slot.original = slot.current;
      slot.dirtyInTransaction = false;
    }
    dirtySlots.clear();
    for (AccountState.Slot slot : warmSlots) {
      slot.warm = false;
    }
    warmSlots.clear();
    warmAccounts.clear();
    transientStorage.clear();
    refund = 0;
    logs = new ArrayList<>();
    journal.clear();
  }

  private void delete(AccountState a) {
    if (lastSlotAccount == a) {
      lastSlotAccount = null;
      lastSlot = null;
    }
    a.exists = false;
    a.nonce = 0;
    a.balance = UInt256.ZERO;
    a.codeHash = Account.EMPTY_CODE_HASH;
    a.code = Bytes.EMPTY.array();
    a.storage.clear();
    a.storageCleared = true;
    a.dirty = true;
  }

  /**
   * The net changes of the block so far, one per account changed, for commitment. Call between
   * transactions.
   */
  public List<AccountChange> changes() {
    List<AccountChange> changes = new ArrayList<>();
    for (AccountState a : accounts.values()) {
      if (!a.dirty) {
        continue;
      }
      if (!a.exists) {
        changes.add(AccountChange.deleted(a.address));
        continue;
      }
      Map<UInt256, UInt256> storage = new HashMap<>();
      for (AccountState.Slot slot : a.storage.values()) {
        if (a.storageCleared ? !slot.current.isZero() : !slot.current.equals(slot.committed)) {
          storage.put(slot.key, slot.current);
        }
      }
      Optional<Bytes> code =
          a.code != null && !a.codeHash.equals(Account.EMPTY_CODE_HASH)
              ? Optional.of(Bytes.wrap(a.code))
              : Optional.empty();
      changes.add(
          new AccountChange(
              a.address, true, a.nonce, a.balance, a.codeHash, code, a.storageCleared, storage));
    }
    return changes;
  }
}
