package io.merapi.faultproof.host;

import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.hint.HintType;
import io.merapi.faultproof.kvstore.KvStore;
import io.merapi.faultproof.kvstore.VerifyingKvStore;
import io.merapi.faultproof.preimage.Hint;
import io.merapi.faultproof.preimage.HintReader;
import io.merapi.faultproof.preimage.KeyType;
import io.merapi.faultproof.preimage.MalformedHintException;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageSource;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's answer to both channels (op-program's {@code Prefetcher}): hints are remembered, and a
 * requested key that the store lacks is fetched by acting on the last hint, which the spec makes
 * the program's duty to have sent. Local keys come from the boot inputs. Offline (no fetcher) the
 * store is all there is.
 *
 * <p>{@code l2-payload-witness} is remembered apart from the other hints, as op-program does: it is
 * acted on first when a state node or code is missing (one witness call instead of a call per
 * node), and if it does not yield the key, the last node-by-node hint still does.
 *
 * <p>A malformed or unknown hint is logged and ignored; it never replaces the last good hint.
 */
public final class Prefetcher implements PreimageSource, HintReader.Router {
  private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);

  private final KvStore store;
  private final Optional<BootInfo> boot;
  private final Optional<HintFetcher> fetcher;
  private Optional<Routed> lastHint = Optional.empty();
  private Optional<Routed> lastBulkHint = Optional.empty();

  private record Routed(HintType type, Hint hint) {}

  /**
   * @param store where pre-images are kept; checked against their keys on the way in and out
   * @param boot the local keys' values, if this host serves them
   * @param fetcher how to act on hints; empty to serve only what {@code store} has
   */
  public Prefetcher(KvStore store, Optional<BootInfo> boot, Optional<HintFetcher> fetcher) {
    this.store = new VerifyingKvStore(store);
    this.boot = boot;
    this.fetcher = fetcher;
  }

  @Override
  public synchronized void route(String text) {
    Hint hint;
    try {
      hint = Hint.parse(text);
    } catch (MalformedHintException e) {
      LOG.warn("Ignored a malformed hint: {}", e.getMessage());
      return;
    }
    Optional<HintType> type = HintType.byWireName(hint.type());
    if (type.isEmpty()) {
      LOG.warn("Ignored a hint of unknown type: {}", hint);
      return;
    }
    LOG.trace("Hint {}", hint);
    Routed routed = new Routed(type.get(), hint);
    if (type.get() == HintType.L2_PAYLOAD_WITNESS) {
      lastBulkHint = Optional.of(routed);
    } else {
      lastHint = Optional.of(routed);
    }
  }

  @Override
  public synchronized byte[] preimage(PreimageKey key) {
    if (key.type().orElse(null) == KeyType.LOCAL) {
      return boot.flatMap(b -> b.value(key))
          .orElseThrow(() -> new PreimageNotFoundException("no boot input under local key " + key));
    }
    Optional<byte[]> stored = stored(key);
    if (stored.isPresent()) {
      return stored.get();
    }
    if (fetcher.isEmpty()) {
      throw new PreimageNotFoundException(
          "pre-image " + key + " is not in the data directory and the host is offline");
    }
    if (lastBulkHint.isPresent() && lastHint.map(Prefetcher::isStateHint).orElse(false)) {
      Routed bulk = lastBulkHint.get();
      lastBulkHint = Optional.empty();
      try {
        act(bulk);
      } catch (RuntimeException e) {
        LOG.warn("Hint {} failed, fetching node by node: {}", bulk.hint(), e.getMessage());
      }
      stored = stored(key);
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    Routed last =
        lastHint.orElseThrow(
            () -> new PreimageNotFoundException("pre-image " + key + " is missing and no hint"));
    act(last);
    return stored(key)
        .orElseThrow(
            () ->
                new PreimageNotFoundException(
                    "pre-image " + key + " is missing after acting on hint " + last.hint()));
  }

  private static boolean isStateHint(Routed routed) {
    return routed.type() == HintType.L2_STATE_NODE || routed.type() == HintType.L2_CODE;
  }

  private void act(Routed routed) {
    try {
      fetcher.orElseThrow().fetch(routed.type(), routed.hint(), store);
    } catch (IOException e) {
      throw new PreimageNotFoundException(
          "storing the pre-images of hint " + routed.hint() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PreimageNotFoundException(
          "hint " + routed.hint() + " failed: " + e.getMessage(), e);
    }
  }

  private Optional<byte[]> stored(PreimageKey key) {
    try {
      return store.get(key);
    } catch (IOException e) {
      throw new PreimageNotFoundException(
          "reading pre-image " + key + " failed: " + e.getMessage(), e);
    }
  }
}
