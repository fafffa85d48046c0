package io.merapi.faultproof.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.hint.HintType;
import io.merapi.faultproof.kvstore.MemoryKvStore;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.types.block.Block;
import io.merapi.types.rollup.OutputRoot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
  private static final byte[] NODE = Hex.decode("0xe2a0" + "11".repeat(32));
  private static final Hash NODE_HASH = Keccak256.digest(NODE);
  private static final byte[] CODE = Hex.decode("0x6001600055");
  private static final Hash CODE_HASH = Keccak256.digest(CODE);
  private static final Hash HEAD = Hash.fromHex("0x" + "44".repeat(32));
  private static final OutputRoot OUTPUT =
      new OutputRoot(
          Hash.fromHex("0x" + "aa".repeat(32)), Hash.fromHex("0x" + "bb".repeat(32)), HEAD);

  /** An L2 node with one trie node, one code, the agreed head's output and a witness. */
  private static final class FakeL2 implements L2Data {
    final List<String> calls = new ArrayList<>();
    final Map<Hash, byte[]> db = new HashMap<>(Map.of(NODE_HASH, NODE, CODE_HASH, CODE));
    boolean witnessAvailable = true;

    @Override
    public Block block(Hash hash) {
      throw new UnsupportedOperationException("no blocks");
    }

    @Override
    public byte[] stateNode(Hash hash) {
      calls.add("node " + hash);
      return Optional.ofNullable(db.get(hash))
          .orElseThrow(() -> new IllegalStateException("missing"));
    }

    @Override
    public byte[] code(Hash codeHash) {
      calls.add("code " + codeHash);
      return db.get(codeHash);
    }

    @Override
    public OutputRoot outputAt(Hash blockHash) {
      calls.add("output " + blockHash);
      return OUTPUT;
    }

    @Override
    public Optional<ExecutionWitness> payloadWitness(Hash parent, JsonNode attributes) {
      calls.add("witness " + parent);
      return witnessAvailable
          ? Optional.of(
              new ExecutionWitness(
                  List.of(Bytes.wrap(NODE)), List.of(Bytes.wrap(CODE)), List.of(), List.of()))
          : Optional.empty();
    }
  }

  private static Prefetcher online(MemoryKvStore store, FakeL2 l2) {
    return new Prefetcher(
        store,
        Optional.of(BootInfo.known(HEAD, OUTPUT.root(), Hash.ZERO, 5, 901)),
        Optional.of(
            new HintFetcher(
                Optional.empty(), Optional.empty(), Optional.of(l2), Optional.of(HEAD))));
  }

  @Test
  void servesLocalKeysFromTheBootInputs() {
    Prefetcher prefetcher = online(new MemoryKvStore(), new FakeL2());
    assertThat(prefetcher.preimage(PreimageKey.local(2))).isEqualTo(OUTPUT.root().toArray());
    assertThatThrownBy(() -> prefetcher.preimage(PreimageKey.local(6)))
        .isInstanceOf(PreimageNotFoundException.class)
        .hasMessageContaining("no boot input");
  }

  @Test
  void fetchesAMissingKeyByTheLastHintAndThenServesItFromTheStore() {
    MemoryKvStore store = new MemoryKvStore();
    FakeL2 l2 = new FakeL2();
    Prefetcher prefetcher = online(store, l2);
    prefetcher.route(HintType.L2_STATE_NODE.with(NODE_HASH).wire());
    assertThat(prefetcher.preimage(PreimageKey.keccak256(NODE_HASH))).isEqualTo(NODE);
    assertThat(prefetcher.preimage(PreimageKey.keccak256(NODE_HASH))).isEqualTo(NODE);
    assertThat(l2.calls).containsExactly("node " + NODE_HASH);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void outputHintStoresTheAgreedOutputsPreimageOnlyIfTheRootMatches() {
    FakeL2 l2 = new FakeL2();
    Prefetcher prefetcher = online(new MemoryKvStore(), l2);
    prefetcher.route(HintType.L2_OUTPUT.with(OUTPUT.root()).wire());
    byte[] preimage = prefetcher.preimage(PreimageKey.keccak256(OUTPUT.root()));
    assertThat(preimage).hasSize(128);
    assertThat(Hash.copyOf(preimage, 32)).isEqualTo(OUTPUT.stateRoot());

    Hash other = Hash.fromHex("0x" + "99".repeat(32));
    prefetcher.route(HintType.L2_OUTPUT.with(other).wire());
    assertThatThrownBy(() -> prefetcher.preimage(PreimageKey.keccak256(other)))
        .isInstanceOf(PreimageNotFoundException.class)
        .hasMessageContaining("is not " + other);
  }

  @Test
  void payloadWitnessIsTriedFirstForStateAndFallsBackToNodeByNode() {
    FakeL2 l2 = new FakeL2();
    Prefetcher prefetcher = online(new MemoryKvStore(), l2);
    String attributes =
        "{\"parentBlockHash\":\""
            + HEAD.toHex()
            + "\",\"payloadAttributes\":{\"timestamp\":\"0x10\"}}";
    prefetcher.route(
        HintType.L2_PAYLOAD_WITNESS
            .with(Bytes.wrap(attributes.getBytes(StandardCharsets.UTF_8)))
            .wire());
    prefetcher.route(HintType.L2_CODE.with(CODE_HASH).wire());
    assertThat(prefetcher.preimage(PreimageKey.keccak256(CODE_HASH))).isEqualTo(CODE);
    // The witness brought the node too: no node-by-node call.
    assertThat(prefetcher.preimage(PreimageKey.keccak256(NODE_HASH))).isEqualTo(NODE);
    assertThat(l2.calls).containsExactly("witness " + HEAD);

    FakeL2 noWitness = new FakeL2();
    noWitness.witnessAvailable = false;
    Prefetcher fallback = online(new MemoryKvStore(), noWitness);
    fallback.route(
        HintType.L2_PAYLOAD_WITNESS
            .with(Bytes.wrap(attributes.getBytes(StandardCharsets.UTF_8)))
            .wire());
    fallback.route(HintType.L2_STATE_NODE.with(NODE_HASH).wire());
    assertThat(fallback.preimage(PreimageKey.keccak256(NODE_HASH))).isEqualTo(NODE);
    assertThat(noWitness.calls).containsExactly("witness " + HEAD, "node " + NODE_HASH);
  }

  @Test
  void malformedAndUnknownHintsAreIgnoredAndKeepTheLastGoodOne() {
    FakeL2 l2 = new FakeL2();
    Prefetcher prefetcher = online(new MemoryKvStore(), l2);
    prefetcher.route(HintType.L2_STATE_NODE.with(NODE_HASH).wire());
    for (String bad :
        List.of("", "garbage", "l2-state-node 0xzz", "l9-thing 0x00", "\u0000\u0001")) {
      prefetcher.route(bad);
    }
    assertThat(prefetcher.preimage(PreimageKey.keccak256(NODE_HASH))).isEqualTo(NODE);

    // A well-formed hint whose data does not fit its route fails the request, with the reason.
    Prefetcher other = online(new MemoryKvStore(), new FakeL2());
    other.route("l2-state-node 0x0102");
    assertThatThrownBy(() -> other.preimage(PreimageKey.keccak256(NODE_HASH)))
        .isInstanceOf(PreimageNotFoundException.class)
        .hasMessageContaining("expected a hash");
  }

  @Test
  void aWrongAnswerFromTheNodeIsRefusedNotStored() {
    FakeL2 lying = new FakeL2();
    lying.db.put(NODE_HASH, Hex.decode("0x01"));
    MemoryKvStore store = new MemoryKvStore();
    Prefetcher prefetcher = online(store, lying);
    prefetcher.route(HintType.L2_STATE_NODE.with(NODE_HASH).wire());
    assertThatThrownBy(() -> prefetcher.preimage(PreimageKey.keccak256(NODE_HASH)))
        .isInstanceOf(PreimageNotFoundException.class)
        .hasMessageContaining("not the KECCAK256 pre-image");
    assertThat(store.size()).isZero();
  }

  @Test
  void offlineServesOnlyTheStore() {
    MemoryKvStore store = new MemoryKvStore();
    store.put(PreimageKey.keccak256(CODE_HASH), CODE);
    Prefetcher offline = new Prefetcher(store, Optional.empty(), Optional.empty());
    offline.route(HintType.L2_STATE_NODE.with(NODE_HASH).wire());
    assertThat(offline.preimage(PreimageKey.keccak256(CODE_HASH))).isEqualTo(CODE);
    assertThatThrownBy(() -> offline.preimage(PreimageKey.keccak256(NODE_HASH)))
        .isInstanceOf(PreimageNotFoundException.class)
        .hasMessageContaining("offline");
  }

  @Test
  void precompileHintStoresTheInputAndStatusPrefixedResult() {
    MemoryKvStore store = new MemoryKvStore();
    Prefetcher prefetcher =
        new Prefetcher(
            store,
            Optional.empty(),
            Optional.of(
                new HintFetcher(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
    // ecrecover of an all-zero input: the call succeeds with empty output.
    byte[] data = new byte[20 + 8 + 128];
    data[19] = 1;
    data[27] = (byte) 0xff; // requiredGas 255 is not enough for 3000: the precompile fails
    data[26] = (byte) 0x0b; // requiredGas 0x0bff = 3071
    prefetcher.route(HintType.L1_PRECOMPILE_V2.with(Bytes.wrap(data)).wire());
    assertThat(prefetcher.preimage(PreimageKey.precompile(data))).isEqualTo(new byte[] {1});
    assertThat(prefetcher.preimage(PreimageKey.keccak256Of(data))).isEqualTo(data);

    byte[] notAccelerated = new byte[28];
    notAccelerated[19] = 2; // sha256 is cheap: op-program does not accelerate it
    prefetcher.route(HintType.L1_PRECOMPILE_V2.with(Bytes.wrap(notAccelerated)).wire());
    assertThatThrownBy(() -> prefetcher.preimage(PreimageKey.precompile(notAccelerated)))
        .hasMessageContaining("not accelerated");
  }
}
