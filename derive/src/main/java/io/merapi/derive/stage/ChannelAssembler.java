package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.channel.Channel;
import io.merapi.derive.frame.Frame;
import java.util.Objects;
import java.util.Optional;

/**
 * The fourth stage from Holocene (holocene/derivation.md "Channel Bank"), replacing the channel
 * bank: a single staging channel built from in-order frames. A first frame always starts a new
 * staging channel, dropping an unfinished one; a channel past the channel timeout, or whose
 * compressed size exceeds {@code MAX_RLP_BYTES_PER_CHANNEL}, is dropped. Frames are loaded until a
 * channel completes or the frame queue runs dry.
 */
public final class ChannelAssembler implements SignalReceiver {
  private final ProtocolParameters params;
  private final NextFrameProvider prev;
  private final OriginProvider origin;
  private Channel channel;

  public ChannelAssembler(
      ProtocolParameters params, NextFrameProvider prev, OriginProvider origin) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  public StageResult<Bytes> nextRawChannel() {
    L1BlockRef current = origin.origin();
    if (channel != null && timedOut(current)) {
      channel = null;
    }
    if (channel != null && channel.isReady()) {
      // A completed channel is handed out at once, so one can never wait here.
      throw new DerivationException.Critical("channel assembler holds a ready channel");
    }
    while (true) {
      Frame frame;
      switch (prev.nextFrame()) {
        case StageResult.Ready<Frame>(var f) -> frame = f;
        case StageResult.NotEnoughData<Frame> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<Frame> e -> {
          return StageResult.eof();
        }
      }
      if (frame.frameNumber() == 0) {
        channel = new Channel(frame.channelId(), current, true);
      } else if (channel == null) {
        continue; // a non-first frame without a staging channel
      }
      // The frame queue orders the frames of each batcher transaction; across transactions the
      // channel checks the order itself.
      if (channel.addFrame(frame, current).isPresent()) {
        continue;
      }
      if (Long.compareUnsigned(channel.size(), params.maxRlpBytesPerChannel(current.time())) > 0) {
        channel = null;
        continue;
      }
      if (frame.isLast()) {
        break;
      }
    }
    if (!channel.isReady()) {
      throw new DerivationException.Critical(
          "channel assembler closed a channel that is not ready");
    }
    Bytes data = channel.data();
    channel = null;
    return StageResult.ready(data);
  }

  /** The staging channel, if one is being built. */
  Optional<Channel> stagingChannel() {
    return Optional.ofNullable(channel);
  }

  private boolean timedOut(L1BlockRef current) {
    long deadline = channel.openBlock().number() + params.channelTimeout(current.time());
    return Long.compareUnsigned(deadline, current.number()) < 0;
  }

  @Override
  public void signal(Signal signal) {
    switch (signal) {
      case Signal.Reset r -> channel = null;
      case Signal.FlushChannel f -> channel = null;
      case Signal.Activation a -> {}
    }
  }
}
