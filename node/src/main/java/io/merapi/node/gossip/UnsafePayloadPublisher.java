package io.merapi.node.gossip;

import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the sequencer's new blocks to other rollup nodes through their {@code
 * admin_postUnsafePayload} — what op-node's P2P gossip does, until this project has gossip. Blocks
 * go out in order from one thread, so the driver never waits on a peer; when a peer is down its
 * blocks are dropped (it derives them from L1 later) with one log line per peer and cause.
 */
public final class UnsafePayloadPublisher
    implements Consumer<ExecutionPayloadEnvelope>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnsafePayloadPublisher.class);

  /** Blocks waiting to go out; beyond this the oldest are dropped (peers derive them later). */
  private static final int QUEUE = 256;

  private record Peer(URI uri, RpcClient rpc, String[] lastError) {}

  private final List<Peer> peers = new ArrayList<>();
  private final BlockingQueue<ExecutionPayloadEnvelope> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread thread;
  private volatile boolean running = true;

  public UnsafePayloadPublisher(List<URI> targets) {
    for (URI uri : targets) {
      peers.add(
          new Peer(
              uri,
              HttpRpcClient.create(
                  uri, RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(5))),
              new String[1]));
    }
    thread = Thread.ofPlatform().name("unsafe-payload-publisher").daemon(true).start(this::run);
  }

  /** Queues a block the sequencer sealed. */
  @Override
  public void accept(ExecutionPayloadEnvelope envelope) {
    while (!queue.offer(envelope)) {
      queue.poll();
    }
  }

  private void run() {
    while (running) {
      ExecutionPayloadEnvelope next;
      try {
        next = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next != null) {
        for (Peer peer : peers) {
          publish(peer, next);
        }
      }
    }
  }

  private static void publish(Peer peer, ExecutionPayloadEnvelope envelope) {
    try {
      peer.rpc().call("admin_postUnsafePayload", envelope.toJson());
      if (peer.lastError()[0] != null) {
        LOG.info("Publishing unsafe blocks to {} works again", peer.uri());
        peer.lastError()[0] = null;
      }
    } catch (RuntimeException e) {
      String why = String.valueOf(e.getMessage());
      if (!why.equals(peer.lastError()[0])) {
        LOG.warn(
            "Cannot publish unsafe block {} to {}: {}",
            envelope.payload().blockNumber(),
            peer.uri(),
            why);
        peer.lastError()[0] = why;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    peers.forEach(p -> p.rpc().close());
  }
}
