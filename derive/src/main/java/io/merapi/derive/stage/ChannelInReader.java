package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.BatchFormatException;
import io.merapi.derive.channel.BatchReadResult;
import io.merapi.derive.channel.BatchReader;
import io.merapi.types.config.OpFork;
import java.util.Objects;

/**
 * The fifth stage (specs derivation.md "Channel Reader (Batch Decoding)"): decompresses each
 * channel, with the per-fork {@code MAX_RLP_BYTES_PER_CHANNEL} and brotli from Fjord, and reads its
 * batches one at a time. Limits and forks are chosen by the inclusion block's time.
 *
 * <p>As in op-node: a channel that cannot be read is dropped; a batch that does not decode ends its
 * channel (the batches before it stand); a span batch from an L1 block before Delta, or one whose
 * transactions cannot be restored, is skipped alone and the channel read on.
 */
public final class ChannelInReader implements SignalReceiver {
  private final ProtocolParameters params;
  private final RawChannelProvider prev;
  private final OriginProvider origin;
  private BatchReader reader;

  public ChannelInReader(
      ProtocolParameters params, RawChannelProvider prev, OriginProvider origin) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  public StageResult<Batch> nextBatch() {
    long time = origin.origin().time();
    if (reader == null) {
      switch (prev.nextRawChannel()) {
        case StageResult.Ready<Bytes>(var channel) ->
            reader =
                BatchReader.open(
                    channel,
                    params.maxRlpBytesPerChannel(time),
                    params.isActive(OpFork.FJORD, time));
        case StageResult.NotEnoughData<Bytes> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<Bytes> e -> {
          return StageResult.eof();
        }
      }
    }
    return switch (reader.next()) {
      case BatchReadResult.End end -> {
        // Whatever ended the channel (its end, a bad batch, the RLP limit, an unreadable
        // channel), the next channel is read next.
        closeReader();
        yield StageResult.notEnoughData();
      }
      case BatchReadResult.Read read ->
          switch (read.batch()) {
            case BatchData.Singular singular -> StageResult.ready(singular.batch());
            case BatchData.Span span -> {
              // Span batches are not read from L1 blocks before Delta; the batch checks test Delta
              // again by the L1 origin.
              if (!params.isActive(OpFork.DELTA, time)) {
                yield StageResult.notEnoughData();
              }
              try {
                yield StageResult.ready(span.batch().toSpanBatch(params.config()));
              } catch (BatchFormatException e) {
                yield StageResult.notEnoughData();
              }
            }
          };
    };
  }

  /** Whether a channel is being read. */
  public boolean isReading() {
    return reader != null;
  }

  private void closeReader() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }

  @Override
  public void signal(Signal signal) {
    // A reset, the Holocene switch and a flush all end the channel being read.
    closeReader();
  }
}
