package io.merapi.derive.stage;

/**
 * Drops the current channel in every stage that holds part of it (op-node's {@code FlushChannel}).
 * The pipeline implements it by sending {@link Signal.FlushChannel} to the channel stages.
 */
@FunctionalInterface
public interface ChannelFlusher {
  void flushChannel();
}
