package io.merapi.derive.testing;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.batch.SpanBatchElement;
import io.merapi.types.config.RollupConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Block references, hashes and batches for tests. */
public final class Blocks {
  private Blocks() {}

  /** A hash that stands for {@code name}. */
  public static Hash hash(String name) {
    return Keccak256.digest(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * op-node's test {@code mockHash}: the time little-endian in the first 8 bytes, the layer (1 for
   * L1, 2 for L2) in the last.
   */
  public static Hash mockHash(long time, int layer) {
    byte[] h = new byte[32];
    for (int i = 0; i < 8; i++) {
      h[i] = (byte) (time >>> (8 * i));
    }
    h[31] = (byte) layer;
    return Hash.wrap(h);
  }

  /** An L1 chain numbered from 0 with the given times and op-node's mock hashes. */
  public static List<L1BlockRef> l1Chain(long... times) {
    List<L1BlockRef> out = new ArrayList<>();
    Hash parent = Hash.ZERO;
    for (int i = 0; i < times.length; i++) {
      Hash h = mockHash(times[i], 1);
      out.add(new L1BlockRef(h, i, parent, times[i]));
      parent = h;
    }
    return out;
  }

  /** The L1 block after {@code parent}, {@code seconds} later, named {@code name}. */
  public static L1BlockRef next(L1BlockRef parent, String name, long seconds) {
    return new L1BlockRef(hash(name), parent.number() + 1, parent.hash(), parent.time() + seconds);
  }

  public static L2BlockRef l2(
      Hash hash, long number, Hash parentHash, long time, L1BlockRef origin, long sequenceNumber) {
    return new L2BlockRef(hash, number, parentHash, time, origin.id(), sequenceNumber);
  }

  /** The L2 block after {@code parent}, {@code blockTime} later, in epoch {@code origin}. */
  public static L2BlockRef nextL2(
      L2BlockRef parent, String name, long blockTime, L1BlockRef origin) {
    long seq = parent.l1Origin().equals(origin.id()) ? parent.sequenceNumber() + 1 : 0;
    return new L2BlockRef(
        hash(name),
        parent.number() + 1,
        parent.hash(),
        parent.time() + blockTime,
        origin.id(),
        seq);
  }

  public static SingularBatch batch(
      Hash parentHash, long epochNum, Hash epochHash, long timestamp, Bytes... txs) {
    return new SingularBatch(parentHash, epochNum, epochHash, timestamp, List.of(txs));
  }

  /**
   * The span batch of consecutive singular batches (op-node's test {@code initializedSpanBatch}):
   * the parent check from the first, the L1 origin check from the last.
   */
  public static SpanBatch span(List<SingularBatch> batches) {
    List<SpanBatchElement> blocks = new ArrayList<>();
    for (SingularBatch b : batches) {
      blocks.add(new SpanBatchElement(b.timestamp(), b.epochNum(), b.transactions()));
    }
    SingularBatch first = batches.get(0);
    SingularBatch last = batches.get(batches.size() - 1);
    return new SpanBatch(check(first.parentHash()), check(last.epochHash()), blocks);
  }

  public static SpanBatch span(SingularBatch... batches) {
    return span(List.of(batches));
  }

  /** The first 20 bytes of a hash, as span batches check it. */
  public static Bytes check(Hash hash) {
    return Bytes.wrap(java.util.Arrays.copyOf(hash.toArray(), SpanBatch.CHECK_LENGTH));
  }

  public static RollupConfig.BlockId id(L1BlockRef block) {
    return block.id();
  }

  /** Bytes from ints, for short literals. */
  public static Bytes bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return Bytes.wrap(out);
  }

  /** A deposit transaction's bytes: only its type byte matters to derivation checks. */
  public static Bytes depositTx(long tag) {
    return Bytes.wrap(new byte[] {0x7e, (byte) tag, (byte) (tag >>> 8)});
  }

  /** A dynamic-fee transaction's bytes: only its type byte matters to derivation checks. */
  public static Bytes userTx(long tag) {
    return Bytes.wrap(new byte[] {0x02, (byte) tag, (byte) (tag >>> 8), (byte) (tag >>> 16)});
  }
}
