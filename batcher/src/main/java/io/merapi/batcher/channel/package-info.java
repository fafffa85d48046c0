/**
 * Channel building (op-batcher's {@code channelManager}, {@code channel} and {@code
 * ChannelBuilder}): pure code over derivation's encoder, with no I/O, threads or clock. The service
 * feeds it L2 blocks and the L1 head, takes {@link io.merapi.batcher.channel.TxData} out of it and
 * tells it which transactions failed or were confirmed.
 */
package io.merapi.batcher.channel;
