package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.types.receipt.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small in-memory {@link Host} for interpreter tests, with an undo log for checkpoints. */
final class FakeHost implements Host {
  static final class Account {
    UInt256 balance = UInt256.ZERO;
    long nonce;
    byte[] code = new byte[0];
    final Map<UInt256, UInt256> storage = new HashMap<>();
    boolean created;
    boolean destructed;
  }

  final Map<Address, Account> accounts = new HashMap<>();
  final Map<String, UInt256> transients = new HashMap<>();
  final Set<Address> warm = new HashSet<>();
  final Set<String> warmSlots = new HashSet<>();
  final List<Log> logs = new ArrayList<>();
  private final List<Runnable> undo = new ArrayList<>();
  long refund;

  Account put(Address address, byte[] code, UInt256 balance) {
    Account a = new Account();
    a.code = code;
    a.balance = balance;
    accounts.put(address, a);
    return a;
  }

  private Account get(Address address) {
    return accounts.get(address);
  }

  private Account create(Address address) {
    Account a = accounts.get(address);
    if (a == null) {
      a = new Account();
      accounts.put(address, a);
      undo.add(() -> accounts.remove(address));
    }
    return a;
  }

  @Override
  public boolean exists(Address address) {
    return accounts.containsKey(address);
  }

  @Override
  public boolean isEmpty(Address address) {
    Account a = get(address);
    return a == null || (a.nonce == 0 && a.balance.isZero() && a.code.length == 0);
  }

  @Override
  public UInt256 balance(Address address) {
    Account a = get(address);
    return a == null ? UInt256.ZERO : a.balance;
  }

  @Override
  public long nonce(Address address) {
    Account a = get(address);
    return a == null ? 0 : a.nonce;
  }

  @Override
  public Hash codeHash(Address address) {
    return Keccak256.digest(code(address));
  }

  @Override
  public byte[] code(Address address) {
    Account a = get(address);
    return a == null ? new byte[0] : a.code;
  }

  @Override
  public int codeSize(Address address) {
    return code(address).length;
  }

  @Override
  public boolean hasStorage(Address address) {
    Account a = get(address);
    return a != null && a.storage.values().stream().anyMatch(v -> !v.isZero());
  }

  @Override
  public void addBalance(Address address, UInt256 amount) {
    Account a = create(address);
    UInt256 old = a.balance;
    a.balance = old.add(amount);
    undo.add(() -> a.balance = old);
  }

  @Override
  public void subtractBalance(Address address, UInt256 amount) {
    Account a = create(address);
    UInt256 old = a.balance;
    a.balance = old.subtract(amount);
    undo.add(() -> a.balance = old);
  }

  @Override
  public void setNonce(Address address, long nonce) {
    Account a = create(address);
    long old = a.nonce;
    a.nonce = nonce;
    undo.add(() -> a.nonce = old);
  }

  @Override
  public void createContractAccount(Address address) {
    Account a = create(address);
    boolean old = a.created;
    a.created = true;
    undo.add(() -> a.created = old);
  }

  @Override
  public void setCode(Address address, byte[] code) {
    Account a = create(address);
    byte[] old = a.code;
    a.code = code;
    undo.add(() -> a.code = old);
  }

  @Override
  public boolean isCreatedInTransaction(Address address) {
    Account a = get(address);
    return a != null && a.created;
  }

  @Override
  public boolean hasSelfDestructed(Address address) {
    Account a = get(address);
    return a != null && a.destructed;
  }

  @Override
  public void markSelfDestructed(Address address) {
    Account a = create(address);
    UInt256 old = a.balance;
    a.destructed = true;
    a.balance = UInt256.ZERO;
    undo.add(
        () -> {
          a.destructed = false;
          a.balance = old;
        });
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    Account a = get(address);
    return a == null ? UInt256.ZERO : a.storage.getOrDefault(key, UInt256.ZERO);
  }

  @Override
  public UInt256 originalStorage(Address address, UInt256 key) {
    return storage(address, key);
  }

  @Override
  public void setStorage(Address address, UInt256 key, UInt256 value) {
    Account a = create(address);
    UInt256 old = a.storage.getOrDefault(key, UInt256.ZERO);
    a.storage.put(key, value);
    undo.add(() -> a.storage.put(key, old));
  }

  @Override
  public UInt256 transientStorage(Address address, UInt256 key) {
    return transients.getOrDefault(address + "/" + key, UInt256.ZERO);
  }

  @Override
  public void setTransientStorage(Address address, UInt256 key, UInt256 value) {
    String k = address + "/" + key;
    UInt256 old = transients.getOrDefault(k, UInt256.ZERO);
    transients.put(k, value);
    undo.add(() -> transients.put(k, old));
  }

  @Override
  public boolean accessAccount(Address address) {
    if (warm.add(address)) {
      undo.add(() -> warm.remove(address));
      return true;
    }
    return false;
  }

  @Override
  public boolean accessStorage(Address address, UInt256 key) {
    String k = address + "/" + key;
    if (warmSlots.add(k)) {
      undo.add(() -> warmSlots.remove(k));
      return true;
    }
    return false;
  }

  @Override
  public void addRefund(long gas) {
    long old = refund;
    refund += gas;
    undo.add(() -> refund = old);
  }

  @Override
  public void subtractRefund(long gas) {
    long old = refund;
    refund -= gas;
    undo.add(() -> refund = old);
  }

  @Override
  public long refund() {
    return refund;
  }

  @Override
  public void addLog(Log log) {
    logs.add(log);
    undo.add(() -> logs.remove(logs.size() - 1));
  }

  @Override
  public int checkpoint() {
    return undo.size();
  }

  @Override
  public void revertTo(int checkpoint) {
    while (undo.size() > checkpoint) {
      undo.remove(undo.size() - 1).run();
    }
  }
}
