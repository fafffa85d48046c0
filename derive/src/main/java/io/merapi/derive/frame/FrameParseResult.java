package io.merapi.derive.frame;

import java.util.List;

/**
 * What a batcher transaction's data holds: its frames, or the reason the whole data is invalid
 * (specs derivation.md "Batcher Transaction Format": if any frame fails to parse, all frames of the
 * transaction are rejected). Invalid data is expected on L1 (anyone can send to the batch inbox),
 * so it is a result, not an exception.
 */
public sealed interface FrameParseResult {

  /** Every frame of the data, in order; at least one. */
  record Valid(List<Frame> frames) implements FrameParseResult {
    public Valid {
      frames = List.copyOf(frames);
      if (frames.isEmpty()) {
        throw new IllegalArgumentException("valid batcher data has at least one frame");
      }
    }
  }

  /**
   * The data is rejected as a whole.
   *
   * @param reason what is wrong, naming the frame and field
   * @param offset the byte offset in the transaction data where parsing stopped
   */
  record Invalid(String reason, int offset) implements FrameParseResult {
    @Override
    public String toString() {
      return reason + " (at byte " + offset + ")";
    }
  }
}
