package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.CallResult;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Message;
import io.merapi.evm.Tracer;
import io.merapi.evm.TxContext;
import io.merapi.types.config.Fork;
import java.util.List;
import java.util.Map;

/**
 * Runs raw bytecode as a message call without a transaction around it (no intrinsic gas, no fee),
 * as geth's {@code evm run} does: the code sits at {@link #RECEIVER} and is called by {@link
 * #SENDER}. Each run starts from the same state, so runs can be repeated for timing.
 */
public final class BytecodeRunner {
  /**
   * The default sender and receiver of geth's {@code evm run}: "sender" and "receiver" in ASCII.
   */
  public static final Address SENDER =
      Address.fromHex("0x000000000000000000000000000073656e646572");

  public static final Address RECEIVER =
      Address.fromHex("0x0000000000000000000000007265636569766572");

  private final InMemoryState base = new InMemoryState();
  private final EvmConfig config;
  private final BlockContext block;

  public BytecodeRunner(EvmConfig config, byte[] code) {
    this.config = config;
    base.put(RECEIVER, 0, UInt256.ZERO, code, Map.of());
    base.put(SENDER, 0, UInt256.MAX_VALUE.subtract(UInt256.ONE), new byte[0], Map.of());
    this.block =
        new BlockContext(
            Address.ZERO,
            1,
            0,
            Long.MAX_VALUE,
            UInt256.ZERO,
            UInt256.ZERO,
            Hash.ZERO,
            UInt256.ONE,
            n -> Hash.ZERO);
  }

  public static BytecodeRunner of(Fork fork, byte[] code) {
    return new BytecodeRunner(EvmConfig.l1(fork, 1), code);
  }

  /** Calls the code with {@code input} and {@code gas}, from a fresh copy of the state. */
  public CallResult run(byte[] input, long gas, Tracer tracer) {
    JournaledState state = new JournaledState(base);
    state.accessAccount(SENDER);
    state.accessAccount(RECEIVER);
    config.precompiles().addresses().forEach(state::accessAccount);
    Evm evm = new Evm(config, state, block, tracer);
    return evm.execute(
        new TxContext(SENDER, UInt256.ZERO, List.of()),
        Message.call(SENDER, RECEIVER, UInt256.ZERO, input, gas));
  }
}
