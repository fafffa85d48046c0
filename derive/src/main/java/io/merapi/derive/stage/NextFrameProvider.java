package io.merapi.derive.stage;

import io.merapi.derive.frame.Frame;

/** The stage before the channel bank and the channel assembler: the frame queue. */
@FunctionalInterface
public interface NextFrameProvider {
  StageResult<Frame> nextFrame();
}
