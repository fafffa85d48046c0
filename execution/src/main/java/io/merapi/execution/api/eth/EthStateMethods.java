package io.merapi.execution.api.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ArgText;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import io.merapi.trie.SecureTrie;
import io.merapi.trie.proof.AccountProof;
import io.merapi.trie.proof.StateProofs;
import io.merapi.trie.proof.StorageProof;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * Account state at a block: {@code eth_getBalance}, {@code eth_getCode}, {@code eth_getStorageAt},
 * {@code eth_getTransactionCount}, {@code eth_getProof}. The head's state is read from the flat
 * view, older states through their tries.
 */
public final class EthStateMethods {
  private final ChainAccess chain;
  private final PoolAccess pool;

  public EthStateMethods(ChainAccess chain, PoolAccess pool) {
    this.chain = chain;
    this.pool = pool;
  }

  public void register(RpcMethods methods) {
    methods.blocking("eth_getBalance", 1, 2, this::getBalance);
    methods.blocking("eth_getCode", 1, 2, this::getCode);
    methods.blocking("eth_getStorageAt", 2, 3, this::getStorageAt);
    methods.blocking("eth_getTransactionCount", 1, 2, this::getTransactionCount);
    methods.blocking("eth_getProof", 2, 3, this::getProof);
  }

  private StateReader state(Params params, int index) {
    return chain.state(chain.require(BlockParam.numberOrHash(params, index)));
  }

  private Object getBalance(Params params) {
    Address address = params.address(0);
    StateReader state = state(params, 1);
    return state.account(address).map(Account::balance).orElse(UInt256.ZERO).toQuantity();
  }

  private Object getCode(Params params) {
    Address address = params.address(0);
    StateReader state = state(params, 1);
    return state.account(address).map(a -> Hex.encode(state.code(a.codeHash()))).orElse("0x");
  }

  private Object getStorageAt(Params params) {
    Address address = params.address(0);
    StorageKey key = StorageKey.parse(params, 1);
    StateReader state = state(params, 2);
    return state.storage(address, UInt256.fromHash(key.hash())).toHash().toHex();
  }

  private Object getTransactionCount(Params params) {
    Address address = params.address(0);
    BlockParam block = BlockParam.numberOrHash(params, 1);
    if (block instanceof BlockParam.Named named && named.tag() == BlockParam.Tag.PENDING) {
      OptionalLong pending = pool.pendingNonce(address);
      if (pending.isPresent()) {
        return Hex.quantity(pending.getAsLong());
      }
    }
    StateReader state = chain.state(chain.require(block));
    return Hex.quantity(state.account(address).map(Account::nonce).orElse(0L));
  }

  /** The answer of {@code eth_getProof}, in its field order. */
  record ProofResult(
      Address address,
      List<Bytes> accountProof,
      UInt256 balance,
      Hash codeHash,
      String nonce,
      Hash storageHash,
      List<SlotProof> storageProof) {}

  record SlotProof(String key, UInt256 value, List<Bytes> proof) {}

  private Object getProof(Params params) {
    Address address = params.address(0);
    JsonNode keysNode = params.node(1);
    if (!keysNode.isArray()) {
      throw Params.invalid(1, ArgText.expected("an array of storage keys", keysNode));
    }
    List<StorageKey> keys = new ArrayList<>();
    for (JsonNode key : keysNode) {
      if (!key.isTextual()) {
        throw Params.invalid(1, ArgText.expected("each storage key as a string", key));
      }
      keys.add(StorageKey.parse(key.textValue()));
    }
    ChainHead block = chain.require(BlockParam.numberOrHash(params, 2));
    SecureTrie accounts = SecureTrie.open(block.header().stateRoot(), chain.nodes());
    AccountProof proof =
        StateProofs.prove(
            accounts,
            root -> SecureTrie.open(root, chain.nodes()),
            address,
            keys.stream().map(StorageKey::hash).toList());
    List<SlotProof> slots = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      StorageProof slot = proof.storageProof().get(i);
      slots.add(new SlotProof(keys.get(i).output(), slot.value(), slot.proof()));
    }
    return new ProofResult(
        proof.address(),
        proof.accountProof(),
        proof.balance(),
        proof.codeHash(),
        Hex.quantity(proof.nonce()),
        proof.storageHash(),
        slots);
  }

  /**
   * A storage key as geth reads it ({@code decodeHash}): hex with or without {@code 0x}, odd
   * lengths padded, at most 32 bytes. A proof echoes a 32-byte key as given and a shorter one as a
   * quantity.
   */
  record StorageKey(Hash hash, int inputLength) {
    static StorageKey parse(Params params, int index) {
      JsonNode node = params.node(index);
      if (!node.isTextual()) {
        throw Params.invalid(index, ArgText.expected("a storage key as a string", node));
      }
      return parse(node.textValue());
    }

    static StorageKey parse(String text) {
      String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
      if ((digits.length() & 1) != 0) {
        digits = "0" + digits;
      }
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(digits);
      } catch (IllegalArgumentException e) {
        throw ChainAccess.serverError("unable to decode storage key: hex string invalid");
      }
      if (bytes.length > Hash.LENGTH) {
        throw ChainAccess.serverError(
            "unable to decode storage key: hex string too long, want at most 32 bytes");
      }
      return new StorageKey(Hash.leftPad(bytes), bytes.length);
    }

    String output() {
      return inputLength == Hash.LENGTH ? hash.toHex() : UInt256.fromHash(hash).toQuantity();
    }
  }
}
