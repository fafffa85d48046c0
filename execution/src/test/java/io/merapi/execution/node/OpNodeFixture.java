package io.merapi.execution.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.OpChainRules;
import io.merapi.state.op.Predeploys;
import io.merapi.state.store.StateCommitter;
import io.merapi.storage.TrieNodeStore;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.config.Genesis;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A started in-memory node on the small OP chain of {@code op/op-devnet-genesis.json} (chain 901,
 * every fork through Holocene at genesis): the L1Block predeploy with its real storage layout and a
 * stand-in code that implements {@code setL1BlockValuesEcotone} as the real contract does (only the
 * depositor may call it; the packed words go to slots 0-4 and 7), the create2Deployer and EIP-4788
 * beacon roots code, the other predeploys (GasPriceOracle, L2ToL1MessagePasser, the fee vaults,
 * WETH) as placeholders, two funded keys (Hardhat's first two), a contract that always reverts, and
 * one that stores and deletes BLOCKHASH values.
 */
final class OpNodeFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GENESIS = "/op/op-devnet-genesis.json";
  static final Secp256k1.PrivateKey ALICE =
      Secp256k1.PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final Secp256k1.PrivateKey BOB =
      Secp256k1.PrivateKey.fromHex(
          "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  static final Address REVERTER = Address.fromHex("0x0000000000000000000000000000000000000bad");

  /** Stores BLOCKHASH(n-1) at slot n, clears slot n-1, stores BLOCKHASH(n-3) at slot 0. */
  static final Address BLOCKHASHER = Address.fromHex("0x00000000000000000000000000000000000b10c0");

  static final Hash BATCHER_HASH =
      Hash.fromHex("0x0000000000000000000000005050f69a9786f081509234f1a7f4684b5e5b76c9");
  static final long GAS_LIMIT = 30_000_000;

  final ExecutionNode node;
  final URI uri;
  private final JsonRpcHttp rpc;
  final OpChainRules rules;

  OpNodeFixture() {
    node =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .inMemory()
                .genesis(genesis())
                .http(
                    Optional.of(
                        RpcServerConfig.httpDefaults()
                            .withPort(0)
                            .withModules(Set.of(RpcServerConfig.ALL_MODULES))))
                .build());
    uri = node.httpUri().orElseThrow();
    rpc = new JsonRpcHttp(uri, Duration.ofSeconds(60));
    rules = new OpChainRules(node.chain().config());
  }

  static Genesis genesis() {
    try (InputStream in = OpNodeFixture.class.getResourceAsStream(GENESIS)) {
      return Genesis.fromJson(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Blockchain chain() {
    return node.chain();
  }

  /**
   * The L1 attributes deposit of the L2 block at {@code sequenceNumber} in the epoch of L1 block
   * {@code l1Number}, with the Ecotone layout (Fjord-era scalars of Base).
   */
  static DepositTransaction l1Info(long l1Number, long sequenceNumber, long l1BaseFee) {
    return new L1Attributes.Ecotone(
            1368,
            810_949,
            sequenceNumber,
            0x67000000L + 12 * (l1Number - 7_000_000),
            l1Number,
            UInt256.valueOf(l1BaseFee),
            UInt256.valueOf(3),
            Keccak256.digest(UInt256.valueOf(l1Number).toBytes()),
            BATCHER_HASH)
        .deposit(true);
  }

  /** A user deposit (deposits.md: source hash domain 0 over an L1 block hash and log index). */
  static DepositTransaction userDeposit(
      long logIndex, Address from, Optional<Address> to, long mint, long value, Bytes data) {
    return new DepositTransaction(
        Keccak256.digest(UInt256.valueOf(logIndex).toBytes()),
        from,
        to,
        UInt256.valueOf(mint),
        UInt256.valueOf(value),
        200_000,
        false,
        data);
  }

  /** A signed EIP-1559 transaction with the head state's nonce plus {@code nonceOffset}. */
  Transaction tx(
      Secp256k1.PrivateKey key, long nonceOffset, Optional<Address> to, long value, Bytes data) {
    long nonce =
        chain().headState().account(key.address()).map(a -> a.nonce()).orElse(0L) + nonceOffset;
    return new DynamicFeeTransaction(
            chain().config().chainId(),
            nonce,
            UInt256.valueOf(1_000_000),
            UInt256.valueOf(10_000_000_000L),
            200_000,
            to,
            UInt256.valueOf(value),
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  /** Payload attributes on the head: 2 s later, Holocene parameters as given (zero = defaults). */
  PayloadAttributes attributes(List<Transaction> txs, Bytes eip1559Params) {
    ChainHead head = chain().head();
    long number = head.number() + 1;
    return new PayloadAttributes(
        head.header().timestamp() + 2,
        Keccak256.digest(("randao " + number).getBytes()),
        Predeploys.SEQUENCER_FEE_VAULT,
        Optional.of(List.of()),
        Optional.of(Keccak256.digest(("beacon " + number).getBytes())),
        txs.stream().map(tx -> Bytes.wrap(tx.encoded())).toList(),
        true,
        OptionalLong.of(GAS_LIMIT),
        Optional.of(eip1559Params),
        Optional.empty());
  }

  /** Builds the block of {@code attributes} on the head and imports it as the new head. */
  Block build(PayloadAttributes attributes) {
    ChainHead head = chain().head();
    TrieNodeStore nodes = new TrieNodeStore(node.store());
    OpBlockBuilder.Built built =
        new OpBlockBuilder(rules)
            .build(
                head.header(),
                attributes,
                chain().headState(),
                chain().ancestorHashes(head.hash()),
                changes ->
                    StateCommitter.commit(head.header().stateRoot(), nodes, changes).stateRoot());
    Block block =
        new Block(
            built.header(), new BlockBody(built.transactions(), List.of(), Optional.of(List.of())));
    chain().importBlockAsHead(block);
    return block;
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
