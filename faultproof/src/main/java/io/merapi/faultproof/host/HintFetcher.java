package io.merapi.faultproof.host;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.source.L1Source;
import io.merapi.evm.precompile.Precompile;
import io.merapi.evm.precompile.PrecompileConfig;
import io.merapi.evm.precompile.PrecompileResult;
import io.merapi.evm.precompile.PrecompileSet;
import io.merapi.faultproof.hint.HintType;
import io.merapi.faultproof.kvstore.KvStore;
import io.merapi.faultproof.preimage.Hint;
import io.merapi.faultproof.preimage.MalformedHintException;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.rollup.OutputRoot;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches what one hint asks for and stores it as op-program's host does (its {@code prefetcher}),
 * so that a data directory written by either host serves either program:
 *
 * <ul>
 *   <li>{@code l1-block-header}, {@code l2-block-header}: the header RLP under the block hash; the
 *       L2 routes also store the transactions, as op-program does for both;
 *   <li>{@code l1-transactions}, {@code l2-transactions}: every hashed node of the transaction trie
 *       (items are the EIP-2718 encodings, keys rlp(index)) under its keccak-256;
 *   <li>{@code l1-receipts}: the same for the receipt trie;
 *   <li>{@code l1-blob}: the KZG commitment under the sha256 key of the versioned hash, and each of
 *       the 4096 field elements under the blob key of {@code commitment ++ ω_i} (the i-th root of
 *       unity in the bit-reversed order of EIP-4844), with those 80 bytes under their keccak key;
 *   <li>{@code l1-precompile(-v2)}: the hint data under its keccak key and {@code status ++ output}
 *       under the precompile key, for ecrecover, the BN254 pairing and the KZG point evaluation;
 *   <li>{@code l2-code}, {@code l2-state-node}: the value under its keccak key;
 *   <li>{@code l2-output}: the 128-byte output pre-image of the agreed L2 head, if its root is the
 *       one asked for;
 *   <li>{@code l2-account-proof}: the account proof's nodes ({@code eth_getProof}) under their
 *       keccak keys;
 *   <li>{@code l2-payload-witness}: every state node and code of the execution witness.
 * </ul>
 *
 * <p>The store checks every keccak and sha256 value against its key, and the list tries are checked
 * against the header's roots, so a wrong answer from an RPC is refused, not stored.
 */
public final class HintFetcher {
  /** op-program's accelerated precompiles: ecrecover, bn256Pairing, KZG point evaluation. */
  private static final Set<Address> ACCELERATED =
      Set.of(lowAddress(0x01), lowAddress(0x08), lowAddress(0x0a));

  private final Optional<L1Source> l1;
  private final Optional<L1Blobs> blobs;
  private final Optional<L2Data> l2;
  private final Optional<Hash> agreedL2Head;

  public HintFetcher(
      Optional<L1Source> l1,
      Optional<L1Blobs> blobs,
      Optional<L2Data> l2,
      Optional<Hash> agreedL2Head) {
    this.l1 = l1;
    this.blobs = blobs;
    this.l2 = l2;
    this.agreedL2Head = agreedL2Head;
  }

  /**
   * Stores the pre-images {@code hint} names.
   *
   * @throws MalformedHintException if the hint's data does not fit its route
   * @throws UnsupportedOperationException if the route needs a source this host was not given
   * @throws IOException if the store fails
   */
  public void fetch(HintType type, Hint hint, KvStore store) throws IOException {
    byte[] data = hint.data().array();
    switch (type) {
      case L1_BLOCK_HEADER -> {
        Hash hash = hash32(hint, data);
        Header header = l1("L1 headers").headerByHash(hash);
        store.put(PreimageKey.keccak256(hash), header.encoded());
      }
      case L1_TRANSACTIONS -> {
        Hash hash = hash32(hint, data);
        List<Transaction> txs = l1("L1 transactions").transactionsByHash(hash);
        storeList(store, txs.stream().map(Transaction::encoded).toList(), Optional.empty());
      }
      case L1_RECEIPTS -> {
        Hash hash = hash32(hint, data);
        List<Receipt> receipts = l1("L1 receipts").receiptsByHash(hash);
        storeList(store, receipts.stream().map(Receipt::encoded).toList(), Optional.empty());
      }
      case L1_BLOB -> fetchBlob(hint, data, store);
      case L1_PRECOMPILE -> fetchPrecompile(hint, data, 20, Long.MAX_VALUE, store);
      case L1_PRECOMPILE_V2 -> {
        if (data.length < 28) {
          throw new MalformedHintException("precompile hint shorter than 28 bytes: " + hint);
        }
        long requiredGas = ByteBuffer.wrap(data, 20, 8).getLong();
        fetchPrecompile(hint, data, 28, requiredGas, store);
      }
      case L2_BLOCK_HEADER, L2_TRANSACTIONS -> {
        Hash hash = hashAndChain(hint, data);
        Block block = l2("L2 blocks").block(hash);
        if (!block.hash().equals(hash)) {
          throw new IllegalStateException(
              "L2 node answered block " + block.hash() + " for " + hash);
        }
        store.put(PreimageKey.keccak256(hash), block.header().encoded());
        storeList(
            store,
            block.transactions().stream().map(Transaction::encoded).toList(),
            Optional.of(block.header().transactionsRoot()));
      }
      case L2_CODE -> {
        Hash hash = hashAndChain(hint, data);
        store.put(PreimageKey.keccak256(hash), l2("L2 code").code(hash));
      }
      case L2_STATE_NODE -> {
        Hash hash = hashAndChain(hint, data);
        store.put(PreimageKey.keccak256(hash), l2("L2 state nodes").stateNode(hash));
      }
      case L2_OUTPUT -> {
        Hash root = hashAndChain(hint, data);
        Hash head =
            agreedL2Head.orElseThrow(
                () -> new UnsupportedOperationException("l2-output needs --l2.head"));
        OutputRoot output = l2("L2 outputs").outputAt(head);
        if (!output.root().equals(root)) {
          throw new IllegalStateException(
              "output root " + output.root() + " of L2 head " + head + " is not " + root);
        }
        store.put(PreimageKey.keccak256(root), output.encoded());
      }
      case L2_ACCOUNT_PROOF -> {
        if (data.length != 28) {
          throw new MalformedHintException(
              "expected a block number and an address (28 bytes): " + hint);
        }
        long number = ByteBuffer.wrap(data, 0, 8).getLong();
        Address address = Address.copyOf(data, 8);
        for (Bytes node : l2("L2 account proofs").accountProof(number, address)) {
          store.put(PreimageKey.keccak256Of(node.array()), node.array());
        }
      }
      case L2_PAYLOAD_WITNESS -> {
        PayloadWitnessHint request = PayloadWitnessHint.parse(data);
        Optional<ExecutionWitness> witness =
            l2("L2 execution witnesses").payloadWitness(request.parent(), request.attributes());
        if (witness.isEmpty()) {
          throw new IllegalStateException(
              "the L2 node has no execution witness for a block on " + request.parent());
        }
        for (Bytes value : witness.get().state()) {
          store.put(PreimageKey.keccak256Of(value.array()), value.array());
        }
        for (Bytes value : witness.get().codes()) {
          store.put(PreimageKey.keccak256Of(value.array()), value.array());
        }
      }
    }
  }

  private void fetchBlob(Hint hint, byte[] data, KvStore store) throws IOException {
    // 40 bytes as the spec and op-program write it; kona puts the blob's index in between.
    if (data.length != 40 && data.length != 48) {
      throw new MalformedHintException("blob hint of " + data.length + " bytes: " + hint);
    }
    Hash versionedHash = Hash.copyOf(data, 0);
    long timestamp = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
    int index = data.length == 48 ? (int) ByteBuffer.wrap(data, 32, 8).getLong() : -1;
    L1Blobs source =
        blobs.orElseThrow(() -> new UnsupportedOperationException("l1-blob needs --l1.beacon"));
    byte[] blob = source.blob(timestamp, index, versionedHash).array();
    byte[] commitment = BlobFieldElements.commitment(blob);
    store.put(PreimageKey.sha256(versionedHash), commitment);
    for (int i = 0; i < BlobFieldElements.COUNT; i++) {
      byte[] keyPreimage =
          PreimageKey.blobKeyPreimage(commitment, BlobFieldElements.rootOfUnity(i));
      store.put(PreimageKey.keccak256Of(keyPreimage), keyPreimage);
      store.put(
          PreimageKey.blob(commitment, BlobFieldElements.rootOfUnity(i)),
          BlobFieldElements.element(blob, i));
    }
  }

  private static void fetchPrecompile(
      Hint hint, byte[] data, int inputOffset, long gas, KvStore store) throws IOException {
    if (data.length < inputOffset) {
      throw new MalformedHintException("precompile hint too short: " + hint);
    }
    Address address = Address.copyOf(data, 0);
    if (!ACCELERATED.contains(address)) {
      throw new MalformedHintException("precompile " + address + " is not accelerated");
    }
    Precompile precompile =
        PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN)).get(address).orElseThrow();
    byte[] input = java.util.Arrays.copyOfRange(data, inputOffset, data.length);
    byte[] result =
        switch (precompile.execute(input, gas)) {
          case PrecompileResult.Success success -> {
            byte[] out = new byte[1 + success.output().length];
            out[0] = 1;
            System.arraycopy(success.output(), 0, out, 1, success.output().length);
            yield out;
          }
          case PrecompileResult.Failure failure -> new byte[] {0};
        };
    store.put(PreimageKey.keccak256Of(data), data);
    store.put(PreimageKey.precompile(data), result);
  }

  /**
   * Stores the hashed nodes of the list trie over {@code items}, after checking its root against
   * the header's when one is given.
   */
  static void storeList(KvStore store, List<byte[]> items, Optional<Hash> expectedRoot)
      throws IOException {
    List<EncodedNode> nodes = new ArrayList<>();
    Hash root = OrderedListRoot.of(items, nodes::add);
    if (expectedRoot.isPresent() && !expectedRoot.get().equals(root)) {
      throw new IllegalStateException(
          "list root " + root + " does not match the header's " + expectedRoot.get());
    }
    for (EncodedNode node : nodes) {
      store.put(PreimageKey.keccak256(node.hash()), node.rlp().array());
    }
  }

  private L1Source l1(String what) {
    return l1.orElseThrow(() -> new UnsupportedOperationException(what + " need --l1"));
  }

  private L2Data l2(String what) {
    return l2.orElseThrow(() -> new UnsupportedOperationException(what + " need --l2"));
  }

  private static Hash hash32(Hint hint, byte[] data) {
    if (data.length != 32) {
      throw new MalformedHintException("expected a 32-byte hash: " + hint);
    }
    return Hash.wrap(data.clone());
  }

  /** A hash, optionally followed by a big-endian uint64 chain id (interop's form). */
  private static Hash hashAndChain(Hint hint, byte[] data) {
    if (data.length != 32 && data.length != 40) {
      throw new MalformedHintException("expected a hash and an optional chain id: " + hint);
    }
    return Hash.copyOf(data, 0);
  }

  private static Address lowAddress(int value) {
    byte[] bytes = new byte[20];
    bytes[19] = (byte) value;
    return Address.wrap(bytes);
  }
}
