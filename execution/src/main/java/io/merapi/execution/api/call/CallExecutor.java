package io.merapi.execution.api.call;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.CallResult;
import io.merapi.evm.Evm;
import io.merapi.evm.ForkRules;
import io.merapi.evm.GasCosts;
import io.merapi.evm.Message;
import io.merapi.evm.Tracer;
import io.merapi.evm.TxContext;
import io.merapi.state.BlobGas;
import io.merapi.state.JournaledState;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.IntrinsicGas;
import java.math.BigInteger;

/**
 * Runs a {@link CallMessage} on a fresh working copy of a state, as geth's {@code ApplyMessage}
 * does for {@code eth_call} ({@code SkipNonceChecks}, {@code SkipFromEOACheck}, {@code NoBaseFee}):
 * no nonce or sender-code checks; a call priced at zero runs with base fee zero and pays nothing;
 * otherwise the fee caps, the balance, the intrinsic gas and the value are checked as for a
 * transaction, the gas is bought, refunded and the tip paid. Nothing is stored.
 */
public final class CallExecutor {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private CallExecutor() {}

  /**
   * @throws CallException when the message cannot run (geth's pre-execution errors)
   */
  public static CallOutcome apply(CallEnvironment env, CallMessage msg, Tracer tracer) {
    JournaledState state = new JournaledState(env.state());
    ForkRules rules = env.evmConfig().rules();
    Fork fork = rules.fork();
    BlockContext block = env.block();
    boolean free = msg.feeCap().isZero() && msg.tipCap().isZero();
    // geth lowers the base fees to zero for unpriced calls, so that basefee <= feecap holds.
    if (msg.gasPrice().isZero()) {
      block = withBaseFees(block, UInt256.ZERO, block.blobBaseFee());
    }
    if (msg.blobFeeCap().isPresent() && msg.blobFeeCap().get().isZero()) {
      block = withBaseFees(block, block.baseFee(), UInt256.ZERO);
    }
    Address from = msg.from();

    if (rules.hasBaseFee() && !free) {
      if (msg.tipCap().compareTo(msg.feeCap()) > 0) {
        throw new CallException(
            "max priority fee per gas higher than max fee per gas: address "
                + from.toChecksumHex()
                + ", maxPriorityFeePerGas: "
                + msg.tipCap().toDecimalString()
                + ", maxFeePerGas: "
                + msg.feeCap().toDecimalString());
      }
      if (msg.feeCap().compareTo(block.baseFee()) < 0) {
        throw new CallException(
            "max fee per gas less than block base fee: address "
                + from.toChecksumHex()
                + ", maxFeePerGas: "
                + msg.feeCap().toDecimalString()
                + ", baseFee: "
                + block.baseFee().toDecimalString());
      }
    }
    long blobGas = (long) msg.blobHashes().size() * BlobGas.GAS_PER_BLOB;
    if (!msg.blobHashes().isEmpty()) {
      if (!rules.hasBlobs()) {
        throw new CallException("blob transactions are not supported at " + fork);
      }
      if (msg.to().isEmpty()) {
        throw new CallException("blob transaction of type create");
      }
      UInt256 blobFeeCap = msg.blobFeeCap().orElse(UInt256.ZERO);
      if (!blobFeeCap.isZero() && blobFeeCap.compareTo(block.blobBaseFee()) < 0) {
        throw new CallException(
            "max fee per blob gas less than block blob gas fee: address "
                + from.toChecksumHex()
                + " blobGasFeeCap: "
                + blobFeeCap.toDecimalString()
                + ", blobBaseFee: "
                + block.blobBaseFee().toDecimalString());
      }
    }

    // Buy the gas: the balance must cover gas at the fee cap, the value and the blob fee cap.
    BigInteger gasLimit = new BigInteger(Long.toUnsignedString(msg.gasLimit()));
    BigInteger required =
        gasLimit.multiply(msg.feeCap().toBigInteger()).add(msg.value().toBigInteger());
    BigInteger cost = gasLimit.multiply(msg.gasPrice().toBigInteger());
    if (blobGas > 0) {
      BigInteger blob = BigInteger.valueOf(blobGas);
      required = required.add(blob.multiply(msg.blobFeeCap().orElse(UInt256.ZERO).toBigInteger()));
      cost = cost.add(blob.multiply(block.blobBaseFee().toBigInteger()));
    }
    if (required.compareTo(TWO_256) >= 0) {
      throw new CallException(
          "insufficient funds for gas * price + value: address "
              + from.toChecksumHex()
              + " required balance exceeds 256 bits");
    }
    UInt256 balance = state.balance(from);
    if (balance.toBigInteger().compareTo(required) < 0) {
      throw new CallException(
          "insufficient funds for gas * price + value: address "
              + from.toChecksumHex()
              + " have "
              + balance.toDecimalString()
              + " want "
              + required);
    }
    state.subtractBalance(from, UInt256.valueOf(cost));

    IntrinsicGas intrinsic = IntrinsicGas.of(msg.asUnsignedTransaction(env.chainId()), fork);
    if (Long.compareUnsigned(msg.gasLimit(), intrinsic.gas()) < 0) {
      throw new CallException(
          "intrinsic gas too low: have "
              + Long.toUnsignedString(msg.gasLimit())
              + ", want "
              + intrinsic.gas(),
          true);
    }
    if (Long.compareUnsigned(msg.gasLimit(), intrinsic.floorGas()) < 0) {
      throw new CallException(
          "insufficient gas for floor data gas cost: have "
              + Long.toUnsignedString(msg.gasLimit())
              + ", want "
              + intrinsic.floorGas(),
          true);
    }
    if (!msg.value().isZero() && state.balance(from).compareTo(msg.value()) < 0) {
      throw new CallException("insufficient funds for transfer: address " + from.toChecksumHex());
    }
    if (rules.hasInitcodeLimit()
        && msg.to().isEmpty()
        && msg.data().length() > GasCosts.MAX_INITCODE_SIZE) {
      throw new CallException(
          "max initcode size exceeded: code size "
              + msg.data().length()
              + ", limit "
              + GasCosts.MAX_INITCODE_SIZE);
    }

    // EIP-2929 and EIP-2930: what is warm from the start.
    state.accessAccount(from);
    msg.to().ifPresent(state::accessAccount);
    env.evmConfig().precompiles().addresses().forEach(state::accessAccount);
    if (rules.hasWarmCoinbase()) {
      state.accessAccount(block.coinbase());
    }
    for (AccessList.Entry entry : msg.accessList().entries()) {
      state.accessAccount(entry.address());
      for (Hash key : entry.storageKeys()) {
        state.accessStorage(entry.address(), UInt256.fromHash(key));
      }
    }

    Evm evm = new Evm(env.evmConfig(), state, block, tracer);
    long gas = msg.gasLimit() - intrinsic.gas();
    Message message;
    if (msg.to().isPresent()) {
      state.setNonce(from, state.nonce(from) + 1);
      message = Message.call(from, msg.to().get(), msg.value(), msg.data().array(), gas);
    } else {
      message = Message.create(from, msg.value(), msg.data().array(), gas);
    }
    CallResult result = evm.execute(new TxContext(from, msg.gasPrice(), msg.blobHashes()), message);

    long gasUsed = msg.gasLimit() - result.gasLeft();
    long refund = Math.min(gasUsed / rules.maxRefundQuotient(), Math.max(0, state.refund()));
    gasUsed -= refund;
    gasUsed = Math.max(gasUsed, intrinsic.floorGas());
    state.addBalance(from, msg.gasPrice().multiply(msg.gasLimit() - gasUsed));
    if (!(rules.hasBaseFee() && free)) {
      UInt256 tip =
          rules.hasBaseFee()
              ? msg.tipCap().min(msg.feeCap().subtract(block.baseFee()))
              : msg.gasPrice();
      state.addBalance(block.coinbase(), tip.multiply(gasUsed));
    }
    return new CallOutcome(
        result.halt(),
        gasUsed,
        refund,
        result.output(),
        result.createdAddress(),
        result.isSuccess() ? state.logs() : java.util.List.of());
  }

  private static BlockContext withBaseFees(BlockContext b, UInt256 baseFee, UInt256 blobBaseFee) {
    return new BlockContext(
        b.coinbase(),
        b.number(),
        b.timestamp(),
        b.gasLimit(),
        baseFee,
        b.difficulty(),
        b.prevRandao(),
        blobBaseFee,
        b.blockHashes());
  }
}
