package io.merapi.bench;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.op.Eip1559Params;
import io.merapi.state.op.L1BlockInfo;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.OpChainRules;
import io.merapi.state.op.Predeploys;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.TrieCommit;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Stateless execution of one Holocene L2 block holding 500 ERC-20 transfers (issue 7's benchmark):
 * each of 500 funded senders moves tokens to a fresh recipient through a token contract that keeps
 * balances in a keccak-addressed mapping and logs {@code Transfer}, about 51k gas each, ~26M gas in
 * all. Timed per invocation: decoding the 500 signed transactions and recovering their senders,
 * executing them with OP fees on state read from the witness (tries walked on the witness nodes),
 * and committing the new state root.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar StatelessBlockBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@org.openjdk.jmh.annotations.Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class StatelessBlockBenchmark {
  static final int TRANSFERS = 500;
  static final long CHAIN_ID = 10;
  static final long TIME = 1_000;
  static final Address TOKEN = Address.fromHex("0x00000000000000000000000000000000000070c0");
  static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);
  static final Hash TRANSFER_TOPIC =
      Keccak256.digest(
          "Transfer(address,address,uint256)".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private StatelessExecutor executor;
  private Header parent;
  private PayloadAttributes attributes;
  private ExecutionWitness witness;
  private Hash expected;

  @Setup(Level.Trial)
  public void setUp() {
    OpChainRules rules = new OpChainRules(chainConfig());
    executor = new StatelessExecutor(rules);
    List<Secp256k1.PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < TRANSFERS; i++) {
      byte[] k = new byte[32];
      k[0] = 0x11;
      k[30] = (byte) (i >>> 8);
      k[31] = (byte) (i + 1);
      keys.add(Secp256k1.PrivateKey.fromBytes(k));
    }
    // The state: funded senders, the token with their balances, the L1Block fee parameters.
    MerklePatriciaTrie accounts = new MerklePatriciaTrie();
    List<Bytes> nodes = new ArrayList<>();
    MerklePatriciaTrie tokenStorage = new MerklePatriciaTrie();
    for (Secp256k1.PrivateKey key : keys) {
      put(
          accounts,
          key.address(),
          new Account(0, ETHER, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH));
      tokenStorage.put(
          Keccak256.hash(balanceSlot(key.address()).toBytes()),
          new RlpWriter(40).writeUInt256(UInt256.valueOf(1_000_000)).toByteArray());
    }
    byte[] tokenCode = tokenCode();
    TrieCommit tokenCommit = tokenStorage.commit();
    tokenCommit.nodes().stream().map(EncodedNode::rlp).forEach(nodes::add);
    put(
        accounts,
        TOKEN,
        new Account(1, UInt256.ZERO, tokenCommit.root(), Keccak256.digest(tokenCode)));
    MerklePatriciaTrie l1Block = new MerklePatriciaTrie();
    slot(l1Block, UInt256.valueOf(1), UInt256.valueOf(20_000_000_000L));
    slot(l1Block, UInt256.valueOf(3), UInt256.fromHash(L1BlockInfo.packScalars(1, 1368, 810949)));
    slot(l1Block, UInt256.valueOf(7), UInt256.valueOf(3));
    TrieCommit l1Commit = l1Block.commit();
    l1Commit.nodes().stream().map(EncodedNode::rlp).forEach(nodes::add);
    put(
        accounts,
        Predeploys.L1_BLOCK,
        new Account(1, UInt256.ZERO, l1Commit.root(), Keccak256.digest(new byte[] {0})));
    TrieCommit stateCommit = accounts.commit();
    stateCommit.nodes().stream().map(EncodedNode::rlp).forEach(nodes::add);
    witness =
        new ExecutionWitness(
            nodes,
            List.of(Bytes.wrap(tokenCode), Bytes.wrap(new byte[] {0})),
            List.of(),
            List.of());
    parent = parent(stateCommit.root());

    List<Bytes> txs = new ArrayList<>();
    for (int i = 0; i < TRANSFERS; i++) {
      byte[] to = new byte[20];
      to[0] = (byte) 0xee;
      to[18] = (byte) (i >>> 8);
      to[19] = (byte) i;
      byte[] data = new byte[68];
      data[0] = (byte) 0xa9;
      data[1] = 0x05;
      data[2] = (byte) 0x9c;
      data[3] = (byte) 0xbb;
      System.arraycopy(to, 0, data, 16, 20);
      data[67] = 100;
      txs.add(
          Bytes.wrap(
              new DynamicFeeTransaction(
                      CHAIN_ID,
                      0,
                      UInt256.valueOf(1_000),
                      UInt256.valueOf(10_000_000_000L),
                      60_000,
                      Optional.of(TOKEN),
                      UInt256.ZERO,
                      Bytes.wrap(data),
                      AccessList.EMPTY,
                      UInt256.ZERO,
                      UInt256.ZERO,
                      UInt256.ZERO)
                  .sign(keys.get(i))
                  .encoded()));
    }
    attributes =
        new PayloadAttributes(
            TIME + 2,
            Hash.fromHex("0x" + "33".repeat(32)),
            Predeploys.SEQUENCER_FEE_VAULT,
            Optional.of(List.of()),
            Optional.of(Hash.ZERO),
            txs,
            true,
            OptionalLong.of(30_000_000),
            Optional.of(Bytes.fromHex("0x0000000000000000")),
            Optional.empty());
    OpBlockBuilder.Built built = executor.execute(parent, attributes, witness);
    if (built.transactions().size() != TRANSFERS
        || built.receipts().stream().anyMatch(r -> !r.status().orElse(false))
        || built.header().gasUsed() < 20_000_000) {
      throw new IllegalStateException("the workload did not run as designed: " + built.header());
    }
    expected = built.header().hash();
  }

  @Benchmark
  public Hash statelessBlock() {
    Hash hash = executor.execute(parent, attributes, witness).header().hash();
    if (!hash.equals(expected)) {
      throw new IllegalStateException("non-deterministic block hash");
    }
    return hash;
  }

  static UInt256 balanceSlot(Address owner) {
    byte[] preimage = new byte[64];
    System.arraycopy(owner.array(), 0, preimage, 12, 20);
    return UInt256.fromHash(Keccak256.digest(preimage));
  }

  private static void put(MerklePatriciaTrie trie, Address address, Account account) {
    trie.put(Keccak256.hash(address.array()), account.toRlp());
  }

  private static void slot(MerklePatriciaTrie trie, UInt256 key, UInt256 value) {
    trie.put(Keccak256.hash(key.toBytes()), new RlpWriter(40).writeUInt256(value).toByteArray());
  }

  /**
   * transfer(address to, uint256 amount): balances in mapping slot 0 (keccak(owner . 0)), revert if
   * short, Transfer(from, to, amount) logged, returns true.
   */
  static byte[] tokenCode() {
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    int[] head = {
      0x33, 0x60, 0x00, 0x52, // CALLER PUSH1 0 MSTORE
      0x60, 0x00, 0x60, 0x20, 0x52, // PUSH1 0 PUSH1 32 MSTORE
      0x60, 0x40, 0x60, 0x00, 0x20, // PUSH1 64 PUSH1 0 KECCAK256 -> fromSlot
      0x80, 0x54, // DUP1 SLOAD -> fromSlot fromBal
      0x60, 0x24, 0x35, // PUSH1 36 CALLDATALOAD -> amount
      0x80, 0x82, 0x10, // DUP1 DUP3 LT -> fromBal < amount
    };
    for (int b : head) {
      c.write(b);
    }
    int jumpiAt = c.size();
    int[] rest = {
      0x60, 0x00, 0x57, // PUSH1 revert JUMPI (patched)
      0x90, 0x03, 0x90, 0x55, // SWAP1 SUB SWAP1 SSTORE
      0x60, 0x04, 0x35, 0x60, 0x00, 0x52, // PUSH1 4 CALLDATALOAD PUSH1 0 MSTORE
      0x60, 0x40, 0x60, 0x00, 0x20, // toSlot
      0x80, 0x54, 0x60, 0x24, 0x35, 0x01, // DUP1 SLOAD PUSH1 36 CALLDATALOAD ADD
      0x90, 0x55, // SWAP1 SSTORE
      0x60, 0x24, 0x35, 0x60, 0x00, 0x52, // amount to memory
      0x60, 0x04, 0x35, 0x33, // to, from
    };
    for (int b : rest) {
      c.write(b);
    }
    c.write(0x7f); // PUSH32 Transfer topic
    c.writeBytes(TRANSFER_TOPIC.toArray());
    int[] tail = {
      0x60, 0x20, 0x60, 0x00, 0xa3, // PUSH1 32 PUSH1 0 LOG3
      0x60, 0x01, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3, // return true
    };
    for (int b : tail) {
      c.write(b);
    }
    int revertAt = c.size();
    int[] revert = {0x5b, 0x60, 0x00, 0x80, 0xfd}; // JUMPDEST PUSH1 0 DUP1 REVERT
    for (int b : revert) {
      c.write(b);
    }
    byte[] code = c.toByteArray();
    code[jumpiAt + 1] = (byte) revertAt;
    return code;
  }

  static ChainConfig chainConfig() {
    Map<io.merapi.types.config.Fork, Long> blocks =
        new EnumMap<>(io.merapi.types.config.Fork.class);
    for (io.merapi.types.config.Fork f : io.merapi.types.config.Fork.values()) {
      if (f != io.merapi.types.config.Fork.FRONTIER
          && f.isBefore(io.merapi.types.config.Fork.PARIS)) {
        blocks.put(f, 0L);
      }
    }
    Map<OpFork, Long> op = new EnumMap<>(OpFork.class);
    for (OpFork f :
        new OpFork[] {
          OpFork.REGOLITH,
          OpFork.CANYON,
          OpFork.DELTA,
          OpFork.ECOTONE,
          OpFork.FJORD,
          OpFork.GRANITE,
          OpFork.HOLOCENE
        }) {
      op.put(f, 0L);
    }
    return new ChainConfig(
        CHAIN_ID,
        blocks,
        Map.of(io.merapi.types.config.Fork.SHANGHAI, 0L, io.merapi.types.config.Fork.CANCUN, 0L),
        Optional.of(UInt256.ZERO),
        true,
        OptionalLong.of(0),
        Optional.empty(),
        Map.of(),
        OptionalLong.of(0),
        op,
        Optional.of(new OptimismConfig(6, 50, OptionalLong.of(250))));
  }

  static Header parent(Hash stateRoot) {
    return new Header(
        Hash.fromHex("0x" + "ab".repeat(32)),
        Header.EMPTY_OMMERS_HASH,
        Predeploys.SEQUENCER_FEE_VAULT,
        stateRoot,
        Header.EMPTY_ROOT,
        Header.EMPTY_ROOT,
        LogsBloom.EMPTY,
        UInt256.ZERO,
        100,
        30_000_000,
        5_000_000,
        TIME,
        new Eip1559Params(250, 6).toExtraData(),
        Hash.ZERO,
        0,
        Optional.of(UInt256.valueOf(1_000_000)),
        Optional.of(Header.EMPTY_ROOT),
        OptionalLong.of(0),
        OptionalLong.of(0),
        Optional.of(Hash.ZERO),
        Optional.empty());
  }
}
