package io.merapi.state;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.MerklePatriciaTrie;

/**
 * An account as the state trie stores it (Yellow Paper 4.1): {@code rlp([nonce, balance,
 * storageRoot, codeHash])} under {@code keccak256(address)}.
 */
public record Account(long nonce, UInt256 balance, Hash storageRoot, Hash codeHash) {
  /** The root of an empty trie, {@code keccak256(rlp(""))}: the storage root of no storage. */
  public static final Hash EMPTY_STORAGE_ROOT = MerklePatriciaTrie.EMPTY_ROOT;

  /** The code hash of an account without code, {@code keccak256("")}. */
  public static final Hash EMPTY_CODE_HASH = Keccak256.EMPTY;

  public static final Account EMPTY =
      new Account(0, UInt256.ZERO, EMPTY_STORAGE_ROOT, EMPTY_CODE_HASH);

  /** EIP-161: no code, zero nonce and zero balance. */
  public boolean isEmpty() {
    return nonce == 0 && balance.isZero() && codeHash.equals(EMPTY_CODE_HASH);
  }

  public byte[] toRlp() {
    return new RlpWriter(80)
        .startList()
        .writeLong(nonce)
        .writeUInt256(balance)
        .writeHash(storageRoot)
        .writeHash(codeHash)
        .endList()
        .toByteArray();
  }

  public static Account fromRlp(byte[] rlp) {
    RlpReader outer = RlpReader.of(rlp);
    RlpReader list = outer.readList();
    Account account =
        new Account(list.readLong(), list.readUInt256(), list.readHash(), list.readHash());
    list.ensureEnd();
    outer.ensureEnd();
    return account;
  }
}
