/**
 * Channels (specs derivation.md "Channel Format", "Channel Bank", "Channel Reader"): {@link
 * io.merapi.derive.channel.Channel} collects one channel's frames under op-node's rules; {@link
 * io.merapi.derive.channel.BatchReader} reads the batches of a ready channel's data, one {@link
 * io.merapi.derive.channel.BatchReadResult} at a time, with the per-fork limits of {@link
 * io.merapi.derive.channel.ChannelLimits}. The encoder side (channel out, compressors) lives here
 * too.
 *
 * <p>Reading a channel in the pipeline, as op-node's channel reader does:
 *
 * <pre>{@code
 * BatchReader reader = BatchReader.open(channel.data(),
 *     ChannelLimits.maxRlpBytesPerChannel(config, origin.time()), config.isActive(FJORD, origin.time()));
 * switch (reader.next()) {
 *   case BatchReadResult.Read read -> switch (read.batch()) {
 *     case BatchData.Singular s -> ... s.batch()
 *     case BatchData.Span s -> ... s.batch().toSpanBatch(config)  // may throw BatchFormatException:
 *                                                                 // op-node skips that batch only
 *   }
 *   case BatchReadResult.End end -> ... next channel (end.detail() says why)
 * }
 * }</pre>
 */
package io.merapi.derive.channel;
