package io.merapi.execution.chain;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.transaction.BlobSidecar;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's blob sidecars as the chain stores them, one per blob transaction in block order: {@code
 * [[version, [blob...], [commitment...], [proof...]], ...]}. Kept per transaction rather than per
 * blob so that a reorged-out blob transaction can go back to the pool with its own sidecar.
 */
final class StoredSidecars {
  private StoredSidecars() {}

  static byte[] encode(List<BlobSidecar> sidecars) {
    int size = 16;
    for (BlobSidecar sidecar : sidecars) {
      size += sidecar.blobs().size() * (BlobSidecar.BYTES_PER_BLOB + 128) + 16;
    }
    RlpWriter w = new RlpWriter(size);
    w.startList();
    for (BlobSidecar sidecar : sidecars) {
      w.startList().writeLong(sidecar.version());
      writeAll(w, sidecar.blobs());
      writeAll(w, sidecar.commitments());
      writeAll(w, sidecar.proofs());
      w.endList();
    }
    return w.endList().toByteArray();
  }

  private static void writeAll(RlpWriter w, List<Bytes> items) {
    w.startList();
    items.forEach(w::writeBytes);
    w.endList();
  }

  static List<BlobSidecar> decode(byte[] encoded) {
    RlpReader outer = RlpReader.of(encoded);
    RlpReader list = outer.readList();
    List<BlobSidecar> sidecars = new ArrayList<>();
    while (list.hasNext()) {
      RlpReader s = list.readList();
      int version = s.readInt();
      List<Bytes> blobs = readAll(s, BlobSidecar.BYTES_PER_BLOB, "blob");
      List<Bytes> commitments = readAll(s, BlobSidecar.BYTES_PER_COMMITMENT, "commitment");
      List<Bytes> proofs = readAll(s, BlobSidecar.BYTES_PER_PROOF, "proof");
      s.ensureEnd();
      sidecars.add(new BlobSidecar(version, blobs, commitments, proofs));
    }
    outer.ensureEnd();
    return sidecars;
  }

  private static List<Bytes> readAll(RlpReader reader, int length, String what) {
    RlpReader list = reader.readList();
    List<Bytes> items = new ArrayList<>();
    while (list.hasNext()) {
      items.add(Bytes.wrap(list.readBytes(length, what)));
    }
    return items;
  }
}
