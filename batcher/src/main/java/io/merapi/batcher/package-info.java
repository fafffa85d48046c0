/**
 * The batch submitter (op-batcher, specs protocol/batcher.md): {@link
 * io.merapi.batcher.BatcherService} loads unsafe L2 blocks from the engine, tracks the rollup
 * node's safe head, and posts the frames the {@link io.merapi.batcher.channel.ChannelManager}
 * builds to the batch inbox through the shared transaction manager.
 */
package io.merapi.batcher;
