package io.merapi.batcher.channel;

/**
 * An L2 block does not extend the last one added (op-batcher {@code ErrReorg}): the sequencer's
 * chain changed, and the batcher must start again from the safe head.
 */
public final class L2ReorgException extends Exception {
  public L2ReorgException(String message) {
    super(message);
  }
}
