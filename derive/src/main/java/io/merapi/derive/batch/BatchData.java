package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;

/**
 * A batch as a channel carries it (specs derivation.md "Batch Format"): {@code batch_version ++
 * content}, a singular batch (0) or, from Delta, a span batch (1) in its wire form. A span batch
 * becomes a {@link SpanBatch} with {@link RawSpanBatch#toSpanBatch}, which can still fail on a
 * transaction; op-node then skips that batch alone, while a batch that does not decode here ends
 * the channel.
 */
public sealed interface BatchData {
  /** The batch type byte. */
  int type();

  /** {@code batch_version ++ content}. */
  Bytes encode();

  /** A singular batch. */
  record Singular(SingularBatch batch) implements BatchData {
    @Override
    public int type() {
      return SingularBatch.TYPE;
    }

    @Override
    public Bytes encode() {
      return typed(SingularBatch.TYPE, SingularBatchCodec.encode(batch).array());
    }
  }

  /** A span batch in its wire form. */
  record Span(RawSpanBatch batch) implements BatchData {
    @Override
    public int type() {
      return SpanBatch.TYPE;
    }

    @Override
    public Bytes encode() {
      ByteSink out = new ByteSink(64 + 100 * batch.transactions().count());
      out.write(SpanBatch.TYPE);
      batch.writeTo(out);
      return Bytes.wrap(out.toByteArray());
    }
  }

  /**
   * Decodes {@code data[offset, offset + length)}: a type byte and the content.
   *
   * @throws BatchFormatException if it is empty, of an unknown type, or does not decode
   */
  static BatchData decode(byte[] data, int offset, int length) {
    if (length == 0) {
      throw new BatchFormatException("empty batch: no type byte", 0);
    }
    int type = data[offset] & 0xff;
    try {
      return switch (type) {
        case SingularBatch.TYPE ->
            new Singular(SingularBatchCodec.decode(data, offset + 1, length - 1));
        case SpanBatch.TYPE -> new Span(RawSpanBatch.decode(data, offset + 1, length - 1));
        default -> throw new BatchFormatException("unknown batch type " + type, 0);
      };
    } catch (BatchFormatException e) {
      if (type > SpanBatch.TYPE || e.offset() < 0) {
        throw e;
      }
      // Offsets inside the content are one more in the batch, past the type byte.
      throw new BatchFormatException(e.reason(), e.offset() + 1);
    }
  }

  /** Decodes a whole batch. */
  static BatchData decode(Bytes data) {
    return decode(data.array(), 0, data.length());
  }

  private static Bytes typed(int type, byte[] content) {
    byte[] out = new byte[content.length + 1];
    out[0] = (byte) type;
    System.arraycopy(content, 0, out, 1, content.length);
    return Bytes.wrap(out);
  }
}
