package io.merapi.evm.precompile;

import io.merapi.base.bytes.Address;
import io.merapi.types.config.Fork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The precompiles active under one {@link PrecompileConfig}, by address. Every precompile address
 * in use is 0x00..00XX or 0x00..0100, so a lookup checks that the first 18 bytes are zero and then
 * indexes an array: the interpreter asks on every call to a low address, and at the start of a
 * transaction for the warm set (EIP-2929: {@link #addresses()}).
 *
 * <p>Sets are immutable and shared: {@link #of} returns the same instance for equal configurations.
 */
public final class PrecompileSet {
  private static final int TABLE_SIZE = 0x101;
  private static final ConcurrentHashMap<PrecompileConfig, PrecompileSet> CACHE =
      new ConcurrentHashMap<>();

  private final PrecompileConfig config;
  private final Precompile[] byLowAddress = new Precompile[TABLE_SIZE];
  private final List<Address> addresses;

  private PrecompileSet(PrecompileConfig config) {
    this.config = config;
    Fork fork = config.fork();
    put(0x01, new EcRecover());
    put(0x02, new Sha256Hash());
    put(0x03, new Ripemd160Hash());
    put(0x04, new Identity());
    if (fork.isAtLeast(Fork.BYZANTIUM)) {
      boolean istanbul = fork.isAtLeast(Fork.ISTANBUL);
      put(0x05, modExp(fork));
      put(0x06, istanbul ? Bn254Add.ISTANBUL : Bn254Add.BYZANTIUM);
      put(0x07, istanbul ? Bn254Mul.ISTANBUL : Bn254Mul.BYZANTIUM);
      Bn254Pairing pairing = istanbul ? Bn254Pairing.ISTANBUL : Bn254Pairing.BYZANTIUM;
      if (config.bn254PairingMaxInputLength().isPresent()) {
        pairing = pairing.withMaxInputLength(config.bn254PairingMaxInputLength().getAsInt());
      }
      put(0x08, pairing);
    }
    if (fork.isAtLeast(Fork.ISTANBUL)) {
      put(0x09, new Blake2F());
    }
    if (fork.isAtLeast(Fork.CANCUN)) {
      put(0x0a, new PointEvaluation());
    }
    if (fork.isAtLeast(Fork.PRAGUE)) {
      // EIP-2537: the BLS12-381 precompiles.
      put(0x0b, BlsFixed.G1_ADD);
      put(0x0c, BlsMsm.G1);
      put(0x0d, BlsFixed.G2_ADD);
      put(0x0e, BlsMsm.G2);
      put(0x0f, new BlsPairing());
      put(0x10, BlsFixed.MAP_FP_TO_G1);
      put(0x11, BlsFixed.MAP_FP2_TO_G2);
    }
    if (fork.isAtLeast(Fork.OSAKA)) {
      // EIP-7951: L1's P256VERIFY, at the address and with the answers of RIP-7212.
      put(0x100, P256Verify.EIP7951);
    } else if (config.p256Verify()) {
      put(0x100, P256Verify.RIP7212);
    }
    List<Address> active = new ArrayList<>();
    for (int i = 0; i < TABLE_SIZE; i++) {
      if (byLowAddress[i] != null) {
        active.add(lowAddress(i));
      }
    }
    this.addresses = Collections.unmodifiableList(active);
  }

  private static ModExp modExp(Fork fork) {
    if (fork.isAtLeast(Fork.OSAKA)) {
      return ModExp.OSAKA; // EIP-7823 bounds and EIP-7883 prices
    }
    return fork.isAtLeast(Fork.BERLIN) ? ModExp.BERLIN : ModExp.BYZANTIUM;
  }

  /** The set for {@code config}, built once per distinct configuration. */
  public static PrecompileSet of(PrecompileConfig config) {
    PrecompileSet cached = CACHE.get(config);
    if (cached != null) {
      return cached;
    }
    return CACHE.computeIfAbsent(config, PrecompileSet::new);
  }

  public PrecompileConfig config() {
    return config;
  }

  /** The precompile at {@code address}, or empty when it is an ordinary account. */
  public Optional<Precompile> get(Address address) {
    int index = lowIndex(address.array());
    return index < 0 ? Optional.empty() : Optional.ofNullable(byLowAddress[index]);
  }

  public boolean contains(Address address) {
    int index = lowIndex(address.array());
    return index >= 0 && byLowAddress[index] != null;
  }

  /** The active addresses in ascending order (all warm from the start of a transaction). */
  public List<Address> addresses() {
    return addresses;
  }

  private void put(int address, Precompile precompile) {
    byLowAddress[address] = precompile;
  }

  /** The last two bytes as an index below the table size, or -1 when the address is not low. */
  private static int lowIndex(byte[] address) {
    for (int i = 0; i < Address.LENGTH - 2; i++) {
      if (address[i] != 0) {
        return -1;
      }
    }
    int index = ((address[18] & 0xff) << 8) | (address[19] & 0xff);
    return index < TABLE_SIZE ? index : -1;
  }

  private static Address lowAddress(int index) {
    byte[] bytes = new byte[Address.LENGTH];
    bytes[18] = (byte) (index >>> 8);
    bytes[19] = (byte) index;
    return Address.wrap(bytes);
  }

  @Override
  public String toString() {
    return "PrecompileSet" + addresses;
  }
}
