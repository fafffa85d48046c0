package io.merapi.execution.api.sign;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts a node signs for ({@code eth_accounts}, {@code eth_sendTransaction}, {@code
 * eth_sign}, ...): none on a normal node, as geth without a keystore; the funded dev keys on the
 * dev chain, as geth {@code --dev}, anvil and Hardhat. Keys stay in memory only.
 */
public final class NodeAccounts {
  /** A node that holds no keys: it signs nothing. */
  public static final NodeAccounts NONE = new NodeAccounts(List.of());

  private final Map<Address, Secp256k1.PrivateKey> keys = new LinkedHashMap<>();

  private NodeAccounts(List<Secp256k1.PrivateKey> keys) {
    keys.forEach(key -> this.keys.put(key.address(), key));
  }

  /** Signs with {@code keys}; {@code eth_accounts} lists them in this order. */
  public static NodeAccounts of(List<Secp256k1.PrivateKey> keys) {
    return new NodeAccounts(List.copyOf(keys));
  }

  public List<Address> addresses() {
    return List.copyOf(keys.keySet());
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The key of {@code address}, if the node holds it. */
  public Optional<Secp256k1.PrivateKey> key(Address address) {
    return Optional.ofNullable(keys.get(address));
  }
}
