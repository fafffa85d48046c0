/**
 * How unsafe blocks travel from the sequencer to other nodes before P2P gossip exists: the
 * sequencer posts each new block to its peers' {@code admin_postUnsafePayload}.
 */
package io.merapi.node.gossip;
