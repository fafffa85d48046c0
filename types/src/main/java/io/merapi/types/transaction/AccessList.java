package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * EIP-2930 access list: addresses and storage keys the transaction pre-warms, paid for up front.
 * RLP: {@code [[address, [storageKey, ...]], ...]}.
 */
public record AccessList(List<Entry> entries) {
  public static final AccessList EMPTY = new AccessList(List.of());

  public AccessList {
    entries = List.copyOf(entries);
  }

  /** One account and the storage keys of it that are accessed. */
  public record Entry(Address address, List<Hash> storageKeys) {
    public Entry {
      storageKeys = List.copyOf(storageKeys);
    }
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The number of storage keys over all entries. */
  public int storageKeyCount() {
    int count = 0;
    for (Entry entry : entries) {
      count += entry.storageKeys().size();
    }
    return count;
  }

  public void writeTo(RlpWriter writer) {
    writer.startList();
    for (Entry entry : entries) {
      writer.startList().writeAddress(entry.address()).startList();
      for (Hash key : entry.storageKeys()) {
        writer.writeHash(key);
      }
      writer.endList().endList();
    }
    writer.endList();
  }

  public static AccessList readFrom(RlpReader reader) {
    RlpReader list = reader.readList();
    if (!list.hasNext()) {
      return EMPTY;
    }
    List<Entry> entries = new ArrayList<>();
    while (list.hasNext()) {
      RlpReader entry = list.readList();
      Address address = entry.readAddress();
      RlpReader keys = entry.readList();
      List<Hash> storageKeys = new ArrayList<>();
      while (keys.hasNext()) {
        storageKeys.add(keys.readHash());
      }
      entry.ensureEnd();
      entries.add(new Entry(address, storageKeys));
    }
    return new AccessList(entries);
  }
}
