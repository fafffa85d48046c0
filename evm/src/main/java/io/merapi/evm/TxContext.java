package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.List;

/** What the EVM sees of the transaction: ORIGIN, GASPRICE (effective) and BLOBHASH. */
public record TxContext(Address origin, UInt256 gasPrice, List<Hash> blobHashes) {
  public TxContext {
    blobHashes = List.copyOf(blobHashes);
  }
}
