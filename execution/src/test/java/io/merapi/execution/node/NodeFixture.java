package io.merapi.execution.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.blocktest.TestNetworks;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.state.block.PendingBlock;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A started in-memory node on a small Cancun chain for the JSON-RPC tests: two funded keys, a
 * contract that emits {@code LOG2(TOPIC0, calldata word)} and stores the word, and one that reverts
 * with {@code Error("user error")}. Blocks are built and made head through the chain (the Engine
 * API's part), and requests go over HTTP.
 */
final class NodeFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Address EMITTER = Address.fromHex("0x00000000000000000000000000000000000e1717");
  static final Address REVERTER = Address.fromHex("0x0000000000000000000000000000000000000bad");
  static final Address GAS_GATE = Address.fromHex("0x0000000000000000000000000000000000006a7e");
  static final Hash TOPIC0 = Keccak256.digest("Ping(uint256)".getBytes());

  /** CALLDATALOAD(0) → SSTORE(0); LOG2(0, 0, TOPIC0, word). */
  static final byte[] EMITTER_CODE =
      Hex.decode("0x60003580600055" + "7f" + TOPIC0.toHex().substring(2) + "60006000a200");

  /** Reverts with the ABI encoding of Error("user error"), copied from the code's tail. */
  static final byte[] REVERTER_CODE =
      Hex.decode(
          "0x6064600c60003960646000fd"
              + "08c379a0"
              + "0000000000000000000000000000000000000000000000000000000000000020"
              + "000000000000000000000000000000000000000000000000000000000000000a"
              + "75736572206572726f7200000000000000000000000000000000000000000000");

  /**
   * SLOAD(0), then reverts unless at least 5000 gas is left: a call whose gas estimate taken
   * without an access list is too tight once the list (its slot and address) is paid for up front.
   */
  static final byte[] GAS_GATE_CODE = Hex.decode("0x600054506113885a10600d57005b600080fd");

  final Secp256k1.PrivateKey alice =
      Secp256k1.PrivateKey.fromBytes(Keccak256.hash("alice".getBytes()));
  final Secp256k1.PrivateKey bob = Secp256k1.PrivateKey.fromBytes(Keccak256.hash("bob".getBytes()));
  final ExecutionNode node;
  final URI uri;
  private final JsonRpcHttp rpc;

  NodeFixture() {
    this(ExecutionNodeConfig.builder());
  }

  NodeFixture(ExecutionNodeConfig.Builder config) {
    node =
        ExecutionNode.start(
            config
                .inMemory()
                .genesis(genesis())
                .http(
                    Optional.of(
                        RpcServerConfig.httpDefaults()
                            .withPort(0)
                            .withTransports(true, true)
                            .withModules(Set.of(RpcServerConfig.ALL_MODULES))))
                .build());
    uri = node.httpUri().orElseThrow();
    rpc = new JsonRpcHttp(uri, Duration.ofSeconds(30));
  }

  Genesis genesis() {
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    UInt256 rich = UInt256.valueOf(BigInteger.TEN.pow(24));
    alloc.put(alice.address(), new GenesisAccount(rich, 0, Bytes.EMPTY, Map.of()));
    alloc.put(bob.address(), new GenesisAccount(rich, 0, Bytes.EMPTY, Map.of()));
    alloc.put(EMITTER, new GenesisAccount(UInt256.ZERO, 1, Bytes.wrap(EMITTER_CODE), Map.of()));
    alloc.put(REVERTER, new GenesisAccount(UInt256.ZERO, 1, Bytes.wrap(REVERTER_CODE), Map.of()));
    alloc.put(GAS_GATE, new GenesisAccount(UInt256.ZERO, 1, Bytes.wrap(GAS_GATE_CODE), Map.of()));
    return Genesis.of(
        TestNetworks.config("Cancun").orElseThrow(), 1_700_000_000L, 30_000_000, alloc);
  }

  Blockchain chain() {
    return node.chain();
  }

  /** A signed EIP-1559 transaction from {@code key} with the next nonce the head state has. */
  Transaction tx(Secp256k1.PrivateKey key, long nonceOffset, Optional<Address> to, Bytes data) {
    long nonce =
        chain().headState().account(key.address()).map(a -> a.nonce()).orElse(0L) + nonceOffset;
    UInt256 fee = UInt256.valueOf(100_000_000_000L);
    return new DynamicFeeTransaction(
            chain().config().chainId(),
            nonce,
            UInt256.valueOf(1_000_000_000L),
            fee,
            200_000,
            to,
            UInt256.ZERO,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  /** A call of the emitter that logs {@code word}. */
  Transaction emit(Secp256k1.PrivateKey key, long nonceOffset, long word) {
    return tx(
        key, nonceOffset, Optional.of(EMITTER), Bytes.wrap(UInt256.valueOf(word).toHash().array()));
  }

  /** Builds a block with {@code txs} on the head and makes it the head. */
  ChainHead block(Transaction... txs) {
    ChainHead parent = chain().head();
    BlockBuilder builder =
        chain()
            .newBlock(
                parent.hash(),
                new BlockAttributes(
                    parent.header().timestamp() + 12,
                    Address.ZERO,
                    Hash.ZERO,
                    30_000_000,
                    Bytes.EMPTY,
                    Optional.of(List.of()),
                    Optional.of(Hash.ZERO)));
    for (Transaction tx : txs) {
      if (builder.add(tx) instanceof PendingBlock.Inclusion.Rejected r) {
        throw new IllegalStateException("rejected: " + r.reason());
      }
    }
    chain().importSealed(builder.seal(), true);
    return chain().head();
  }

  JsonNode post(String body) throws IOException, InterruptedException {
    return rpc.post(body);
  }

  JsonNode call(String method, String params) throws IOException, InterruptedException {
    return rpc.call(method, params);
  }

  JsonNode result(String method, String params) throws IOException, InterruptedException {
    return rpc.result(method, params);
  }

  @Override
  public void close() {
    node.close();
  }
}
