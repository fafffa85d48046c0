package io.merapi.execution.api.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ArgFields;
import io.merapi.execution.api.ArgText;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state override argument of {@code eth_call} and friends (geth {@code StateOverride}): per
 * account a nonce, code, balance, and either a full storage replacement ({@code state}) or slots
 * changed on top of the stored ones ({@code stateDiff}). Applied as a {@link StateReader} over the
 * block's state, so the call sees the overrides as committed state.
 */
public record StateOverrides(Map<Address, AccountOverride> accounts) {
  /** One account's overrides. {@code state} replaces all storage; {@code stateDiff} adds to it. */
  public record AccountOverride(
      OptionalLong nonce,
      Optional<Bytes> code,
      Optional<UInt256> balance,
      Optional<Map<Hash, Hash>> state,
      Optional<Map<Hash, Hash>> stateDiff) {}

  public static final StateOverrides NONE = new StateOverrides(Map.of());

  public StateOverrides {
    accounts = Map.copyOf(accounts);
  }

  /**
   * Reads the argument: an object from addresses to account overrides.
   *
   * @throws IllegalArgumentException with geth's message
   */
  public static StateOverrides parse(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          ArgText.expected("an object from addresses to account overrides", node));
    }
    Map<Address, AccountOverride> accounts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      Address address = address(entry.getKey());
      ArgFields f =
          ArgFields.of(entry.getValue(), "account override of " + address.toChecksumHex());
      if (f.has("movePrecompileToAddress")) {
        throw new IllegalArgumentException("movePrecompileToAddress is not supported");
      }
      Optional<Map<Hash, Hash>> state = slots(f, "state");
      Optional<Map<Hash, Hash>> diff = slots(f, "stateDiff");
      if (state.isPresent() && diff.isPresent()) {
        throw new IllegalArgumentException(
            "account " + address.toChecksumHex() + " has both 'state' and 'stateDiff'");
      }
      accounts.put(
          address,
          new AccountOverride(f.uint64("nonce"), f.bytes("code"), f.big("balance"), state, diff));
    }
    return new StateOverrides(accounts);
  }

  private static Optional<Map<Hash, Hash>> slots(ArgFields f, String name) {
    Optional<JsonNode> node = f.node(name);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!node.get().isObject()) {
      throw f.problem(name, ArgText.expected("an object from slots to values", node.get()));
    }
    Map<Hash, Hash> slots = new HashMap<>();
    for (Map.Entry<String, JsonNode> slot : node.get().properties()) {
      if (!slot.getValue().isTextual()) {
        throw f.problem(
            name, ArgText.expected("each slot's value as a 32-byte hex string", slot.getValue()));
      }
      slots.put(word(slot.getKey()), word(slot.getValue().textValue()));
    }
    return Optional.of(slots);
  }

  private static Address address(String text) {
    byte[] bytes = hex(text);
    if (bytes.length != Address.LENGTH) {
      throw new IllegalArgumentException(
          ArgText.length(2 * bytes.length, Address.LENGTH, "a 20-byte address"));
    }
    return Address.wrap(bytes);
  }

  private static Hash word(String text) {
    byte[] bytes = hex(text);
    if (bytes.length != Hash.LENGTH) {
      throw new IllegalArgumentException(
          ArgText.length(2 * bytes.length, Hash.LENGTH, "a 32-byte word"));
    }
    return Hash.wrap(bytes);
  }

  private static byte[] hex(String text) {
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException("hex string without 0x prefix");
    }
    try {
      return HexFormat.of().parseHex(text.substring(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid hex string");
    }
  }

  public boolean isEmpty() {
    return accounts.isEmpty();
  }

  /** {@code base} with these overrides on top. */
  public StateReader over(StateReader base) {
    return isEmpty() ? base : new Overridden(base, accounts);
  }

  /** The state a call sees: overridden accounts first, the block's state for the rest. */
  private static final class Overridden implements StateReader {
    /**
     * A stand-in storage root for overridden storage: the state only consults storage for accounts
     * whose root is not the empty one, and an override with slots must be consulted.
     */
    private static final Hash OVERRIDDEN_STORAGE = Keccak256.digest(new byte[] {1});

    private final StateReader base;
    private final Map<Address, AccountOverride> overrides;
    private final Map<Hash, byte[]> codes = new HashMap<>();

    Overridden(StateReader base, Map<Address, AccountOverride> overrides) {
      this.base = base;
      this.overrides = overrides;
      for (AccountOverride account : overrides.values()) {
        account.code().ifPresent(code -> codes.put(Keccak256.digest(code.array()), code.array()));
      }
    }

    @Override
    public Optional<Account> account(Address address) {
      Optional<Account> stored = base.account(address);
      AccountOverride o = overrides.get(address);
      if (o == null) {
        return stored;
      }
      Account a = stored.orElse(Account.EMPTY);
      Hash storageRoot = a.storageRoot();
      if (o.state().isPresent()) {
        storageRoot = o.state().get().isEmpty() ? Account.EMPTY_STORAGE_ROOT : OVERRIDDEN_STORAGE;
      } else if (o.stateDiff().isPresent() && !o.stateDiff().get().isEmpty()) {
        if (storageRoot.equals(Account.EMPTY_STORAGE_ROOT)) {
          storageRoot = OVERRIDDEN_STORAGE;
        }
      }
      return Optional.of(
          new Account(
              o.nonce().orElse(a.nonce()),
              o.balance().orElse(a.balance()),
              storageRoot,
              o.code().map(c -> Keccak256.digest(c.array())).orElse(a.codeHash())));
    }

    @Override
    public UInt256 storage(Address address, UInt256 key) {
      AccountOverride o = overrides.get(address);
      if (o != null) {
        Hash slot = key.toHash();
        if (o.state().isPresent()) {
          Hash value = o.state().get().get(slot);
          return value == null ? UInt256.ZERO : UInt256.fromHash(value);
        }
        if (o.stateDiff().isPresent()) {
          Hash value = o.stateDiff().get().get(slot);
          if (value != null) {
            return UInt256.fromHash(value);
          }
        }
      }
      return base.storage(address, key);
    }

    @Override
    public byte[] code(Hash codeHash) {
      byte[] code = codes.get(codeHash);
      return code != null ? code : base.code(codeHash);
    }
  }
}
