package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.evm.precompile.Precompile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The precompiled contracts of a configuration (fork plus chain options such as RIP-7212 on OP
 * Fjord), looked up by address on every call. Their addresses are warm from the start of each
 * transaction (EIP-2929).
 */
public interface Precompiles {
  Optional<Precompile> get(Address address);

  List<Address> addresses();

  /** No precompiles. */
  Precompiles NONE = of(Map.of());

  /** A fixed set. */
  static Precompiles of(Map<Address, Precompile> byAddress) {
    Map<Address, Precompile> copy = Map.copyOf(byAddress);
    List<Address> addresses = copy.keySet().stream().sorted().toList();
    return new Precompiles() {
      @Override
      public Optional<Precompile> get(Address address) {
        return Optional.ofNullable(copy.get(address));
      }

      @Override
      public List<Address> addresses() {
        return addresses;
      }
    };
  }
}
