package io.merapi.node.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.block.Header;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A rollup for the engine tests: the OP devnet deploy config with a test's changes, its L1
 * contracts laid into an L1 genesis of the dev accounts (as derive's action tests set it up), the
 * L2 genesis and rollup config the deployment writes, and a hand-made L1: the genesis block and
 * {@code extraL1Blocks} empty children two seconds apart, enough epochs to build a few L2 blocks.
 */
final class TestRollup {
  static final long L1_GENESIS_TIME = 1_700_000_000;

  final RollupConfig rollup;
  final Genesis l2Genesis;
  final FakeL1 l1;

  private TestRollup(RollupConfig rollup, Genesis l2Genesis, FakeL1 l1) {
    this.rollup = rollup;
    this.l2Genesis = l2Genesis;
    this.l1 = l1;
  }

  /** {@code overrides} are deploy-config fields; a null value disables a fork. */
  static TestRollup deploy(Map<String, Object> overrides, int extraL1Blocks) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    new TreeMap<>(overrides)
        .forEach(
            (k, v) -> {
              if (v == null) {
                json.putNull(k);
              } else {
                json.set(k, mapper.valueToTree(v));
              }
            });
    DeployConfig config = DeployConfig.fromJson(json);
    List<Address> dev = DevAccounts.defaults().addresses();
    Genesis devGenesis =
        DevGenesis.of(dev, DevGenesis.BALANCE, config.l1ChainId(), DevGenesis.GAS_LIMIT);
    Genesis l1Base =
        Genesis.of(devGenesis.config(), L1_GENESIS_TIME, devGenesis.gasLimit(), devGenesis.alloc());
    RollupDeployer.GenesisDeployment d = RollupDeployer.intoL1Genesis(l1Base, dev.get(0), config);
    GenesisBlock l1Genesis = GenesisBlock.of(d.l1Genesis());
    if (!l1Genesis.hash().equals(d.output().rollup().genesis().l1().hash())) {
      throw new IllegalStateException("the rollup does not start at the L1 genesis");
    }
    FakeL1 l1 = new FakeL1();
    l1.add(l1Genesis.header());
    Header parent = l1Genesis.header();
    for (int i = 0; i < extraL1Blocks; i++) {
      parent = l1.add(emptyChild(parent, parent.hash()));
    }
    return new TestRollup(d.output().rollup(), d.output().l2Genesis(), l1);
  }

  /** An L1 block without transactions after {@code parent}, with its own mix hash. */
  private static Header emptyChild(Header parent, Hash parentHash) {
    long number = parent.number() + 1;
    byte[] mix = new byte[32];
    mix[31] = (byte) number;
    mix[0] = 0x6d;
    byte[] beaconRoot = new byte[32];
    beaconRoot[31] = (byte) number;
    beaconRoot[0] = (byte) 0xbe;
    return new Header(
        parentHash,
        Header.EMPTY_OMMERS_HASH,
        Address.ZERO,
        parent.stateRoot(),
        Header.EMPTY_ROOT,
        Header.EMPTY_ROOT,
        LogsBloom.EMPTY,
        UInt256.ZERO,
        number,
        parent.gasLimit(),
        0,
        parent.timestamp() + 2,
        Bytes.EMPTY,
        Hash.wrap(mix),
        0,
        Optional.of(UInt256.valueOf(1_000_000_000)),
        Optional.of(Header.EMPTY_ROOT),
        java.util.OptionalLong.of(0),
        java.util.OptionalLong.of(0),
        Optional.of(Hash.wrap(beaconRoot)),
        Optional.empty());
  }

  /**
   * Starts {@code merapi execution} on the L2 genesis: public HTTP and the Engine API on free
   * loopback ports, the JWT secret from {@code jwtFile}, the chain in {@code datadir} (RocksDB) or
   * in memory when empty.
   */
  ExecutionNode startEngine(Optional<Path> datadir, Path jwtFile) {
    ExecutionNodeConfig.Builder builder =
        ExecutionNodeConfig.builder()
            .genesis(l2Genesis)
            .http(Optional.of(RpcServerConfig.httpDefaults().withPort(0)))
            .authRpc(Optional.of(RpcServerConfig.engineApi(JwtSecret.generate()).withPort(0)))
            .jwtSecret(Optional.of(jwtFile));
    if (datadir.isPresent()) {
      builder.datadir(datadir.get());
    } else {
      builder.inMemory();
    }
    return ExecutionNode.start(builder.build());
  }

  static Path writeSecret(Path file, JwtSecret secret) throws IOException {
    Files.writeString(file, secret.toHex() + "\n");
    return file;
  }

  /** An L1 of hand-made headers without receipts: no deposits, no system config changes. */
  static final class FakeL1 implements L1Source {
    private final Map<Hash, Header> byHash = new LinkedHashMap<>();
    private final Map<Long, Header> byNumber = new LinkedHashMap<>();

    Header add(Header header) {
      byHash.put(header.hash(), header);
      byNumber.put(header.number(), header);
      return header;
    }

    BlockId id(long number) {
      Header h = byNumber.get(number);
      return new BlockId(h.hash(), number);
    }

    @Override
    public Optional<L1BlockRef> blockRefByNumber(long number) {
      return Optional.ofNullable(byNumber.get(number)).map(FakeL1::ref);
    }

    @Override
    public L1BlockRef blockRefByHash(Hash hash) {
      return ref(headerByHash(hash));
    }

    @Override
    public Header headerByHash(Hash hash) {
      Header h = byHash.get(hash);
      if (h == null) {
        throw new NoSuchElementException("no L1 block " + hash);
      }
      return h;
    }

    @Override
    public List<Transaction> transactionsByHash(Hash hash) {
      headerByHash(hash);
      return List.of();
    }

    @Override
    public List<Receipt> receiptsByHash(Hash hash) {
      headerByHash(hash);
      return List.of();
    }

    private static L1BlockRef ref(Header h) {
      return new L1BlockRef(h.hash(), h.number(), h.parentHash(), h.timestamp());
    }
  }
}
