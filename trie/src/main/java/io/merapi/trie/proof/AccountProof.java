package io.merapi.trie.proof;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.List;

/**
 * An account with its Merkle proof and proofs of some of its storage slots: the result of {@code
 * eth_getProof} (EIP-1186), field for field. An account that does not exist has zero nonce and
 * balance and zero code and storage hashes, as geth reports it.
 */
public record AccountProof(
    Address address,
    List<Bytes> accountProof,
    UInt256 balance,
    Hash codeHash,
    long nonce,
    Hash storageHash,
    List<StorageProof> storageProof) {
  public AccountProof {
    accountProof = List.copyOf(accountProof);
    storageProof = List.copyOf(storageProof);
  }
}
