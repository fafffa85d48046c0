package io.merapi.faultproof.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.Rlp;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevBlobs;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.faultproof.hint.HintType;
import io.merapi.faultproof.kvstore.DataFormat;
import io.merapi.faultproof.kvstore.DiskKvStores;
import io.merapi.faultproof.kvstore.KvStore;
import io.merapi.faultproof.kvstore.MemoryKvStore;
import io.merapi.faultproof.preimage.HintWriter;
import io.merapi.faultproof.preimage.OracleClient;
import io.merapi.faultproof.preimage.PreimageChannel;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageUnavailableException;
import io.merapi.node.beacon.BeaconBlobSource;
import io.merapi.node.beacon.BeaconClient;
import io.merapi.node.l1.L1ClientConfig;
import io.merapi.node.l1.RpcL1Client;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.rollup.OutputRoot;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host against a real {@code merapi execution --dev} node in this JVM, spoken to by a program
 * side over the real wire protocol (in-memory pipes): each hint route stores pre-images that hash
 * to their keys and decode back to the node's own blocks, transactions, receipts and blob; a second
 * host reads the same data directory offline.
 */
class HostDevNodeIT {
  private static final long GWEI = 1_000_000_000L;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void hintsFetchWhatTheProgramAsksForAndTheDataDirectoryServesItOffline(@TempDir Path datadir)
      throws Exception {
    ExecutionNodeConfig config =
        ExecutionNodeConfig.builder()
            .inMemory()
            .http(
                Optional.of(
                    RpcServerConfig.httpDefaults()
                        .withPort(0)
                        .withModules(Set.of("eth", "net", "web3", "debug"))))
            .dev(Optional.of(new ExecutionNodeConfig.DevSettings(0)))
            .build();
    try (ExecutionNode node = ExecutionNode.start(config);
        HttpRpcClient rpc =
            HttpRpcClient.create(node.httpUri().orElseThrow(), RpcClientOptions.defaults());
        RpcL1Client l1 =
            RpcL1Client.connect(
                node.httpUri().orElseThrow(),
                RpcClientOptions.defaults(),
                L1ClientConfig.defaults(),
                new SimpleMeterRegistry());
        BeaconBlobSource beacon =
            new BeaconBlobSource(
                new BeaconClient(node.beaconUri().orElseThrow()), RetryPolicy.defaults())) {
      Secp256k1.PrivateKey key = node.dev().orElseThrow().accounts().keys().get(0);
      List<Transaction> sent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sent.add(transfer(key, i));
      }
      BlobSidecar sidecar = DevBlobs.sidecar(1);
      sent.add(DevBlobs.blobTx(key, 3, sidecar));
      for (Transaction tx : sent) {
        rpc.call(
            "eth_sendRawTransaction",
            Hex.encode(tx instanceof BlobTransaction b ? b.networkEncoded() : tx.encoded()));
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (node.chain().transactionLocation(sent.getLast().hash()).isEmpty()) {
        assertThat(System.nanoTime()).as("transactions sealed in time").isLessThan(deadline);
        Thread.sleep(20);
      }
      long head = node.chain().head().number();

      KvStore disk = DiskKvStores.open(datadir, DataFormat.DIRECTORY);
      HintFetcher fetcher =
          new HintFetcher(
              Optional.of(l1),
              Optional.of(L1Blobs.of(beacon)),
              Optional.of(new RpcL2Data(rpc, RetryPolicy.defaults())),
              Optional.of(node.chain().head().hash()));
      Program program =
          Program.connect(new Prefetcher(disk, Optional.empty(), Optional.of(fetcher)));
      List<PreimageKey> asked = new ArrayList<>();
      try {
        for (long number = 0; number <= head; number++) {
          Block expected = node.chain().block(number).orElseThrow();
          Hash hash = expected.hash();
          // l1-block-header: the RLP under the block hash.
          program.hint(HintType.L1_BLOCK_HEADER.with(hash).wire());
          byte[] rlp = program.get(PreimageKey.keccak256(hash), asked);
          assertThat(Keccak256.digest(rlp)).isEqualTo(hash);
          assertThat(Header.decode(rlp)).isEqualTo(expected.header());
          // l1-transactions and l1-receipts: the list tries walked from the header's roots.
          program.hint(HintType.L1_TRANSACTIONS.with(hash).wire());
          List<byte[]> txs = program.list(expected.header().transactionsRoot(), asked);
          assertThat(txs).hasSize(expected.transactions().size());
          for (int i = 0; i < txs.size(); i++) {
            assertThat(txs.get(i)).isEqualTo(expected.transactions().get(i).encoded());
          }
          program.hint(HintType.L1_RECEIPTS.with(hash).wire());
          List<Receipt> receipts = node.chain().receipts(hash).orElseThrow();
          List<byte[]> read = program.list(expected.header().receiptsRoot(), asked);
          assertThat(read.stream().map(Receipt::decode).toList()).isEqualTo(receipts);
        }

        // The L2 routes over the same node's debug and eth methods.
        Block last = node.chain().block(head).orElseThrow();
        program.hint(HintType.L2_TRANSACTIONS.with(last.hash()).wire());
        assertThat(Header.decode(program.get(PreimageKey.keccak256(last.hash()), asked)))
            .isEqualTo(last.header());
        OutputRoot output = new RpcL2Data(rpc, RetryPolicy.defaults()).outputAt(last.hash());
        program.hint(HintType.L2_OUTPUT.with(output.root()).wire());
        byte[] outputPreimage = program.get(PreimageKey.keccak256(output.root()), asked);
        assertThat(Hash.copyOf(outputPreimage, 32)).isEqualTo(last.header().stateRoot());
        assertThat(Hash.copyOf(outputPreimage, 96)).isEqualTo(last.hash());

        // l2-payload-witness: the node has no debug_executePayload, so the host takes the
        // witness of the canonical block with that parent and time; its nodes include the
        // parent's state root.
        Header parent = node.chain().block(head - 1).orElseThrow().header();
        String witnessHint =
            "{\"parentBlockHash\":\""
                + parent.hash().toHex()
                + "\",\"payloadAttributes\":{\"timestamp\":\""
                + Hex.quantity(last.header().timestamp())
                + "\"}}";
        program.hint(HintType.L2_PAYLOAD_WITNESS.with(Bytes.wrap(witnessHint.getBytes())).wire());
        program.hint(HintType.L2_STATE_NODE.with(parent.stateRoot()).wire());
        byte[] stateRootNode = program.get(PreimageKey.keccak256(parent.stateRoot()), asked);
        assertThat(Keccak256.digest(stateRootNode)).isEqualTo(parent.stateRoot());
      } finally {
        program.close();
      }

      // Offline from the same directory: every key asked above, no fetcher, no hints.
      KvStore reopened = DiskKvStores.open(datadir, DataFormat.FILE);
      Program offline =
          Program.connect(new Prefetcher(reopened, Optional.empty(), Optional.empty()));
      try {
        for (PreimageKey k : asked) {
          assertThat(offline.get(k, new ArrayList<>())).isNotNull();
        }
        // A key nobody stored: the host says why in its log and closes; the program fails clearly.
        assertThatThrownBy(
                () -> offline.get(PreimageKey.keccak256Of(new byte[] {1}), new ArrayList<>()))
            .isInstanceOf(PreimageUnavailableException.class)
            .hasMessageContaining("channel closed");
        assertThat(offline.host.awaitDone()).get().asString().contains("offline");
      } finally {
        offline.close();
      }

      // l1-blob: the commitment by the versioned hash, then the field elements. In memory: the
      // 8,193 pre-images of a blob are 8,193 files on disk, slow on a loaded test machine.
      Program blobs =
          Program.connect(
              new Prefetcher(new MemoryKvStore(), Optional.empty(), Optional.of(fetcher)));
      try {
        BlobTransaction blobTx = (BlobTransaction) sent.getLast();
        Block blobBlock =
            node.chain()
                .block(node.chain().transactionLocation(blobTx.hash()).orElseThrow().blockHash())
                .orElseThrow();
        Hash versionedHash = blobTx.blobVersionedHashes().getFirst();
        byte[] hintData = new byte[40];
        System.arraycopy(versionedHash.toArray(), 0, hintData, 0, 32);
        long time = blobBlock.header().timestamp();
        for (int i = 0; i < 8; i++) {
          hintData[32 + i] = (byte) (time >>> (56 - 8 * i));
        }
        blobs.hint(HintType.L1_BLOB.with(Bytes.wrap(hintData)).wire());
        byte[] commitment = blobs.get(PreimageKey.sha256(versionedHash), asked);
        assertThat(commitment).isEqualTo(sidecar.commitments().getFirst().array());
        byte[] blob = sidecar.blobs().getFirst().array();
        for (int i = 0; i < 4096; i += 511) {
          byte[] element =
              blobs.get(PreimageKey.blob(commitment, BlobFieldElements.rootOfUnity(i)), asked);
          assertThat(element).isEqualTo(BlobFieldElements.element(blob, i));
        }

      } finally {
        blobs.close();
      }
    }
  }

  /** The program's side: a hint writer and an oracle client over pipes to a running host. */
  private record Program(HintWriter hints, OracleClient oracle, PreimageHost host) {
    static Program connect(Prefetcher prefetcher) throws Exception {
      PreimageChannel.Ends hints = PreimageChannel.pipe();
      PreimageChannel.Ends preimages = PreimageChannel.pipe();
      PreimageHost host =
          PreimageHost.start(hints.host(), preimages.host(), prefetcher, prefetcher);
      return new Program(
          new HintWriter(hints.client()), new OracleClient(preimages.client()), host);
    }

    void hint(String wire) {
      hints.hint(io.merapi.faultproof.preimage.Hint.parse(wire));
    }

    byte[] get(PreimageKey key, List<PreimageKey> asked) {
      asked.add(key);
      return oracle.get(key);
    }

    /** The items of a list trie, read node by node through the oracle from its root. */
    List<byte[]> list(Hash root, List<PreimageKey> asked) {
      MerklePatriciaTrie trie =
          MerklePatriciaTrie.open(
              root, hash -> Optional.of(get(PreimageKey.keccak256(hash), asked)));
      List<byte[]> items = new ArrayList<>();
      for (int i = 0; ; i++) {
        Optional<byte[]> item = trie.get(Rlp.encodeLong(i));
        if (item.isEmpty()) {
          return items;
        }
        items.add(item.get());
      }
    }

    void close() {
      host.close();
    }
  }

  private static Transaction transfer(Secp256k1.PrivateKey key, long nonce) {
    return new DynamicFeeTransaction(
            DevGenesis.CHAIN_ID,
            nonce,
            UInt256.valueOf(GWEI),
            UInt256.valueOf(50 * GWEI),
            21_000,
            Optional.of(Address.fromHex("0x00000000000000000000000000000000000000bb")),
            UInt256.valueOf(1000 + nonce),
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }
}
