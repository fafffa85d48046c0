package io.merapi.execution.dev;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Bip32Key;
import io.merapi.base.crypto.Bip39Seed;
import io.merapi.base.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefunded accounts of the dev chain: the first keys of a BIP-39 mnemonic on Ethereum's BIP-44
 * path {@code m/44'/60'/0'/0/i}, the same accounts Hardhat, Anvil and the OP devnet derive from
 * {@code test test test test test test test test test test test junk}.
 */
public record DevAccounts(String mnemonic, List<Secp256k1.PrivateKey> keys) {
  public static final String DEFAULT_MNEMONIC =
      "test test test test test test test test test test test junk";

  /** BIP-44 path of account {@code i}: purpose 44', coin type 60' (ether), account 0', external. */
  public static final String PATH_PREFIX = "m/44'/60'/0'/0/";

  public static final int DEFAULT_COUNT = 10;

  public DevAccounts {
    keys = List.copyOf(keys);
  }

  /** The ten accounts of the default mnemonic. */
  public static DevAccounts defaults() {
    return derive(DEFAULT_MNEMONIC, DEFAULT_COUNT);
  }

  public static DevAccounts derive(String mnemonic, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one account, asked for " + count);
    }
    Bip32Key external = Bip32Key.master(Bip39Seed.of(mnemonic, "")).derive("m/44'/60'/0'/0");
    List<Secp256k1.PrivateKey> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(external.child(i).privateKey());
    }
    return new DevAccounts(mnemonic, keys);
  }

  public List<Address> addresses() {
    return keys.stream().map(Secp256k1.PrivateKey::address).toList();
  }
}
