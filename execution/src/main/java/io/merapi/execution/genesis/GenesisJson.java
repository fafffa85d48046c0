package io.merapi.execution.genesis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import java.util.Map;

/**
 * A {@link Genesis} written as geth's {@code genesis.json} (with op-geth's {@code optimism} config
 * section), so that {@link Genesis#fromJson} — and geth, op-geth and Merapi's {@code execution
 * init} — read back the same genesis block. Quantities are hex strings as geth writes them.
 */
public final class GenesisJson {
  private GenesisJson() {}

  public static ObjectNode toJson(Genesis genesis) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("config", ChainConfigJson.toJson(genesis.config()));
    root.put("nonce", quantity(genesis.nonce()));
    root.put("timestamp", quantity(genesis.timestamp()));
    root.put("extraData", genesis.extraData().toHex());
    root.put("gasLimit", quantity(genesis.gasLimit()));
    genesis.difficulty().ifPresent(d -> root.put("difficulty", d.toQuantity()));
    root.put("mixHash", genesis.mixHash().toHex());
    root.put("coinbase", genesis.coinbase().toHex());
    ObjectNode alloc = root.putObject("alloc");
    for (Map.Entry<Address, GenesisAccount> e : genesis.alloc().entrySet()) {
      alloc.set(e.getKey().toHex(), account(e.getValue()));
    }
    root.put("number", quantity(genesis.number()));
    root.put("gasUsed", quantity(genesis.gasUsed()));
    root.put("parentHash", genesis.parentHash().toHex());
    genesis.baseFeePerGas().ifPresent(b -> root.put("baseFeePerGas", b.toQuantity()));
    genesis.excessBlobGas().ifPresent(v -> root.put("excessBlobGas", quantity(v)));
    genesis.blobGasUsed().ifPresent(v -> root.put("blobGasUsed", quantity(v)));
    genesis.stateHash().ifPresent(h -> root.put("stateHash", h.toHex()));
    return root;
  }

  private static ObjectNode account(GenesisAccount account) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (!account.code().isEmpty()) {
      node.put("code", account.code().toHex());
    }
    if (!account.storage().isEmpty()) {
      ObjectNode storage = node.putObject("storage");
      for (Map.Entry<Hash, Hash> slot : account.storage().entrySet()) {
        storage.put(slot.getKey().toHex(), slot.getValue().toHex());
      }
    }
    node.put("balance", account.balance().toQuantity());
    if (account.nonce() != 0) {
      node.put("nonce", quantity(account.nonce()));
    }
    return node;
  }

  private static String quantity(long unsigned) {
    return UInt256.valueOf(unsigned).toQuantity();
  }
}
