package io.merapi.state.op.stateless;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.ChainRules;
import io.merapi.state.store.CodeSource;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes the execution witness of a stored block (what {@code debug_executionWitness} serves): the
 * block is executed again on its parent's state through a {@link WitnessState} whose node and code
 * sources record every preimage they hand out, its changes are committed on the same tries (so the
 * siblings a deletion folds in are recorded too), and the resulting root must be the block's. The
 * witness therefore holds what {@link StatelessExecutor} reads to rebuild the block: every trie
 * node read or passed through, the code of every account read (a little more than the code run, see
 * {@code KeyRecorder}), the preimages of the account and storage keys read, and the headers from
 * the parent down to the oldest block BLOCKHASH asked for (geth's layout).
 *
 * <p>Pure: the database through {@link NodeSource}, {@link CodeSource} and a header lookup.
 */
public final class WitnessBuilder {
  private final ChainRules rules;
  private final NodeSource nodes;
  private final CodeSource codes;
  private final Function<Hash, Optional<Header>> headers;

  public WitnessBuilder(
      ChainRules rules,
      NodeSource nodes,
      CodeSource codes,
      Function<Hash, Optional<Header>> headers) {
    this.rules = rules;
    this.nodes = nodes;
    this.codes = codes;
    this.headers = headers;
  }

  /**
   * The witness of {@code block}, executed on {@code parent}'s state.
   *
   * @throws IllegalStateException if the database lacks a node, code or ancestor the block needs,
   *     or the re-execution does not give the block's state root
   */
  public ExecutionWitness build(Block block, Header parent) {
    Map<Hash, byte[]> stateNodes = new LinkedHashMap<>();
    Map<Hash, byte[]> codesRead = new LinkedHashMap<>();
    NodeSource recordingNodes =
        hash -> {
          Optional<byte[]> node = nodes.node(hash);
          node.ifPresent(n -> stateNodes.putIfAbsent(hash, n));
          return node;
        };
    CodeSource recordingCodes =
        hash -> {
          Optional<byte[]> code = codes.code(hash);
          code.ifPresent(c -> codesRead.putIfAbsent(hash, c));
          return code;
        };
    WitnessState state = new WitnessState(recordingNodes, recordingCodes, parent.stateRoot());
    KeyRecorder reader = new KeyRecorder(state);
    Ancestors ancestors = new Ancestors(parent);
    Hash root;
    try {
      BlockExecution execution = new BlockExecutor(rules).execute(block, reader, ancestors);
      root = state.commit(execution.changes());
    } catch (MissingPreimageException e) {
      throw new IllegalStateException(
          "state of block " + parent.hash() + " is incomplete: " + e.getMessage(), e);
    }
    if (!root.equals(block.header().stateRoot())) {
      throw new IllegalStateException(
          "re-executing block "
              + block.hash()
              + " gives state root "
              + root
              + ", the block has "
              + block.header().stateRoot());
    }
    return new ExecutionWitness(
        stateNodes.values().stream().map(Bytes::wrap).toList(),
        codesRead.values().stream().map(Bytes::wrap).toList(),
        reader.keys.stream().toList(),
        ancestors.walked.stream().map(h -> Bytes.wrap(h.encoded())).toList());
  }

  /** A state reader that notes the preimages of the trie keys it is asked for. */
  private static final class KeyRecorder implements StateReader {
    private final StateReader state;
    private final Set<Bytes> keys = new LinkedHashSet<>();

    KeyRecorder(StateReader state) {
      this.state = state;
    }

    @Override
    public Optional<Account> account(Address address) {
      keys.add(Bytes.wrap(address.toArray()));
      Optional<Account> account = state.account(address);
      // The EVM runs code from its shared analysis cache, which may skip the read of code it has
      // seen before; so the code of every account read goes in, so a fresh process has it.
      if (account.isPresent() && !account.get().codeHash().equals(Account.EMPTY_CODE_HASH)) {
        state.code(account.get().codeHash());
      }
      return account;
    }

    @Override
    public UInt256 storage(Address address, UInt256 key) {
      keys.add(Bytes.wrap(address.toArray()));
      keys.add(Bytes.wrap(key.toBytes()));
      return state.storage(address, key);
    }

    @Override
    public byte[] code(Hash codeHash) {
      return state.code(codeHash);
    }
  }

  /**
   * BLOCKHASH answers found by walking parent hashes down from the parent; the headers walked
   * (parent first) go into the witness.
   */
  private final class Ancestors implements BlockContext.BlockHashLookup {
    private final List<Header> walked = new ArrayList<>();

    Ancestors(Header parent) {
      walked.add(parent);
    }

    @Override
    public Hash hashOf(long number) {
      Header tail = walked.get(walked.size() - 1);
      while (Long.compareUnsigned(tail.number(), number) > 0) {
        Hash parentHash = tail.parentHash();
        tail =
            headers
                .apply(parentHash)
                .orElseThrow(
                    () -> new IllegalStateException("ancestor " + parentHash + " is not stored"));
        walked.add(tail);
      }
      for (int i = walked.size() - 1; i >= 0; i--) {
        if (walked.get(i).number() == number) {
          return walked.get(i).hash();
        }
      }
      throw new IllegalStateException("no ancestor at " + Long.toUnsignedString(number));
    }
  }
}
