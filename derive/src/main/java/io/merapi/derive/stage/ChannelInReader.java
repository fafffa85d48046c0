package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.types.config.OpFork;
import java.util.Objects;
import java.util.Optional;

/**
 * The fifth stage (specs derivation.md "Channel Reader (Batch Decoding)"): decompresses each
 * channel, with the per-fork {@code MAX_RLP_BYTES_PER_CHANNEL} and brotli from Fjord, and reads its
 * batches one at a time. Limits and forks are chosen by the inclusion block's time.
 */
public final class ChannelInReader implements SignalReceiver {
  private final ProtocolParameters params;
  private final RawChannelProvider prev;
  private final OriginProvider origin;
  private final ChannelDecoder decoder;
  private ChannelDecoder.BatchReader reader;

  public ChannelInReader(
      ProtocolParameters params,
      RawChannelProvider prev,
      OriginProvider origin,
      ChannelDecoder decoder) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  public StageResult<Batch> nextBatch() {
    long time = origin.origin().time();
    if (reader == null) {
      switch (prev.nextRawChannel()) {
        case StageResult.Ready<Bytes>(var channel) -> {
          Optional<ChannelDecoder.BatchReader> opened =
              decoder.open(
                  channel, params.maxRlpBytesPerChannel(time), params.isActive(OpFork.FJORD, time));
          if (opened.isEmpty()) {
            // An unreadable channel is dropped (op-node reports a temporary error and moves on).
            return StageResult.notEnoughData();
          }
          reader = opened.get();
        }
        case StageResult.NotEnoughData<Bytes> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<Bytes> e -> {
          return StageResult.eof();
        }
      }
    }
    Optional<Batch> batch = reader.next();
    if (batch.isEmpty()) {
      reader = null;
      return StageResult.notEnoughData();
    }
    if (batch.get() instanceof SpanBatch && !params.isActive(OpFork.DELTA, time)) {
      // Span batches are not read from L1 blocks before Delta; the rest of the channel is still
      // read (op-node drops just this batch). The batch queue checks Delta again by L1 origin.
      return StageResult.notEnoughData();
    }
    return StageResult.ready(batch.get());
  }

  /** Whether a channel is being read. */
  public boolean isReading() {
    return reader != null;
  }

  @Override
  public void signal(Signal signal) {
    switch (signal) {
      case Signal.Reset r -> reader = null;
      case Signal.FlushChannel f -> reader = null;
      case Signal.Activation a -> reader = null;
    }
  }
}
