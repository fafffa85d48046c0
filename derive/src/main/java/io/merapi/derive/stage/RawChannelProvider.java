package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;

/**
 * The stage before the channel reader: the channel bank before Holocene, the channel assembler from
 * Holocene. A ready item is one complete channel's compressed bytes.
 */
@FunctionalInterface
public interface RawChannelProvider {
  StageResult<Bytes> nextRawChannel();
}
