package io.merapi.base.rlp;

/** One-call encoding and decoding of whole values. */
public final class Rlp {
  private Rlp() {}

  /** Decodes exactly one item, refusing trailing bytes. */
  public static RlpItem decode(byte[] encoded) {
    RlpReader reader = RlpReader.of(encoded);
    RlpItem item = reader.readItem();
    reader.ensureEnd();
    return item;
  }

  public static byte[] encode(RlpItem item) {
    return new RlpWriter().writeItem(item).toByteArray();
  }

  public static byte[] encodeBytes(byte[] value) {
    return new RlpWriter(value.length + 9).writeBytes(value).toByteArray();
  }

  public static byte[] encodeLong(long unsigned) {
    return new RlpWriter(9).writeLong(unsigned).toByteArray();
  }
}
