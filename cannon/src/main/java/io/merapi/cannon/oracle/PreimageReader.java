package io.merapi.cannon.oracle;

import io.merapi.cannon.state.Bytes8;
import java.util.Arrays;

/**
 * The pre-image the VM reads through fd 5, fetched once per key from the {@link PreimageOracle} and
 * kept with its 8-byte big-endian length prefix, as the VM reads it. While a step is proven it also
 * remembers the offset that step read at, for the proof's oracle-key/value/offset.
 */
public final class PreimageReader {
  private final PreimageOracle oracle;
  private byte[] key;
  private byte[] prefixed;
  private long readOffset = -1;

  public PreimageReader(PreimageOracle oracle) {
    this.oracle = oracle;
  }

  public PreimageOracle oracle() {
    return oracle;
  }

  /** The length-prefixed pre-image of {@code key}, asking the oracle only for a new key. */
  public byte[] prefixed(byte[] preimageKey) {
    if (key == null || !Arrays.equals(key, preimageKey)) {
      byte[] data = oracle.getPreimage(preimageKey.clone());
      byte[] out = new byte[8 + data.length];
      Bytes8.put(out, 0, data.length);
      System.arraycopy(data, 0, out, 8, data.length);
      key = preimageKey.clone();
      prefixed = out;
    }
    return prefixed;
  }

  /** Forgets the offset read by the previous proven step. */
  public void resetReadOffset() {
    readOffset = -1;
  }

  public void recordRead(long offset) {
    readOffset = offset;
  }

  /** The offset the proven step read at, or -1 when it read no pre-image. */
  public long readOffset() {
    return readOffset;
  }

  public byte[] key() {
    return key.clone();
  }

  public byte[] value() {
    return prefixed.clone();
  }
}
