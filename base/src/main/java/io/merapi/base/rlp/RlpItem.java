package io.merapi.base.rlp;

import io.merapi.base.bytes.Bytes;
import java.util.List;

/** A decoded RLP value as a tree: a byte string or a list of items. */
public sealed interface RlpItem {

  /** A byte string. */
  record RlpString(Bytes value) implements RlpItem {}

  /** A list of items. */
  record RlpList(List<RlpItem> items) implements RlpItem {
    public RlpList {
      items = List.copyOf(items);
    }
  }

  static RlpString string(byte... value) {
    return new RlpString(Bytes.of(value));
  }

  static RlpList list(RlpItem... items) {
    return new RlpList(List.of(items));
  }
}
