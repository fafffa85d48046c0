package io.merapi.trie.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.testing.TestData;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.InvalidProofException;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.SecureTrie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateProofsTest {
  private static final Hash EMPTY_CODE = Keccak256.digest(new byte[0]);

  /**
   * The proofs of the execution-apis rpc-compat suite (from a real chain) verify: the account
   * fields and the storage value follow from the node lists alone, the root being the first node.
   */
  @Test
  void rpcCompatProofsVerify() throws IOException {
    Path dir = TestData.require("rpc-compat/eth_getProof");
    int checked = 0;
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String response =
            Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("<<"))
                .findFirst()
                .orElseThrow();
        JsonNode result = new ObjectMapper().readTree(response.substring(2)).get("result");
        AccountProof proof = parse(result);
        Hash stateRoot = Keccak256.digest(proof.accountProof().getFirst().array());
        StateProofs.verify(stateRoot, proof);
        AccountProof lying =
            new AccountProof(
                proof.address(),
                proof.accountProof(),
                proof.balance().add(UInt256.ONE),
                proof.codeHash(),
                proof.nonce(),
                proof.storageHash(),
                proof.storageProof());
        assertThatThrownBy(() -> StateProofs.verify(stateRoot, lying))
            .isInstanceOf(InvalidProofException.class)
            .hasMessageContaining("balance");
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void provesAccountsSlotsAndAbsence() {
    Map<Hash, SecureTrie> storages = new HashMap<>();
    SecureTrie accounts = new SecureTrie();
    for (int i = 1; i <= 50; i++) {
      SecureTrie storage = new SecureTrie();
      for (int s = 0; s < i; s++) {
        storage.put(slot(s).array(), new RlpWriter().writeLong(1000L * i + s).toByteArray());
      }
      Hash storageRoot = storage.rootHash();
      storages.put(storageRoot, storage);
      accounts.put(address(i).array(), account(i, storageRoot));
    }
    Hash stateRoot = accounts.rootHash();

    AccountProof present =
        StateProofs.prove(accounts, storages::get, address(7), List.of(slot(3), slot(99)));
    assertThat(present.nonce()).isEqualTo(7);
    assertThat(present.balance()).isEqualTo(UInt256.valueOf(7_000_000));
    assertThat(present.storageProof().get(0).value()).isEqualTo(UInt256.valueOf(7003));
    assertThat(present.storageProof().get(1).value()).isEqualTo(UInt256.ZERO);
    assertThat(present.storageProof().get(1).proof()).isNotEmpty();
    StateProofs.verify(stateRoot, present);

    AccountProof absent =
        StateProofs.prove(accounts, storages::get, address(500), List.of(slot(1)));
    assertThat(absent.codeHash()).isEqualTo(Hash.ZERO);
    assertThat(absent.storageHash()).isEqualTo(Hash.ZERO);
    assertThat(absent.storageProof().getFirst().proof()).isEmpty();
    StateProofs.verify(stateRoot, absent);

    StorageProof claimed = present.storageProof().getFirst();
    AccountProof wrongSlot =
        new AccountProof(
            present.address(),
            present.accountProof(),
            present.balance(),
            present.codeHash(),
            present.nonce(),
            present.storageHash(),
            List.of(new StorageProof(claimed.key(), UInt256.valueOf(1), claimed.proof())));
    assertThatThrownBy(() -> StateProofs.verify(stateRoot, wrongSlot))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("storage slot");
  }

  private static Address address(int i) {
    byte[] a = new byte[20];
    a[0] = 0x10;
    a[19] = (byte) i;
    a[18] = (byte) (i >> 8);
    return Address.wrap(a);
  }

  private static Hash slot(int s) {
    return Hash.leftPad(new byte[] {(byte) s});
  }

  private static byte[] account(long i, Hash storageRoot) {
    return new RlpWriter()
        .startList()
        .writeLong(i)
        .writeLong(i * 1_000_000)
        .writeHash(storageRoot)
        .writeHash(i % 2 == 0 ? EMPTY_CODE : MerklePatriciaTrie.EMPTY_ROOT)
        .endList()
        .toByteArray();
  }

  private static AccountProof parse(JsonNode r) {
    List<StorageProof> slots = new ArrayList<>();
    for (JsonNode s : r.get("storageProof")) {
      slots.add(
          new StorageProof(
              Hash.leftPad(UInt256.fromQuantity(s.get("key").asText()).toMinimalBytes()),
              UInt256.fromQuantity(s.get("value").asText()),
              nodes(s.get("proof"))));
    }
    return new AccountProof(
        Address.fromHex(r.get("address").asText()),
        nodes(r.get("accountProof")),
        UInt256.fromQuantity(r.get("balance").asText()),
        Hash.fromHex(r.get("codeHash").asText()),
        UInt256.fromQuantity(r.get("nonce").asText()).toLongExact(),
        Hash.fromHex(r.get("storageHash").asText()),
        slots);
  }

  private static List<Bytes> nodes(JsonNode list) {
    List<Bytes> nodes = new ArrayList<>();
    list.forEach(n -> nodes.add(Bytes.fromHex(n.asText())));
    return nodes;
  }
}
