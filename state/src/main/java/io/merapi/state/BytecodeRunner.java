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
 * #SENDER}. Each run starts from the same state, so runs can be repeated for timing. Not
 * thread-safe.
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
    this.shared = new JournaledState(base);
    this.untraced = new Evm(config, shared, block, Tracer.NONE);
  }

  public static BytecodeRunner of(Fork fork, byte[] code) {
    return new BytecodeRunner(EvmConfig.l1(fork, 1), code);
  }

  // Untraced runs share one state and EVM, as the transactions of a block do: every run's changes
  // are reverted afterwards, and the EVM's frames (stack, memory) are reused.
  private final JournaledState shared;
  private final Evm untraced;

  /** Calls the code with {@code input} and {@code gas}, from the same initial state every time. */
  public CallResult run(byte[] input, long gas, Tracer tracer) {
    if (!tracer.isEnabled()) {
      return call(untraced, shared, input, gas);
    }
    JournaledState state = new JournaledState(base);
    return call(new Evm(config, state, block, tracer), state, input, gas);
  }

  private CallResult call(Evm evm, JournaledState state, byte[] input, long gas) {
    int start = state.checkpoint();
    state.accessAccount(SENDER);
    state.accessAccount(RECEIVER);
    config.precompiles().addresses().forEach(state::accessAccount);
    try {
      return evm.execute(
          new TxContext(SENDER, UInt256.ZERO, List.of()),
          Message.call(SENDER, RECEIVER, UInt256.ZERO, input, gas));
    } finally {
      state.revertTo(start);
      state.finishTransaction(true);
    }
  }
}
