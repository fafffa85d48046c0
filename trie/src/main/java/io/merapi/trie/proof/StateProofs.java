package io.merapi.trie.proof;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.InvalidProofException;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.ProofVerifier;
import io.merapi.trie.SecureTrie;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds and checks {@code eth_getProof} answers over the world-state trie (keys keccak(address),
 * values the account RLP [nonce, balance, storageRoot, codeHash] of Yellow Paper 4.1) and the
 * accounts' storage tries (keys keccak(slot), values the RLP of the slot's integer).
 */
public final class StateProofs {
  private StateProofs() {}

  /** Opens an account's storage trie at its storage root. */
  @FunctionalInterface
  public interface StorageTries {
    SecureTrie open(Hash storageRoot);
  }

  public static AccountProof prove(
      SecureTrie accounts, StorageTries storageTries, Address address, List<Hash> slots) {
    List<Bytes> accountProof = accounts.prove(address.array());
    Optional<byte[]> encoded = accounts.get(address.array());
    Account account = encoded.map(StateProofs::decodeAccount).orElse(Account.NONE);
    boolean emptyStorage =
        account.storageRoot.isZero() || account.storageRoot.equals(MerklePatriciaTrie.EMPTY_ROOT);
    SecureTrie storage = emptyStorage ? new SecureTrie() : storageTries.open(account.storageRoot);
    List<StorageProof> storageProofs = new ArrayList<>();
    for (Hash slot : slots) {
      if (emptyStorage) {
        storageProofs.add(new StorageProof(slot, UInt256.ZERO, List.of()));
        continue;
      }
      UInt256 value = storage.get(slot.array()).map(StateProofs::decodeSlot).orElse(UInt256.ZERO);
      storageProofs.add(new StorageProof(slot, value, storage.prove(slot.array())));
    }
    return new AccountProof(
        address,
        accountProof,
        account.balance,
        account.codeHash,
        account.nonce,
        account.storageRoot,
        storageProofs);
  }

  /**
   * Checks every part of {@code proof} against {@code stateRoot}: the account fields against the
   * proven account, and each slot's value against the proven storage.
   *
   * @throws InvalidProofException at the first part that does not hold
   */
  public static void verify(Hash stateRoot, AccountProof proof) {
    Optional<byte[]> encoded =
        ProofVerifier.verify(
            stateRoot, Keccak256.hash(proof.address().array()), proof.accountProof());
    Account account = encoded.map(StateProofs::decodeAccount).orElse(Account.NONE);
    require(account.nonce == proof.nonce(), "nonce", proof);
    require(account.balance.equals(proof.balance()), "balance", proof);
    require(account.storageRoot.equals(proof.storageHash()), "storageHash", proof);
    require(account.codeHash.equals(proof.codeHash()), "codeHash", proof);
    boolean emptyStorage =
        account.storageRoot.isZero() || account.storageRoot.equals(MerklePatriciaTrie.EMPTY_ROOT);
    for (StorageProof slot : proof.storageProof()) {
      UInt256 value =
          emptyStorage
              ? UInt256.ZERO
              : ProofVerifier.verify(
                      account.storageRoot, Keccak256.hash(slot.key().array()), slot.proof())
                  .map(StateProofs::decodeSlot)
                  .orElse(UInt256.ZERO);
      if (!value.equals(slot.value())) {
        throw new InvalidProofException(
            "storage slot " + slot.key() + " is " + value + ", the proof claims " + slot.value());
      }
    }
  }

  private static void require(boolean holds, String field, AccountProof proof) {
    if (!holds) {
      throw new InvalidProofException(
          "the proven account " + proof.address() + " has another " + field + " than claimed");
    }
  }

  private record Account(long nonce, UInt256 balance, Hash storageRoot, Hash codeHash) {
    /** What eth_getProof reports for an account that does not exist (as geth does). */
    static final Account NONE = new Account(0, UInt256.ZERO, Hash.ZERO, Hash.ZERO);
  }

  private static Account decodeAccount(byte[] rlp) {
    try {
      RlpReader outer = RlpReader.of(rlp);
      RlpReader fields = outer.readList();
      outer.ensureEnd();
      Account account =
          new Account(
              fields.readLong(), fields.readUInt256(), fields.readHash(), fields.readHash());
      fields.ensureEnd();
      return account;
    } catch (RlpException e) {
      throw new InvalidProofException("account is not [nonce, balance, storageRoot, codeHash]", e);
    }
  }

  private static UInt256 decodeSlot(byte[] rlp) {
    try {
      RlpReader reader = RlpReader.of(rlp);
      UInt256 value = reader.readUInt256();
      reader.ensureEnd();
      return value;
    } catch (RlpException e) {
      throw new InvalidProofException("storage value is not an RLP integer", e);
    }
  }
}
