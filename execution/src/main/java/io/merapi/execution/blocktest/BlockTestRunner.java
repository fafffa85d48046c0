package io.merapi.execution.blocktest;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import io.merapi.state.tool.FixtureJson;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.block.Block;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs blockchain tests as geth's {@code evm blocktest} does: writes the genesis from the test's
 * header and pre-state (its hash and state root must match the test's), imports every block in
 * order making each valid one the head (a block with {@code expectException} must fail, to decode
 * or to import; any other must import), then compares the head with {@code lastblockhash} and its
 * state with {@code postState} (listed accounts' nonce, balance, code and storage) or {@code
 * postStateHash}. Each test runs on its own in-memory chain; thread-safe.
 */
public final class BlockTestRunner {
  private BlockTestRunner() {}

  /** Runs one test; failures are reported in the result, never thrown. */
  public static BlockTestResult run(BlockTest test) {
    String network = test.network();
    Optional<ChainConfig> config = TestNetworks.config(network);
    if (config.isEmpty()) {
      return failed(test, Optional.empty(), "unsupported network " + network);
    }
    Blockchain chain = null;
    try {
      JsonNode json = test.json();
      Genesis genesis = genesis(config.get(), json.get("genesisBlockHeader"), json.get("pre"));
      GenesisBlock genesisBlock = GenesisBlock.of(genesis);
      Hash wantGenesis = FixtureJson.hash(json.get("genesisBlockHeader").get("hash"));
      if (!genesisBlock.hash().equals(wantGenesis)) {
        return failed(
            test,
            Optional.empty(),
            "genesis block hash doesn't match test: computed="
                + genesisBlock.hash()
                + ", test="
                + wantGenesis);
      }
      chain = Blockchain.initialize(new InMemoryKeyValueStore(), genesis);
      JsonNode blocks = json.get("blocks");
      for (int i = 0; i < blocks.size(); i++) {
        Optional<String> failure = importBlock(chain, blocks.get(i), i);
        if (failure.isPresent()) {
          return failed(test, Optional.of(chain.head().header().stateRoot()), failure.get());
        }
      }
      Hash root = chain.head().header().stateRoot();
      Hash wantHead = FixtureJson.hash(json.get("lastblockhash"));
      if (!chain.head().hash().equals(wantHead)) {
        return failed(
            test,
            Optional.of(root),
            "last block hash validation mismatch: want: "
                + wantHead
                + ", have: "
                + chain.head().hash());
      }
      Optional<String> postFailure = checkPostState(chain, json);
      if (postFailure.isPresent()) {
        return failed(test, Optional.of(root), postFailure.get());
      }
      return new BlockTestResult(test.name(), true, Optional.of(root), network, Optional.empty());
    } catch (RuntimeException e) {
      Optional<Hash> root =
          chain == null ? Optional.empty() : Optional.of(chain.head().header().stateRoot());
      return failed(test, root, e.toString());
    }
  }

  /** Imports block {@code index}; the reason the test fails, or empty if it may go on. */
  private static Optional<String> importBlock(Blockchain chain, JsonNode b, int index) {
    boolean expectFailure = b.has("expectException") || !b.has("blockHeader");
    Block block;
    try {
      block = Block.decode(FixtureJson.bytes(b.get("rlp")));
    } catch (RlpException | IllegalArgumentException | ArithmeticException e) {
      return expectFailure
          ? Optional.empty()
          : Optional.of("block RLP decoding failed when expected to succeed: " + e.getMessage());
    }
    try {
      chain.importBlockAsHead(block);
    } catch (RuntimeException e) {
      return expectFailure
          ? Optional.empty()
          : Optional.of("block #" + block.number() + " insertion into chain failed: " + e);
    }
    if (expectFailure) {
      return Optional.of(
          "block (index "
              + index
              + ") insertion should have failed due to: "
              + b.path("expectException").asText("(no blockHeader)"));
    }
    Hash want = FixtureJson.hash(b.get("blockHeader").get("hash"));
    if (!block.hash().equals(want)) {
      return Optional.of(
          "deserialised block header hash mismatch: " + block.hash() + ", test " + want);
    }
    return Optional.empty();
  }

  private static Optional<String> checkPostState(Blockchain chain, JsonNode json) {
    if (json.has("postStateHash")) {
      Hash want = FixtureJson.hash(json.get("postStateHash"));
      Hash root = chain.head().header().stateRoot();
      return root.equals(want)
          ? Optional.empty()
          : Optional.of("post state root mismatch: got " + root + ", want " + want);
    }
    JsonNode post = json.get("postState");
    if (post == null) {
      return Optional.empty();
    }
    StateReader state = chain.headState();
    for (Map.Entry<String, JsonNode> e : post.properties()) {
      Address address = Address.fromHex(e.getKey().toLowerCase(Locale.ROOT));
      JsonNode want = e.getValue();
      Optional<Account> account = state.account(address);
      long nonce = account.map(Account::nonce).orElse(0L);
      UInt256 balance = account.map(Account::balance).orElse(UInt256.ZERO);
      byte[] code = account.map(a -> state.code(a.codeHash())).orElse(new byte[0]);
      long wantNonce = FixtureJson.field(want, "nonce").map(FixtureJson::uint64).orElse(0L);
      UInt256 wantBalance =
          FixtureJson.field(want, "balance").map(FixtureJson::uint).orElse(UInt256.ZERO);
      byte[] wantCode = FixtureJson.field(want, "code").map(FixtureJson::bytes).orElse(new byte[0]);
      if (nonce != wantNonce) {
        return Optional.of("account " + address + ": nonce " + nonce + ", want " + wantNonce);
      }
      if (!balance.equals(wantBalance)) {
        return Optional.of(
            "account "
                + address
                + ": balance "
                + balance.toDecimalString()
                + ", want "
                + wantBalance.toDecimalString());
      }
      if (!Arrays.equals(code, wantCode)) {
        return Optional.of(
            "account " + address + ": code " + Bytes.wrap(code) + ", want " + Bytes.wrap(wantCode));
      }
      Optional<JsonNode> storage = FixtureJson.field(want, "storage");
      if (storage.isPresent()) {
        for (Map.Entry<String, JsonNode> slot : storage.get().properties()) {
          UInt256 key = UInt256.parse(slot.getKey());
          UInt256 wantValue = FixtureJson.uint(slot.getValue());
          UInt256 value = state.storage(address, key);
          if (!value.equals(wantValue)) {
            return Optional.of(
                "account " + address + " slot " + key + ": " + value + ", want " + wantValue);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The test's genesis as a geth genesis: its header fields and its pre-state as the alloc. */
  static Genesis genesis(ChainConfig config, JsonNode header, JsonNode pre) {
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : pre.properties()) {
      JsonNode a = e.getValue();
      Map<Hash, Hash> storage = new LinkedHashMap<>();
      FixtureJson.field(a, "storage")
          .ifPresent(
              s -> {
                for (Map.Entry<String, JsonNode> slot : s.properties()) {
                  storage.put(
                      UInt256.parse(slot.getKey()).toHash(),
                      FixtureJson.uint(slot.getValue()).toHash());
                }
              });
      alloc.put(
          Address.fromHex(e.getKey().toLowerCase(Locale.ROOT)),
          new GenesisAccount(
              FixtureJson.field(a, "balance").map(FixtureJson::uint).orElse(UInt256.ZERO),
              FixtureJson.field(a, "nonce").map(FixtureJson::uint64).orElse(0L),
              Bytes.wrap(FixtureJson.field(a, "code").map(FixtureJson::bytes).orElse(new byte[0])),
              storage));
    }
    return new Genesis(
        config,
        FixtureJson.uint64(header.get("nonce")),
        FixtureJson.uint64(header.get("timestamp")),
        Bytes.wrap(FixtureJson.bytes(header.get("extraData"))),
        FixtureJson.uint64(header.get("gasLimit")),
        Optional.of(FixtureJson.uint(header.get("difficulty"))),
        FixtureJson.hash(header.get("mixHash")),
        FixtureJson.address(header.get("coinbase")),
        alloc,
        FixtureJson.uint64(header.get("number")),
        FixtureJson.uint64(header.get("gasUsed")),
        FixtureJson.hash(header.get("parentHash")),
        FixtureJson.field(header, "baseFeePerGas").map(FixtureJson::uint),
        optionalUint64(header, "excessBlobGas"),
        optionalUint64(header, "blobGasUsed"),
        Optional.empty());
  }

  private static OptionalLong optionalUint64(JsonNode node, String field) {
    return FixtureJson.field(node, field)
        .map(v -> OptionalLong.of(FixtureJson.uint64(v)))
        .orElse(OptionalLong.empty());
  }

  private static BlockTestResult failed(BlockTest test, Optional<Hash> root, String error) {
    return new BlockTestResult(test.name(), false, root, test.network(), Optional.of(error));
  }
}
