package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.precompile.Precompile;
import io.merapi.evm.precompile.PrecompileResult;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs messages: the message-call and contract-creation procedures of the Yellow Paper (sections 7
 * and 8) around the {@link Interpreter}. Nested calls run on an explicit stack of pooled frames,
 * not by Java recursion, so depth 1024 needs no thread stack. One instance serves one block (or one
 * tool run) on one thread; {@link #execute} runs one message at a time.
 */
public final class Evm {
  static final byte[] EMPTY_BYTES = new byte[0];

  final EvmConfig config;
  final ForkRules rules;
  final Host host;
  final BlockContext block;
  final Tracer tracer;
  final boolean tracing;
  TxContext tx;

  private Frame[] frames = new Frame[8];
  private CallResult immediate;

  public Evm(EvmConfig config, Host host, BlockContext block, Tracer tracer) {
    this.config = config;
    this.rules = config.rules();
    this.host = host;
    this.block = block;
    this.tracer = tracer;
    this.tracing = tracer.isEnabled();
  }

  public EvmConfig config() {
    return config;
  }

  public BlockContext block() {
    return block;
  }

  public Host host() {
    return host;
  }

  /**
   * Runs {@code message} as the transaction's own frame (depth 1) with the transaction context
   * {@code tx}: value transfer, code execution, nested calls, creation checks. The caller (the
   * transaction processor) has done the transaction-level work: validity, upfront gas, nonce.
   */
  public CallResult execute(TxContext tx, Message message) {
    this.tx = tx;
    if (!enter(message, 0)) {
      CallResult result = takeImmediate();
      if (tracing) {
        tracer.onFrameEnd(1, result, message.gas() - result.gasLeft());
      }
      return result;
    }
    int index = 0;
    while (true) {
      Frame f = frames[index];
      int status = Interpreter.run(f, this);
      if (status == Interpreter.SUSPEND) {
        if (enter(f.pending, index + 1)) {
          index++;
        } else {
          resume(f, takeImmediate());
        }
        continue;
      }
      CallResult result = finish(f, Halt.ofCode(status));
      if (index == 0) {
        return result;
      }
      index--;
      resume(frames[index], result);
    }
  }

  // ---- entering frames ----

  /** Starts {@code m} at frame {@code index}: true if a frame is ready to run there. */
  private boolean enter(Message m, int index) {
    if (index > ForkRules.MAX_CALL_DEPTH) {
      return immediate(Halt.CALL_DEPTH, m.gas());
    }
    return m.kind().isCreate() ? enterCreate(m, index) : enterCall(m, index);
  }

  private boolean enterCall(Message m, int index) {
    CallKind kind = m.kind();
    UInt256 value = m.value();
    boolean transfers = kind == CallKind.CALL || kind == CallKind.CALLCODE;
    if (transfers && !value.isZero() && host.balance(m.caller()).compareTo(value) < 0) {
      return immediate(Halt.INSUFFICIENT_BALANCE, m.gas());
    }
    int checkpoint = host.checkpoint();
    Optional<Precompile> precompile =
        m.delegated() ? Optional.empty() : precompileAt(m.codeAddress());
    if (kind == CallKind.CALL) {
      Address to = m.recipient();
      if (precompile.isEmpty() && value.isZero() && !host.exists(to)) {
        // Calling an absent account without value does not create it (EIP-161).
        return immediate(Halt.STOP, m.gas());
      }
      host.subtractBalance(m.caller(), value);
      host.addBalance(to, value);
    } else if (kind == CallKind.STATICCALL) {
      host.addBalance(m.recipient(), UInt256.ZERO); // a static call still touches its target
    }
    if (precompile.isPresent()) {
      return runPrecompile(precompile.get(), m, checkpoint);
    }
    Hash codeHash = host.codeHash(m.codeAddress());
    if (codeHash.equals(Keccak256.EMPTY)) {
      return immediate(Halt.STOP, m.gas());
    }
    Address codeAddress = m.codeAddress();
    Code code = config.codeCache().get(codeHash, () -> host.code(codeAddress));
    Frame f = frame(index);
    f.start(
        kind,
        code,
        m.recipient(),
        m.caller(),
        codeAddress,
        value,
        m.input(),
        m.isStatic(),
        m.gas(),
        checkpoint);
    if (tracing) {
      tracer.onFrameStart(index + 1, kind, m);
    }
    return true;
  }

  private boolean runPrecompile(Precompile precompile, Message m, int checkpoint) {
    PrecompileResult result = precompile.execute(m.input(), m.gas());
    return switch (result) {
      case PrecompileResult.Success success when success.gasUsed() <= m.gas() ->
          finishImmediate(Halt.RETURN, success.output(), m.gas() - success.gasUsed());
      default -> {
        host.revertTo(checkpoint);
        yield finishImmediate(Halt.PRECOMPILE_FAILURE, EMPTY_BYTES, 0);
      }
    };
  }

  /** CREATE and CREATE2 (Yellow Paper section 7, EIP-684, EIP-7610, EIP-2929). */
  private boolean enterCreate(Message m, int index) {
    Address caller = m.caller();
    UInt256 value = m.value();
    if (host.balance(caller).compareTo(value) < 0) {
      return immediate(Halt.INSUFFICIENT_BALANCE, m.gas());
    }
    long nonce = host.nonce(caller);
    if (nonce == -1L) {
      return immediate(Halt.NONCE_OVERFLOW, m.gas());
    }
    Address address =
        m.kind() == CallKind.CREATE
            ? createAddress(caller, nonce)
            : create2Address(caller, m.salt(), Keccak256.hash(m.input()));
    host.setNonce(caller, nonce + 1);
    // Warm even if the creation fails: this is outside the new frame's checkpoint.
    host.accessAccount(address);
    if (host.nonce(address) != 0
        || !host.codeHash(address).equals(Keccak256.EMPTY)
        || host.hasStorage(address)) {
      return finishImmediate(Halt.CREATE_COLLISION, EMPTY_BYTES, 0);
    }
    int checkpoint = host.checkpoint();
    host.createContractAccount(address);
    host.setNonce(address, 1);
    host.subtractBalance(caller, value);
    host.addBalance(address, value);
    Frame f = frame(index);
    f.start(
        m.kind(),
        Code.ofInitcode(m.input()),
        address,
        caller,
        address,
        value,
        EMPTY_BYTES,
        false,
        m.gas(),
        checkpoint);
    if (tracing) {
      tracer.onFrameStart(index + 1, m.kind(), m);
    }
    return true;
  }

  /** The address of a CREATE: keccak256(rlp([sender, nonce]))[12:]. */
  public static Address createAddress(Address sender, long nonce) {
    byte[] rlp =
        new RlpWriter(32).startList().writeAddress(sender).writeLong(nonce).endList().toByteArray();
    byte[] hash = Keccak256.hash(rlp);
    return Address.copyOf(hash, 12);
  }

  /** The address of a CREATE2 (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(init)). */
  public static Address create2Address(Address sender, Hash salt, byte[] initcodeHash) {
    byte[] preimage = new byte[1 + 20 + 32 + 32];
    preimage[0] = (byte) 0xff;
    System.arraycopy(sender.array(), 0, preimage, 1, 20);
    System.arraycopy(salt.array(), 0, preimage, 21, 32);
    System.arraycopy(initcodeHash, 0, preimage, 53, 32);
    return Address.copyOf(Keccak256.hash(preimage), 12);
  }

  private Optional<Precompile> precompileAt(Address address) {
    return config.precompiles().get(address);
  }

  private Frame frame(int index) {
    if (index >= frames.length) {
      frames = Arrays.copyOf(frames, Math.min(frames.length * 2, ForkRules.MAX_CALL_DEPTH + 1));
    }
    Frame f = frames[index];
    if (f == null) {
      f = new Frame(this, index);
      frames[index] = f;
    }
    return f;
  }

  // ---- finishing frames ----

  private boolean immediate(Halt halt, long gasLeft) {
    immediate = new CallResult(halt, EMPTY_BYTES, gasLeft, Optional.empty());
    return false;
  }

  private boolean finishImmediate(Halt halt, byte[] output, long gasLeft) {
    immediate = new CallResult(halt, output, gasLeft, Optional.empty());
    return false;
  }

  private CallResult takeImmediate() {
    CallResult result = immediate;
    immediate = null;
    return result;
  }

  /** Ends frame {@code f} that halted with {@code halt}: code deposit, revert, result. */
  private CallResult finish(Frame f, Halt halt) {
    long gasLeft = f.gas;
    byte[] output = f.output;
    if (halt.isSuccess() && f.kind.isCreate()) {
      halt = depositCode(f, output);
      if (halt.isSuccess()) {
        gasLeft -= GasCosts.CODE_DEPOSIT * output.length;
      } else {
        output = EMPTY_BYTES;
      }
    }
    if (!halt.isSuccess()) {
      host.revertTo(f.checkpoint);
      if (!halt.returnsGas()) {
        gasLeft = 0;
      }
    }
    Optional<Address> created =
        halt.isSuccess() && f.kind.isCreate() ? Optional.of(f.address) : Optional.empty();
    CallResult result = new CallResult(halt, output, gasLeft, created);
    if (tracing) {
      tracer.onFrameEnd(f.index + 1, result, f.gasLimit - gasLeft);
    }
    f.input = EMPTY_BYTES;
    f.returnData = EMPTY_BYTES;
    return result;
  }

  /** Checks and stores the code a creation returned (EIP-170, EIP-3541, code deposit gas). */
  private Halt depositCode(Frame f, byte[] code) {
    if (code.length > GasCosts.MAX_CODE_SIZE) {
      return Halt.CODE_SIZE_EXCEEDED;
    }
    if (rules.rejectEfPrefix && code.length > 0 && code[0] == (byte) 0xef) {
      return Halt.INVALID_CODE;
    }
    if (f.gas < GasCosts.CODE_DEPOSIT * code.length) {
      return Halt.CODE_STORE_OUT_OF_GAS;
    }
    host.setCode(f.address, code);
    return Halt.RETURN;
  }

  /** Gives the parent {@code f} the result of the child it was waiting for. */
  private void resume(Frame f, CallResult result) {
    Message child = f.pending;
    f.pending = null;
    long[] s = f.stack;
    int o = f.sp << 2;
    f.gas += result.gasLeft();
    if (child.kind().isCreate()) {
      if (result.createdAddress().isPresent()) {
        Words.setAddress(s, o, result.createdAddress().get());
      } else {
        WordMath.zero(s, o);
      }
      f.returnData = result.halt() == Halt.REVERT ? result.output() : EMPTY_BYTES;
    } else {
      Halt halt = result.halt();
      StackOps.pushLong(s, o, halt.isSuccess() ? 1 : 0);
      byte[] output = result.output();
      if ((halt.isSuccess() || halt == Halt.REVERT) && output.length > 0) {
        int n = (int) Math.min(f.returnSize, output.length);
        if (n > 0) {
          System.arraycopy(output, 0, f.memory.array(), (int) f.returnOffset, n);
        }
      }
      f.returnData = output;
    }
    f.sp++;
  }
}
