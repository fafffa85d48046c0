package io.merapi.contracts.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal.Events.TransactionDeposited;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.structs.OutputRootProof;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.types.receipt.Log;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries messages between a test L1 and a test L2 the way the protocol does: deposits are derived
 * from the portal's TransactionDeposited logs ({@link UserDeposits}) and run on L2; withdrawals are
 * proven against an output root of the L2 state (specs proposals.md) and finalized through the
 * portal (specs withdrawals.md).
 */
final class CrossChain {
  private CrossChain() {}

  /**
   * Runs on {@code l2} every deposit that {@code l1Outcome} (a transaction on {@code l1}, alone in
   * its block) made through {@code portal}.
   */
  static List<Outcome> relayDeposits(
      TestChain l1, Outcome l1Outcome, Address portal, TestChain l2) {
    Hash l1BlockHash = l1.blockHash(l1.number());
    List<Outcome> out = new ArrayList<>();
    List<Log> logs = l1Outcome.logs();
    for (int i = 0; i < logs.size(); i++) {
      Log log = logs.get(i);
      if (log.address().equals(portal) && TransactionDeposited.from(log).isPresent()) {
        out.add(l2.deposit(UserDeposits.fromLog(log, l1BlockHash, i)));
      }
    }
    return out;
  }

  /** The withdrawal that a MessagePassed event describes. */
  static WithdrawalTransaction withdrawal(MessagePassed m) {
    return new WithdrawalTransaction(
        m.nonce(), m.sender(), m.target(), m.value(), m.gasLimit(), m.data());
  }

  /** keccak256(abi.encode(nonce, sender, target, value, gasLimit, data)), written out. */
  static Hash withdrawalHash(WithdrawalTransaction w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(w.nonce().toBytes());
    out.writeBytes(w.sender().toWord().array());
    out.writeBytes(w.target().toWord().array());
    out.writeBytes(w.value().toBytes());
    out.writeBytes(w.gasLimit().toBytes());
    out.writeBytes(UInt256.valueOf(6 * 32).toBytes());
    out.writeBytes(UInt256.valueOf(w.data().length()).toBytes());
    out.writeBytes(w.data().array());
    out.writeBytes(new byte[(32 - w.data().length() % 32) % 32]);
    return Keccak256.digest(out.toByteArray());
  }

  /**
   * Proposes an output of the current L2 state, proves {@code withdrawal} against it, waits out the
   * finalization period and finalizes it from {@code finalizer}; returns the finalization.
   */
  static Outcome proveAndFinalize(
      L1System l1, TestChain l2, WithdrawalTransaction withdrawal, Address finalizer) {
    Address passer = Fixtures.L2_TO_L1_MESSAGE_PASSER;
    OutputRootProof proof =
        new OutputRootProof(
            Hash.ZERO, l2.stateRoot(), l2.storageRoot(passer), l2.blockHash(l2.number()));
    ByteArrayOutputStream preimage = new ByteArrayOutputStream();
    preimage.writeBytes(proof.version().array());
    preimage.writeBytes(proof.stateRoot().array());
    preimage.writeBytes(proof.messagePasserStorageRoot().array());
    preimage.writeBytes(proof.latestBlockhash().array());
    Hash outputRoot = Keccak256.digest(preimage.toByteArray());

    UInt256 index = l1.propose(outputRoot);
    Hash slot = Fixtures.mappingSlot(withdrawalHash(withdrawal), 0).toHash();
    List<Bytes> storageProof = l2.storageProof(passer, slot);
    l1.chain.mine();
    l1.chain
        .send(
            finalizer,
            l1.portal,
            OptimismPortal.proveWithdrawalTransaction(withdrawal, index, proof, storageProof))
        .requireSuccess();
    l1.chain.warp(L1System.FINALIZATION_PERIOD + 1);
    return l1.chain.send(
        finalizer, l1.portal, OptimismPortal.finalizeWithdrawalTransaction(withdrawal));
  }
}
