package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;
import java.util.List;

/** Runs bytecode against a {@link FakeHost}. */
final class EvmTestSupport {
  static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000000c0de0");
  static final Address SENDER = Address.fromHex("0x000000000000000000000000000000000000ca11");

  private EvmTestSupport() {}

  static BlockContext block() {
    return new BlockContext(
        Address.fromHex("0x00000000000000000000000000000000000000cb"),
        100,
        1_700_000_000L,
        30_000_000,
        UInt256.valueOf(7),
        UInt256.ZERO,
        Hash.fromHex("0x" + "11".repeat(32)),
        UInt256.ONE,
        n -> Hash.leftPad(new byte[] {(byte) n}));
  }

  static TxContext tx() {
    return new TxContext(SENDER, UInt256.valueOf(10), List.of());
  }

  static CallResult run(String codeHex, String inputHex, long gas) {
    return run(Fork.CANCUN, new FakeHost(), codeHex, inputHex, gas, Tracer.NONE);
  }

  static CallResult run(
      Fork fork, FakeHost host, String codeHex, String inputHex, long gas, Tracer tracer) {
    host.put(CONTRACT, Hex.decode(codeHex), UInt256.ZERO);
    host.put(SENDER, new byte[0], UInt256.valueOf(1_000_000_000L));
    host.accessAccount(SENDER);
    host.accessAccount(CONTRACT);
    Evm evm = new Evm(EvmConfig.l1(fork, 1), host, block(), tracer);
    return evm.execute(
        tx(), Message.call(SENDER, CONTRACT, UInt256.ZERO, Hex.decode(inputHex), gas));
  }
}
