package io.merapi.node.beacon;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.BlobSource;
import io.merapi.node.client.Retrier;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.types.transaction.BlobSidecar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs for derivation from a beacon node (op-node's {@code L1BeaconClient}). The L1 block's slot
 * is {@code (time - genesis_time) / SECONDS_PER_SLOT}, read once from the node. Blobs come from
 * {@code eth/v1/beacon/blobs} where the node offers it, else from {@code blob_sidecars}; either way
 * each blob is checked before derivation sees it: a sidecar's commitment must have the versioned
 * hash the L1 transaction names and its KZG proof must verify; a bare blob's commitment is computed
 * and must have that versioned hash.
 *
 * <p>Every failure, a wrong blob included, is {@link DerivationException.Temporary}. The L1 block
 * commits to the versioned hashes, so a blob that does not match them is the beacon node's fault,
 * not the chain's: the right blob exists and the only correct move is to ask again (perhaps after
 * the operator points {@code --l1.beacon} elsewhere). Skipping the blob would derive a different L2
 * chain than every honest node, and stopping for good would turn a flaky server into an outage;
 * op-node retries for the same reason.
 */
public final class BeaconBlobSource implements BlobSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BeaconBlobSource.class);

  private enum BlobsEndpoint {
    UNKNOWN,
    OFFERED,
    NOT_OFFERED
  }

  private record SlotClock(long genesisTime, long secondsPerSlot) {}

  private final BeaconClient client;
  private final Retrier retrier;
  private volatile SlotClock clock;
  private volatile BlobsEndpoint blobsEndpoint = BlobsEndpoint.UNKNOWN;

  public BeaconBlobSource(BeaconClient client, RetryPolicy retry) {
    this(client, retry, Retrier.THREAD_SLEEP);
  }

  BeaconBlobSource(BeaconClient client, RetryPolicy retry, Retrier.Sleeper sleeper) {
    this.client = client;
    this.retrier = new Retrier(retry, sleeper, BeaconBlobSource::isTemporary);
  }

  private static boolean isTemporary(Throwable failure) {
    return failure instanceof BeaconApiException e && e.isTemporary();
  }

  @Override
  public List<Bytes> blobs(L1BlockRef ref, List<IndexedBlobHash> hashes) {
    if (hashes.isEmpty()) {
      return List.of();
    }
    long slot = slotOf(ref);
    boolean[] refused = {false};
    if (blobsEndpoint != BlobsEndpoint.NOT_OFFERED) {
      Optional<List<Bytes>> blobs = fromBlobsEndpoint(ref, slot, hashes, refused);
      if (blobs.isPresent()) {
        return blobs.get();
      }
    }
    List<Bytes> blobs = fromSidecars(ref, slot, hashes);
    // The blobs endpoint said 404 (or 405, 501) for a slot whose sidecars exist: it is not there.
    if (refused[0] && blobsEndpoint == BlobsEndpoint.UNKNOWN) {
      blobsEndpoint = BlobsEndpoint.NOT_OFFERED;
      LOG.info("The beacon node does not offer eth/v1/beacon/blobs; reading blob sidecars");
    }
    return blobs;
  }

  /** The blobs from {@code eth/v1/beacon/blobs}, or empty to try the sidecars instead. */
  private Optional<List<Bytes>> fromBlobsEndpoint(
      L1BlockRef ref, long slot, List<IndexedBlobHash> hashes, boolean[] refused) {
    List<Hash> wanted =
        new ArrayList<>(new LinkedHashSet<>(hashes.stream().map(IndexedBlobHash::hash).toList()));
    Optional<List<Bytes>> answer =
        request(
            "blobs of L1 block " + describe(ref) + " (slot " + slot + ")",
            () -> {
              try {
                return Optional.of(client.blobs(slot, wanted));
              } catch (BeaconApiException e) {
                if (e.isUnsupported()) {
                  refused[0] = true;
                  return Optional.empty();
                }
                throw e;
              }
            });
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    // The blobs come without indices or commitments: each one's commitment is computed, and its
    // versioned hash picks the blob. A match is the check (KZG commitments are binding).
    Map<Hash, Bytes> byHash = new HashMap<>();
    for (Bytes blob : answer.get()) {
      if (blob.length() != BlobSidecar.BYTES_PER_BLOB) {
        throw temporary(ref, "the beacon node sent a blob of " + blob.length() + " bytes");
      }
      try {
        byHash.put(BlobSidecar.versionedHash(BlobVerifier.commitment(blob)), blob);
      } catch (IllegalArgumentException e) {
        throw temporary(ref, "the beacon node sent an invalid blob: " + e.getMessage());
      }
    }
    List<Bytes> out = new ArrayList<>(hashes.size());
    for (IndexedBlobHash wantedBlob : hashes) {
      Bytes blob = byHash.get(wantedBlob.hash());
      if (blob == null) {
        // Nodes that keep only some columns (Fulu) may still serve the blob as a sidecar.
        LOG.debug(
            "Blob {} ({}) of L1 block {} missing from eth/v1/beacon/blobs; trying blob sidecars",
            wantedBlob.index(),
            wantedBlob.hash(),
            describe(ref));
        return Optional.empty();
      }
      out.add(blob);
    }
    blobsEndpoint = BlobsEndpoint.OFFERED;
    return Optional.of(out);
  }

  private List<Bytes> fromSidecars(L1BlockRef ref, long slot, List<IndexedBlobHash> hashes) {
    List<Integer> indices =
        new ArrayList<>(new LinkedHashSet<>(hashes.stream().map(IndexedBlobHash::index).toList()));
    List<BeaconBlobSidecar> sidecars =
        request(
            "blob sidecars of L1 block " + describe(ref) + " (slot " + slot + ")",
            () -> client.blobSidecars(slot, indices));
    Map<Integer, BeaconBlobSidecar> byIndex = new HashMap<>();
    for (BeaconBlobSidecar sidecar : sidecars) {
      byIndex.putIfAbsent(sidecar.index(), sidecar);
    }
    List<Bytes> out = new ArrayList<>(hashes.size());
    for (IndexedBlobHash wanted : hashes) {
      BeaconBlobSidecar sidecar = byIndex.get(wanted.index());
      if (sidecar == null) {
        throw temporary(
            ref,
            "the beacon node has no blob at index "
                + wanted.index()
                + " (versioned hash "
                + wanted.hash()
                + ") in slot "
                + slot);
      }
      if (sidecar.slot().isPresent() && sidecar.slot().getAsLong() != slot) {
        throw temporary(
            ref,
            "blob "
                + wanted.index()
                + " came with a block header of slot "
                + sidecar.slot().getAsLong()
                + ", expected "
                + slot);
      }
      Hash hash = BlobSidecar.versionedHash(sidecar.kzgCommitment());
      if (!hash.equals(wanted.hash())) {
        throw temporary(
            ref,
            "blob "
                + wanted.index()
                + " has a commitment with versioned hash "
                + hash
                + ", but the L1 transaction names "
                + wanted.hash());
      }
      if (!BlobVerifier.proofVerifies(
          sidecar.blob(), sidecar.kzgCommitment(), sidecar.kzgProof())) {
        throw temporary(
            ref,
            "blob "
                + wanted.index()
                + " (versioned hash "
                + wanted.hash()
                + ") fails its KZG proof");
      }
      out.add(sidecar.blob());
    }
    return out;
  }

  /** The beacon slot of {@code ref} (op-node {@code GetTimeToSlotFn}). */
  long slotOf(L1BlockRef ref) {
    SlotClock current = clock;
    if (current == null) {
      long genesisTime = request("beacon genesis", client::genesisTime);
      long secondsPerSlot = request("beacon config spec", client::secondsPerSlot);
      if (secondsPerSlot == 0) {
        throw new DerivationException.Temporary("the beacon node says SECONDS_PER_SLOT is 0");
      }
      current = new SlotClock(genesisTime, secondsPerSlot);
      clock = current;
    }
    if (Long.compareUnsigned(ref.time(), current.genesisTime()) < 0) {
      throw temporary(
          ref,
          "its time "
              + Long.toUnsignedString(ref.time())
              + " is before the beacon chain's genesis "
              + Long.toUnsignedString(current.genesisTime())
              + " (is --l1.beacon the L1's beacon node?)");
    }
    return Long.divideUnsigned(ref.time() - current.genesisTime(), current.secondsPerSlot());
  }

  private <T> T request(String what, Supplier<T> call) {
    return retrier.run(what, call);
  }

  private static DerivationException.Temporary temporary(L1BlockRef ref, String why) {
    String message = "blobs of L1 block " + describe(ref) + ": " + why;
    LOG.warn("{}", message);
    return new DerivationException.Temporary(message);
  }

  private static String describe(L1BlockRef ref) {
    return ref.number() + " " + ref.hash();
  }

  @Override
  public void close() {
    client.close();
  }
}
