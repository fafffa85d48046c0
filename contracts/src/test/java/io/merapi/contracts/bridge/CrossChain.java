package io.merapi.contracts.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal.Events.TransactionDeposited;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.structs.OutputRootProof;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries messages between a test L1 and a test L2 the way the protocol does: deposits are derived
 * from the portal's TransactionDeposited logs (specs deposits.md "Deposit Contract", "Source hash
 * computation") and run on L2; withdrawals are proven against an output root of the L2 state (specs
 * proposals.md) and finalized through the portal (specs withdrawals.md).
 */
final class CrossChain {
  private CrossChain() {}

  /**
   * The L2 deposit transaction of a TransactionDeposited log (version 0): {@code from} and {@code
   * to} from the topics (the portal already aliased a contract sender), then the opaque data {@code
   * mint (32) ++ value (32) ++ gasLimit (8) ++ isCreation (1) ++ data}, and the user-deposit source
   * hash {@code keccak256(bytes32(0) ++ keccak256(l1BlockHash ++ bytes32(logIndex)))}.
   *
   * @param logIndex the log's index in its L1 block
   */
  static DepositTransaction depositFromLog(Log log, Hash l1BlockHash, long logIndex) {
    TransactionDeposited event =
        TransactionDeposited.from(log)
            .orElseThrow(() -> new IllegalArgumentException("not a TransactionDeposited log"));
    if (!event.version().isZero()) {
      throw new IllegalArgumentException("unknown deposit version " + event.version());
    }
    byte[] opaque = event.opaqueData().array();
    if (opaque.length < 73) {
      throw new IllegalArgumentException("opaque data too short: " + opaque.length);
    }
    UInt256 mint = UInt256.fromBytes(opaque, 0, 32);
    UInt256 value = UInt256.fromBytes(opaque, 32, 32);
    long gasLimit = UInt256.fromBytes(opaque, 64, 8).toLongExact();
    boolean isCreation = opaque[72] != 0;
    Bytes data = Bytes.wrap(java.util.Arrays.copyOfRange(opaque, 73, opaque.length));
    Optional<Address> to = isCreation ? Optional.empty() : Optional.of(event.to());
    return new DepositTransaction(
        userDepositSourceHash(l1BlockHash, logIndex),
        event.from(),
        to,
        mint,
        value,
        gasLimit,
        false,
        data);
  }

  /**
   * keccak256(bytes32(0) ++ keccak256(l1BlockHash ++ bytes32(logIndex))): domain 0, user deposits.
   */
  static Hash userDepositSourceHash(Hash l1BlockHash, long logIndex) {
    return sourceHash(0, l1BlockHash, logIndex);
  }

  /**
   * keccak256(bytes32(domain) ++ keccak256(l1BlockHash ++ bytes32(index))): the source hash of the
   * deposits identified by an L1 block and an index (domain 0 user deposits by log index, domain 1
   * L1 attributes by sequence number, specs deposits.md "Source hash computation").
   */
  static Hash sourceHash(long domain, Hash l1BlockHash, long index) {
    byte[] depositId = new byte[64];
    System.arraycopy(l1BlockHash.array(), 0, depositId, 0, 32);
    UInt256.valueOf(index).toBytes(depositId, 32);
    byte[] outer = new byte[64];
    UInt256.valueOf(domain).toBytes(outer, 0);
    System.arraycopy(Keccak256.hash(depositId), 0, outer, 32, 32);
    return Keccak256.digest(outer);
  }

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
        out.add(l2.deposit(depositFromLog(log, l1BlockHash, i)));
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
