package io.merapi.execution.genesis;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.AccountChange;
import io.merapi.state.BaseFee;
import io.merapi.state.store.StateCommitter;
import io.merapi.state.store.StateUpdate;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The genesis block and state of a geth-format genesis, by geth's {@code Genesis.ToBlock} rules: a
 * gas limit of 4712388 and a difficulty of 0x20000 where the file gives none, the initial base fee
 * of 1 gwei when London is active at block 0, an empty withdrawals list from Shanghai, zero blob
 * gas fields and a zero parent beacon root from Cancun, the empty requests hash from Prague.
 * op-geth's {@code stateHash} stands in for the state root of a genesis whose alloc is not given;
 * such a genesis has no state to store.
 */
public record GenesisBlock(Block block, Hash hash, Optional<StateUpdate> state) {

  /** geth {@code params.GenesisGasLimit}. */
  public static final long GENESIS_GAS_LIMIT = 4_712_388;

  /** geth {@code params.GenesisDifficulty}. */
  public static final UInt256 GENESIS_DIFFICULTY = UInt256.valueOf(131_072);

  /** EIP-7685: sha256 of no requests. */
  public static final Hash EMPTY_REQUESTS_HASH =
      Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  public Header header() {
    return block.header();
  }

  /**
   * Builds the genesis of {@code genesis}.
   *
   * @throws IllegalArgumentException if it has both an alloc and a {@code stateHash}
   */
  public static GenesisBlock of(Genesis genesis) {
    Optional<StateUpdate> state;
    Hash root;
    if (genesis.stateHash().isPresent()) {
      if (!genesis.alloc().isEmpty()) {
        throw new IllegalArgumentException(
            "genesis has both a stateHash (" + genesis.stateHash().get() + ") and an alloc");
      }
      state = Optional.empty();
      root = genesis.stateHash().get();
    } else {
      StateUpdate update = state(genesis.alloc());
      state = Optional.of(update);
      root = update.stateRoot();
    }
    Header header = header(genesis, root);
    Fork fork = genesis.config().forkAt(genesis.number(), genesis.timestamp());
    BlockBody body =
        new BlockBody(
            List.of(),
            List.of(),
            fork.isAtLeast(Fork.SHANGHAI) ? Optional.of(List.of()) : Optional.empty());
    Block block = new Block(header, body);
    return new GenesisBlock(block, header.hash(), state);
  }

  /** The state of an alloc: every account listed (empty ones too, as geth keeps them). */
  public static StateUpdate state(Map<Address, GenesisAccount> alloc) {
    List<AccountChange> changes = new ArrayList<>(alloc.size());
    for (Map.Entry<Address, GenesisAccount> e : alloc.entrySet()) {
      GenesisAccount account = e.getValue();
      Map<UInt256, UInt256> storage = new HashMap<>();
      account
          .storage()
          .forEach(
              (k, v) -> {
                if (!v.isZero()) {
                  storage.put(UInt256.fromHash(k), UInt256.fromHash(v));
                }
              });
      byte[] code = account.code().array();
      Hash codeHash = code.length == 0 ? Account.EMPTY_CODE_HASH : Keccak256.digest(code);
      changes.add(
          new AccountChange(
              e.getKey(),
              true,
              account.nonce(),
              account.balance(),
              codeHash,
              code.length == 0 ? Optional.empty() : Optional.of(Bytes.wrap(code)),
              false,
              storage));
    }
    return StateCommitter.commit(MerklePatriciaTrie.EMPTY_ROOT, NodeSource.NONE, changes);
  }

  static Header header(Genesis g, Hash stateRoot) {
    ChainConfig config = g.config();
    Fork fork = config.forkAt(g.number(), g.timestamp());
    boolean londonAtZero = config.forkBlocks().getOrDefault(Fork.LONDON, -1L) == 0;
    UInt256 difficulty =
        g.difficulty().isEmpty() && g.mixHash().isZero()
            ? GENESIS_DIFFICULTY
            : g.difficulty().orElse(UInt256.ZERO);
    Header.Builder b =
        Header.builder()
            .number(g.number())
            .nonce(g.nonce())
            .timestamp(g.timestamp())
            .parentHash(g.parentHash())
            .extraData(g.extraData())
            .gasLimit(g.gasLimit() == 0 ? GENESIS_GAS_LIMIT : g.gasLimit())
            .gasUsed(g.gasUsed())
            .difficulty(difficulty)
            .mixHash(g.mixHash())
            .coinbase(g.coinbase())
            .stateRoot(stateRoot);
    if (londonAtZero) {
      b.baseFeePerGas(Optional.of(g.baseFeePerGas().orElse(BaseFee.INITIAL_BASE_FEE)));
    } else {
      b.baseFeePerGas(g.baseFeePerGas());
    }
    if (fork.isAtLeast(Fork.SHANGHAI)) {
      // OP Stack from Isthmus: the L2ToL1MessagePasser's storage root instead (op-geth ToBlock).
      b.withdrawalsRoot(
          Optional.of(io.merapi.state.op.OpGenesis.withdrawalsRoot(g).orElse(Header.EMPTY_ROOT)));
    }
    if (fork.isAtLeast(Fork.CANCUN)) {
      b.parentBeaconBlockRoot(Optional.of(Hash.ZERO));
      b.excessBlobGas(OptionalLong.of(g.excessBlobGas().orElse(0)));
      b.blobGasUsed(OptionalLong.of(g.blobGasUsed().orElse(0)));
    }
    if (fork.isAtLeast(Fork.PRAGUE)) {
      b.requestsHash(Optional.of(EMPTY_REQUESTS_HASH));
    }
    return b.build();
  }
}
