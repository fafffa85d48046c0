package io.merapi.batcher.channel;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import java.util.List;

/**
 * The frames of one batcher transaction (op-batcher {@code txData}): as calldata, {@code
 * DERIVATION_VERSION_0 ++ frame}; as blobs, one blob per frame, each the version byte and the frame
 * in the spec's blob encoding.
 */
public record TxData(List<Frame> frames, boolean asBlob) {
  public TxData {
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a batcher transaction carries at least one frame");
    }
  }

  public TxId id() {
    return TxId.of(frames);
  }

  /** The transaction's calldata: all frames after the derivation version byte. */
  public Bytes callData() {
    return BatcherTransaction.encode(frames);
  }

  /** One blob per frame. */
  public List<Bytes> blobs() {
    return frames.stream().map(f -> BlobEncoding.encode(BatcherTransaction.encode(f))).toList();
  }

  /** The frame bytes carried (overhead included, version bytes not). */
  public int length() {
    int length = 0;
    for (Frame frame : frames) {
      length += frame.encodedLength();
    }
    return length;
  }

  @Override
  public String toString() {
    return id() + (asBlob ? " (" + frames.size() + " blobs)" : " (calldata)");
  }
}
