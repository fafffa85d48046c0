/**
 * Frames and batcher transactions (specs derivation.md "Batcher Transaction Format", "Frame
 * Format"): {@link io.merapi.derive.frame.BatcherTransaction#parseFrames} turns a batcher
 * transaction's calldata, or a blob's decoded data, into its frames or the reason the whole data is
 * rejected; {@link io.merapi.derive.frame.BatcherTransaction#encode} writes frames.
 */
package io.merapi.derive.frame;
