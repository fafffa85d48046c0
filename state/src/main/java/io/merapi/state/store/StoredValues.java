package io.merapi.state.store;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;

/** The encodings of state values as the tries and the flat view store them. */
final class StoredValues {
  private StoredValues() {}

  /** A storage slot's value as a trie leaf holds it: {@code rlp(value)} without leading zeros. */
  static byte[] encodeSlot(UInt256 value) {
    return new RlpWriter(33).writeUInt256(value).toByteArray();
  }

  static UInt256 decodeSlot(byte[] rlp) {
    RlpReader reader = RlpReader.of(rlp);
    UInt256 value = reader.readUInt256();
    reader.ensureEnd();
    return value;
  }

  static byte[] code(CodeSource codes, Hash codeHash) {
    if (codeHash.equals(Account.EMPTY_CODE_HASH)) {
      return Bytes.EMPTY.array();
    }
    return codes
        .code(codeHash)
        .orElseThrow(() -> new MissingStateException("no code with hash " + codeHash));
  }
}
