package io.merapi.trie.proof;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.List;

/** One storage slot of an {@code eth_getProof} answer: its value and its path in storage. */
public record StorageProof(Hash key, UInt256 value, List<Bytes> proof) {
  public StorageProof {
    proof = List.copyOf(proof);
  }
}
