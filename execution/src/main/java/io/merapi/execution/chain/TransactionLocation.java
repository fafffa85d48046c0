package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;

/** Where a canonical transaction is: its block's hash and number, and its index in the block. */
public record TransactionLocation(Hash blockHash, long blockNumber, int index) {
  byte[] encoded() {
    byte[] out = new byte[Hash.LENGTH + 8 + 4];
    System.arraycopy(blockHash.array(), 0, out, 0, Hash.LENGTH);
    ChainStore.putLong(out, Hash.LENGTH, blockNumber);
    for (int i = 0; i < 4; i++) {
      out[Hash.LENGTH + 8 + i] = (byte) (index >>> (24 - 8 * i));
    }
    return out;
  }

  static TransactionLocation decode(byte[] bytes) {
    if (bytes.length != Hash.LENGTH + 12) {
      throw new IllegalStateException("stored transaction location of " + bytes.length + " bytes");
    }
    long number = 0;
    for (int i = 0; i < 8; i++) {
      number = (number << 8) | (bytes[Hash.LENGTH + i] & 0xff);
    }
    int index = 0;
    for (int i = 0; i < 4; i++) {
      index = (index << 8) | (bytes[Hash.LENGTH + 8 + i] & 0xff);
    }
    return new TransactionLocation(Hash.copyOf(bytes, 0), number, index);
  }
}
