package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.Map;
import java.util.Optional;

/**
 * The net change of one account over a block: deleted ({@code exists} false), or its new fields and
 * the storage slots whose values changed. {@code storageCleared} means the committed storage is
 * gone (the account was deleted and perhaps created again) and {@code storage} is all of it. {@code
 * code} carries the bytes when the account has code, so a store can keep code by hash.
 */
public record AccountChange(
    Address address,
    boolean exists,
    long nonce,
    UInt256 balance,
    Hash codeHash,
    Optional<Bytes> code,
    boolean storageCleared,
    Map<UInt256, UInt256> storage) {

  public AccountChange {
    storage = Map.copyOf(storage);
  }

  public static AccountChange deleted(Address address) {
    return new AccountChange(
        address, false, 0, UInt256.ZERO, Account.EMPTY_CODE_HASH, Optional.empty(), true, Map.of());
  }
}
