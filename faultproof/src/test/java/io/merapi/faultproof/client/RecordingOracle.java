package io.merapi.faultproof.client;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.faultproof.preimage.Hint;
import io.merapi.faultproof.preimage.Hinter;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageOracle;
import java.io.ByteArrayOutputStream;

/**
 * Wraps a program's oracle and hinter and folds every request, in order, into a running keccak: the
 * digest of the previous one, a tag (1 hint, 2 key) and the hint's wire bytes or the key.
 */
final class RecordingOracle implements PreimageOracle, Hinter {
  private final PreimageOracle oracle;
  private final Hinter hinter;
  private Hash digest = Hash.ZERO;
  private long requests;

  RecordingOracle(PreimageOracle oracle, Hinter hinter) {
    this.oracle = oracle;
    this.hinter = hinter;
  }

  @Override
  public byte[] get(PreimageKey key) {
    record(2, key.toArray());
    return oracle.get(key);
  }

  @Override
  public void hint(Hint hint) {
    record(1, hint.wireBytes());
    hinter.hint(hint);
  }

  Hash digest() {
    return digest;
  }

  long requests() {
    return requests;
  }

  private void record(int tag, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(33 + bytes.length);
    out.writeBytes(digest.toArray());
    out.write(tag);
    out.writeBytes(bytes);
    digest = Keccak256.digest(out.toByteArray());
    requests++;
  }
}
