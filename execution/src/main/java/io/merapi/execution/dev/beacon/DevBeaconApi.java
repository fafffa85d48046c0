package io.merapi.execution.dev.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.dev.DevMiner;
import io.merapi.execution.dev.SlotClock;
import io.merapi.types.block.Header;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The beacon API of the dev chain, over its own blocks: what a rollup node asks a real beacon node
 * for (node version, genesis, spec, blob sidecars and blobs by block). There is no beacon chain
 * behind it: each execution block stands for the beacon block of the slot its timestamp falls in
 * ({@link SlotClock}), and the beacon fields op-node does not check are derived from the block hash
 * (state and body roots), left as the point at infinity (the signature) or as zero hashes (the
 * commitment inclusion proof, which would need a real beacon block body). The parent root is the
 * parent beacon block root the block carries (EIP-4788), and block roots are the ones the dev
 * producer writes into the next block ({@link DevMiner#beaconRoot}).
 *
 * <p>Blobs are served for blocks this node built (the engine keeps their sidecars); a block with
 * blob transactions whose sidecars are not kept is answered with 404, never with partial data.
 */
public final class DevBeaconApi {
  /** Deneb's {@code KZG_COMMITMENT_INCLUSION_PROOF_DEPTH}. */
  static final int INCLUSION_PROOF_DEPTH = 17;

  /** Deneb's {@code MAX_BLOBS_PER_BLOCK} (the dev chain runs Cancun rules). */
  static final int MAX_BLOBS_PER_BLOCK = 6;

  /** How far back a block root is looked for ({@code SLOTS_PER_HISTORICAL_ROOT}). */
  static final int ROOT_LOOKBACK = 8192;

  /** A compressed BLS signature of the point at infinity: well-formed, signs nothing. */
  static final Bytes NO_SIGNATURE = infinitySignature();

  private static final Bytes FORK_VERSION = Bytes.fromHex("0x00000000");

  private final Blockchain chain;
  private final SlotClock slots;
  private final String version;

  public DevBeaconApi(Blockchain chain, SlotClock slots, String version) {
    this.chain = chain;
    this.slots = slots;
    this.version = version;
  }

  public SlotClock slots() {
    return slots;
  }

  public JsonNode nodeVersion() {
    return BeaconJson.version("Merapi/v" + version + "/dev-beacon");
  }

  public JsonNode genesis() {
    return BeaconJson.genesis(
        slots.genesisTime(),
        derived("genesis validators root", chain.genesis().hash()),
        FORK_VERSION);
  }

  /** The constants a client reads, phase0 to Deneb at genesis, with the dev chain's slot time. */
  public JsonNode spec() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("CONFIG_NAME", "merapi-dev");
    values.put("PRESET_BASE", "mainnet");
    values.put("SECONDS_PER_SLOT", Long.toString(slots.secondsPerSlot()));
    values.put("SLOTS_PER_EPOCH", "32");
    values.put("SECONDS_PER_ETH1_BLOCK", Long.toString(slots.secondsPerSlot()));
    values.put("DEPOSIT_CHAIN_ID", Long.toString(chain.config().chainId()));
    values.put("DEPOSIT_NETWORK_ID", Long.toString(chain.config().chainId()));
    values.put("GENESIS_FORK_VERSION", FORK_VERSION.toHex());
    for (String fork : List.of("ALTAIR", "BELLATRIX", "CAPELLA", "DENEB")) {
      values.put(fork + "_FORK_EPOCH", "0");
    }
    values.put("FIELD_ELEMENTS_PER_BLOB", "4096");
    values.put("MAX_BLOBS_PER_BLOCK", Integer.toString(MAX_BLOBS_PER_BLOCK));
    values.put("MAX_BLOB_COMMITMENTS_PER_BLOCK", "4096");
    values.put("KZG_COMMITMENT_INCLUSION_PROOF_DEPTH", Integer.toString(INCLUSION_PROOF_DEPTH));
    values.put("MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS", "4096");
    return BeaconJson.spec(values);
  }

  /**
   * {@code /eth/v1/beacon/blob_sidecars/{block_id}?indices=...}: the block's sidecars, or those at
   * the given indices.
   */
  public JsonNode blobSidecars(String blockId, List<String> indices) {
    Set<Long> wanted = parseIndices(indices);
    ChainHead block = resolve(BlockId.parse(blockId));
    List<BeaconJson.Sidecar> sidecars = new ArrayList<>();
    for (BeaconJson.Sidecar sidecar : sidecarsOf(block)) {
      if (wanted.isEmpty() || wanted.contains(sidecar.index())) {
        sidecars.add(sidecar);
      }
    }
    return BeaconJson.sidecars(sidecars, isFinalized(block));
  }

  /**
   * {@code /eth/v1/beacon/blobs/{block_id}?versioned_hashes=...}: the block's blobs, or those with
   * the given versioned hashes, in block order.
   */
  public JsonNode blobs(String blockId, List<String> versionedHashes) {
    Set<Hash> wanted = parseHashes(versionedHashes);
    ChainHead block = resolve(BlockId.parse(blockId));
    List<Bytes> blobs = new ArrayList<>();
    for (BeaconJson.Sidecar sidecar : sidecarsOf(block)) {
      if (wanted.isEmpty() || wanted.contains(BlobSidecar.versionedHash(sidecar.kzgCommitment()))) {
        blobs.add(sidecar.blob());
      }
    }
    return BeaconJson.blobs(blobs, isFinalized(block));
  }

  // ---- blocks ----

  /** The canonical block a block id names. */
  ChainHead resolve(BlockId id) {
    return switch (id) {
      case BlockId.Head head -> chain.head();
      case BlockId.Genesis genesis -> chain.genesis();
      case BlockId.Finalized finalized -> chain.finalized().orElse(chain.genesis());
      case BlockId.Justified justified -> chain.safe().orElse(chain.genesis());
      case BlockId.Slot slot ->
          atSlot(slot.slot())
              .orElseThrow(
                  () -> BeaconApiException.notFound("beacon block at slot " + slot.slot()));
      case BlockId.Root root ->
          withRoot(root.root())
              .orElseThrow(
                  () -> BeaconApiException.notFound("beacon block with root " + root.root()));
    };
  }

  /**
   * The canonical block whose timestamp falls in {@code slot}: timestamps rise along the chain, so
   * a binary search over heights finds it; empty for a missed slot or one after the head.
   */
  Optional<ChainHead> atSlot(long slot) {
    ChainHead head = chain.head();
    if (slot > slots.slotOf(head.header().timestamp())) {
      return Optional.empty();
    }
    long low = 0;
    long high = head.number();
    while (low < high) { // the lowest height whose slot is at least `slot`
      long mid = (low + high) >>> 1;
      if (slotAt(mid) < slot) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    if (slotAt(low) != slot) {
      return Optional.empty();
    }
    if (low < head.number() && slotAt(low + 1) == slot) {
      // Only blocks made under another --dev.period share a slot; serving one would be a guess.
      throw BeaconApiException.notFound(
          "slot "
              + slot
              + " holds blocks "
              + low
              + " and "
              + (low + 1)
              + " (made with another --dev.period)");
    }
    Hash hash =
        chain
            .canonicalHash(low)
            .orElseThrow(() -> BeaconApiException.notFound("beacon block at slot " + slot));
    return chain.header(hash).map(header -> new ChainHead(hash, header));
  }

  private long slotAt(long number) {
    Header header =
        chain
            .header(number)
            // The chain moved under the search (a rewind): answer as for an unknown slot.
            .orElseThrow(() -> BeaconApiException.notFound("beacon block at height " + number));
    return slots.slotOf(header.timestamp());
  }

  /** A recent canonical block by the beacon block root the dev producer gave it. */
  private Optional<ChainHead> withRoot(Hash root) {
    ChainHead head = chain.head();
    long last = Math.max(0, head.number() - ROOT_LOOKBACK);
    for (long n = head.number(); n >= last; n--) {
      Optional<Hash> hash = chain.canonicalHash(n);
      if (hash.isPresent() && DevMiner.beaconRoot(hash.get()).equals(root)) {
        return chain.header(hash.get()).map(header -> new ChainHead(hash.get(), header));
      }
    }
    return Optional.empty();
  }

  private boolean isFinalized(ChainHead block) {
    return chain.finalized().map(f -> f.number() >= block.number()).orElse(block.number() == 0);
  }

  // ---- sidecars ----

  /** Every blob of the block as a beacon sidecar, indexed across the block's blob transactions. */
  List<BeaconJson.Sidecar> sidecarsOf(ChainHead block) {
    List<Transaction> txs =
        chain
            .body(block.hash())
            .orElseThrow(() -> BeaconApiException.notFound("block " + block.hash()))
            .transactions();
    List<Hash> expected = new ArrayList<>();
    for (Transaction tx : txs) {
      if (tx instanceof BlobTransaction blob) {
        expected.addAll(blob.blobVersionedHashes());
      }
    }
    if (expected.isEmpty()) {
      return List.of();
    }
    List<BlobSidecar> kept = chain.sidecars(block.hash());
    List<Hash> keptHashes = new ArrayList<>();
    kept.forEach(s -> keptHashes.addAll(s.versionedHashes()));
    if (!keptHashes.equals(expected)) {
      throw BeaconApiException.notFound(
          "the blobs of block "
              + block.number()
              + " "
              + block.hash()
              + " are not kept by this node (it did not build the block)");
    }
    BeaconJson.BlockHeader header = beaconHeader(block);
    List<Hash> proof = Collections.nCopies(INCLUSION_PROOF_DEPTH, Hash.ZERO);
    List<BeaconJson.Sidecar> out = new ArrayList<>();
    for (BlobSidecar sidecar : kept) {
      for (int i = 0; i < sidecar.blobs().size(); i++) {
        out.add(
            new BeaconJson.Sidecar(
                out.size(),
                sidecar.blobs().get(i),
                sidecar.commitments().get(i),
                sidecar.proofs().get(i),
                header,
                NO_SIGNATURE,
                proof));
      }
    }
    return out;
  }

  private BeaconJson.BlockHeader beaconHeader(ChainHead block) {
    Header header = block.header();
    return new BeaconJson.BlockHeader(
        slots.slotOf(header.timestamp()),
        0,
        header.parentBeaconBlockRoot().orElse(Hash.ZERO),
        derived("beacon state root", block.hash()),
        derived("beacon body root", block.hash()));
  }

  // ---- query parameters ----

  /** {@code indices}, repeated or comma-separated, each a decimal blob index. */
  private static Set<Long> parseIndices(List<String> values) {
    Set<Long> out = new java.util.TreeSet<>();
    for (String value : values) {
      for (String item : value.split(",", -1)) {
        long index;
        try {
          index = Long.parseLong(item.trim());
        } catch (NumberFormatException e) {
          throw BeaconApiException.badRequest("Invalid blob index: " + item);
        }
        if (index < 0 || index >= MAX_BLOBS_PER_BLOCK) {
          throw BeaconApiException.badRequest(
              "Invalid blob index: " + item + " (at most " + MAX_BLOBS_PER_BLOCK + " per block)");
        }
        out.add(index);
      }
    }
    return out;
  }

  /** {@code versioned_hashes}, repeated or comma-separated, each a 0x-prefixed 32-byte hash. */
  private static Set<Hash> parseHashes(List<String> values) {
    Set<Hash> out = new java.util.HashSet<>();
    for (String value : values) {
      for (String item : value.split(",", -1)) {
        String hex = item.trim();
        if (!hex.startsWith("0x") || hex.length() != 2 + 2 * Hash.LENGTH) {
          throw BeaconApiException.badRequest("Invalid versioned hash: " + item);
        }
        try {
          out.add(Hash.fromHex(hex));
        } catch (IllegalArgumentException e) {
          throw BeaconApiException.badRequest("Invalid versioned hash: " + item);
        }
      }
    }
    return out;
  }

  private static Hash derived(String what, Hash blockHash) {
    byte[] label = what.getBytes(StandardCharsets.US_ASCII);
    byte[] input = new byte[label.length + Hash.LENGTH];
    System.arraycopy(label, 0, input, 0, label.length);
    System.arraycopy(blockHash.array(), 0, input, label.length, Hash.LENGTH);
    return Keccak256.digest(input);
  }

  private static Bytes infinitySignature() {
    byte[] signature = new byte[96];
    signature[0] = (byte) 0xc0; // compressed, infinity
    return Bytes.wrap(signature);
  }
}
