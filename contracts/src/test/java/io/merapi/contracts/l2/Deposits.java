package io.merapi.contracts.l2;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.Predeploys;
import io.merapi.types.transaction.DepositTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deposit transactions as the rollup node derives them: the L1 attributes deposit built by the
 * execution engine's own encoders ({@link L1Attributes}), and the network upgrade transactions
 * (deposits from the depositor account, specs ecotone/derivation.md "Network Upgrade Automation
 * Transactions").
 */
final class Deposits {
  static final Address DEPOSITOR = Predeploys.L1_ATTRIBUTES_DEPOSITOR;

  /** {@code setL1BlockValuesIsthmus()} (specs isthmus/l1-attributes.md). */
  static final Bytes ISTHMUS_SELECTOR = Bytes.fromHex("0x098999be");

  private static final AtomicLong SOURCES = new AtomicLong();

  private Deposits() {}

  /** Runs the L1 attributes deposit of {@code attributes} (Regolith rules: 1,000,000 gas). */
  static Outcome l1Info(TestChain chain, L1Attributes attributes) {
    return chain.deposit(attributes.deposit(true));
  }

  /**
   * Isthmus' L1 attributes calldata: Ecotone's packed fields under the Isthmus selector, then the
   * operator fee scalar (uint32) and constant (uint64), 176 bytes.
   */
  static Bytes isthmusCalldata(
      L1Attributes.Ecotone ecotone, long operatorFeeScalar, long operatorFeeConstant) {
    byte[] base = ecotone.encode().toArray();
    byte[] out = new byte[176];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(ISTHMUS_SELECTOR.array(), 0, out, 0, 4);
    for (int i = 0; i < 4; i++) {
      out[164 + i] = (byte) (operatorFeeScalar >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      out[168 + i] = (byte) (operatorFeeConstant >>> (56 - 8 * i));
    }
    return Bytes.wrap(out);
  }

  /** A deposit of {@code data} from {@code from} to {@code to}, with 1,000,000 gas and no value. */
  static Outcome call(TestChain chain, Address from, Address to, Bytes data) {
    Hash source =
        Keccak256.digest(
            ("test deposit " + SOURCES.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
    return chain.deposit(
        new DepositTransaction(
            source, from, Optional.of(to), UInt256.ZERO, UInt256.ZERO, 1_000_000, false, data));
  }

  /** A network upgrade transaction: {@code call} from the depositor account. */
  static Outcome upgrade(TestChain chain, Address to, ContractCall<?> call) {
    return call(chain, DEPOSITOR, to, call.data());
  }
}
