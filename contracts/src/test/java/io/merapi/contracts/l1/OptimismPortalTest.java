package io.merapi.contracts.l1;

import static io.merapi.contracts.l1.L1Fixture.FINALIZATION_PERIOD;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.libraries.TestSolidity;
import io.merapi.contracts.structs.OutputRootProof;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Withdrawals through OptimismPortal (specs withdrawals.md "The Optimism Portal Contract"): proven
 * against an output root proposed to the L2OutputOracle, finalized once the proof and the output
 * are older than the finalization period, with the OP Stack's revert strings for each refusal (the
 * Optimism SDK and viem's legacy path read them).
 */
class OptimismPortalTest {
  private static final UInt256 ETHER = TestChain.ETHER;

  private final L1Fixture f = new L1Fixture();
  private final Address prover = TestChain.address("prover");
  private final Address l2Sender = TestChain.address("l2 sender");
  private final Address target;
  private final WithdrawalTransaction tx;
  private long nextL2Block = L1Fixture.SUBMISSION_INTERVAL;

  OptimismPortalTest() {
    target =
        f.chain.deploy(
            f.deployer,
            TestSolidity.contract("WithdrawalTarget").deployment("(address)", f.portal));
    tx = withdrawal(3, TestSolidity.call("record()").data(), ETHER);
    f.chain.setBalance(f.portal, ETHER.multiply(UInt256.valueOf(10)));
    f.sendOnL2(tx);
    f.sendOtherWithdrawalsOnL2(300, 2);
  }

  private WithdrawalTransaction withdrawal(long nonce, Bytes data, UInt256 value) {
    return new WithdrawalTransaction(
        UInt256.valueOf(nonce), l2Sender, target, value, UInt256.valueOf(200_000), data);
  }

  /** Proposes `root` for the next L2 block due; returns its output index. */
  private UInt256 propose(Hash root) {
    UInt256 index = f.call(f.l2OutputOracle, L2OutputOracle.nextOutputIndex());
    f.send(
            f.proposer,
            f.l2OutputOracle,
            L2OutputOracle.proposeL2Output(
                root, UInt256.valueOf(nextL2Block), Hash.ZERO, UInt256.ZERO))
        .requireSuccess();
    nextL2Block += L1Fixture.SUBMISSION_INTERVAL;
    return index;
  }

  private Outcome prove(WithdrawalTransaction w, UInt256 index) {
    return prove(w, index, f.outputRootProof(), f.withdrawalProof(w));
  }

  private Outcome prove(
      WithdrawalTransaction w, UInt256 index, OutputRootProof rootProof, List<Bytes> proof) {
    return f.send(
        prover, f.portal, OptimismPortal.proveWithdrawalTransaction(w, index, rootProof, proof));
  }

  private Outcome finalize(WithdrawalTransaction w) {
    return f.send(prover, f.portal, OptimismPortal.finalizeWithdrawalTransaction(w));
  }

  static String why(Outcome o) {
    assertThat(o.isSuccess()).as("should have reverted").isFalse();
    byte[] data = o.revertData();
    Optional<OptimismPortal.CustomError> custom = OptimismPortal.CustomError.decode(data);
    if (custom.isPresent()) {
      return custom.get().getClass().getSimpleName();
    }
    Optional<List<Object>> panic = AbiError.PANIC.decode(data);
    if (panic.isPresent()) {
      return "Panic(" + ((UInt256) panic.get().get(0)).toLongExact() + ")";
    }
    return AbiError.reason(data).orElse("data " + Bytes.wrap(data).toHex());
  }

  private OutputRootProof proofWithBlockHash(String label) {
    OutputRootProof p = f.outputRootProof();
    return new OutputRootProof(
        p.version(),
        p.stateRoot(),
        p.messagePasserStorageRoot(),
        Keccak256.digest(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void aWithdrawalIsProvenAgainstAnOutputAndFinalizedAfterTheFinalizationPeriod() {
    Hash hash = L1Fixture.withdrawalHash(tx);
    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    Hash root = f.call(f.l2OutputOracle, L2OutputOracle.getL2Output(index)).outputRoot();
    assertThat(why(finalize(tx))).isEqualTo("OptimismPortal: withdrawal has not been proven yet");

    Outcome proven = prove(tx, index).requireSuccess();
    assertThat(OptimismPortal.Events.WithdrawalProven.in(proven.logs()))
        .containsExactly(new OptimismPortal.Events.WithdrawalProven(hash, l2Sender, target));
    assertThat(f.call(f.portal, OptimismPortal.provenWithdrawals(hash)))
        .isEqualTo(
            new OptimismPortal.ProvenWithdrawalsResult(
                root, UInt256.valueOf(f.chain.timestamp()), index));
    // viem's legacy path: waiting-to-finalize while this is false.
    assertThat(f.call(f.portal, OptimismPortal.isOutputFinalized(index))).isFalse();

    assertThat(why(finalize(tx)))
        .isEqualTo("OptimismPortal: proven withdrawal finalization period has not elapsed");
    f.chain.warp(FINALIZATION_PERIOD);
    assertThat(why(finalize(tx)))
        .isEqualTo("OptimismPortal: proven withdrawal finalization period has not elapsed");
    f.chain.mine();
    assertThat(f.call(f.portal, OptimismPortal.isOutputFinalized(index))).isTrue();

    Outcome finalized = finalize(tx).requireSuccess();
    assertThat(OptimismPortal.Events.WithdrawalFinalized.in(finalized.logs()))
        .containsExactly(new OptimismPortal.Events.WithdrawalFinalized(hash, true));
    Address seen =
        f.call(
            target, TestSolidity.call("seenL2Sender()", "(address)", out -> (Address) out.get(0)));
    assertThat(seen).isEqualTo(l2Sender);
    assertThat(f.chain.balance(target)).isEqualTo(ETHER);
    assertThat(f.call(f.portal, OptimismPortal.l2Sender())).isEqualTo(L1Fixture.DEFAULT_L2_SENDER);
    assertThat(f.call(f.portal, OptimismPortal.finalizedWithdrawals(hash))).isTrue();
    assertThat(why(finalize(tx)))
        .isEqualTo("OptimismPortal: withdrawal has already been finalized");
  }

  @Test
  void badProofsAreRefused() {
    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    assertThat(why(prove(tx, index, proofWithBlockHash("another block"), f.withdrawalProof(tx))))
        .isEqualTo("OptimismPortal: invalid output root proof");
    // No output at that index.
    assertThat(why(prove(tx, UInt256.valueOf(5)))).isEqualTo("Panic(50)");

    WithdrawalTransaction odd = withdrawal(4, Bytes.EMPTY, UInt256.ZERO);
    f.l2.setStorage(
        L1Fixture.MESSAGE_PASSER,
        UInt256.fromHash(L1Fixture.sentMessageSlot(L1Fixture.withdrawalHash(odd))),
        UInt256.valueOf(2));
    UInt256 index2 = propose(L1Fixture.outputRoot(f.outputRootProof()));
    assertThat(why(prove(odd, index2)))
        .isEqualTo("OptimismPortal: invalid withdrawal inclusion proof");
    List<Bytes> tampered = new ArrayList<>(f.withdrawalProof(tx));
    byte[] node = tampered.get(0).toArray();
    node[3] ^= 1;
    tampered.set(0, Bytes.wrap(node));
    assertThat(why(prove(tx, index2, f.outputRootProof(), tampered)))
        .isEqualTo("MerkleTrie: invalid root hash");

    WithdrawalTransaction toPortal =
        new WithdrawalTransaction(
            UInt256.ONE, l2Sender, f.portal, UInt256.ZERO, UInt256.valueOf(100_000), Bytes.EMPTY);
    assertThat(why(prove(toPortal, index2))).isEqualTo("BadTarget");
  }

  @Test
  void aWithdrawalIsProvenAgainOnlyWhenItsOutputWasReplaced() {
    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    prove(tx, index).requireSuccess();
    assertThat(why(prove(tx, index)))
        .isEqualTo("OptimismPortal: withdrawal hash has already been proven");

    // The challenger deletes the output; another root is proposed in its place.
    f.send(f.challenger, f.l2OutputOracle, L2OutputOracle.deleteL2Outputs(index)).requireSuccess();
    nextL2Block -= L1Fixture.SUBMISSION_INTERVAL;
    OutputRootProof replaced = proofWithBlockHash("replacement");
    propose(L1Fixture.outputRoot(replaced));
    f.chain.warp(FINALIZATION_PERIOD + 1);
    assertThat(why(finalize(tx)))
        .isEqualTo("OptimismPortal: output root proven is not the same as current output root");

    prove(tx, index, replaced, f.withdrawalProof(tx)).requireSuccess();
    assertThat(
            f.call(f.portal, OptimismPortal.provenWithdrawals(L1Fixture.withdrawalHash(tx)))
                .outputRoot())
        .isEqualTo(L1Fixture.outputRoot(replaced));
  }

  @Test
  void theOutputMustBeFinalToo() {
    // Proven against an output that is then deleted and proposed again (same root, newer).
    Hash root = L1Fixture.outputRoot(f.outputRootProof());
    UInt256 index = propose(root);
    prove(tx, index).requireSuccess();
    f.chain.warp(FINALIZATION_PERIOD / 2);
    f.send(f.challenger, f.l2OutputOracle, L2OutputOracle.deleteL2Outputs(index)).requireSuccess();
    nextL2Block -= L1Fixture.SUBMISSION_INTERVAL;
    propose(root);
    f.chain.warp(FINALIZATION_PERIOD / 2 + 1);
    assertThat(why(finalize(tx)))
        .isEqualTo("OptimismPortal: output proposal finalization period has not elapsed");
    f.chain.warp(FINALIZATION_PERIOD / 2);
    finalize(tx).requireSuccess();
  }

  @Test
  void aProofOlderThanTheOracleIsRefused() {
    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    prove(tx, index).requireSuccess();
    f.chain.warp(FINALIZATION_PERIOD + 1);
    // The oracle's startingTimestamp (slot 2) after the proof: a proof from before the oracle.
    f.chain.setStorage(f.l2OutputOracle, UInt256.valueOf(2), UInt256.valueOf(f.chain.timestamp()));
    assertThat(why(finalize(tx)))
        .isEqualTo("OptimismPortal: withdrawal timestamp less than L2 Oracle starting timestamp");
  }

  @Test
  void aPauseStopsProvingAndFinalizing() {
    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.pause("incident")).requireSuccess();
    assertThat(why(prove(tx, index))).isEqualTo("CallPaused");
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.unpause()).requireSuccess();
    prove(tx, index).requireSuccess();
    f.chain.warp(FINALIZATION_PERIOD + 1);
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.pause("incident")).requireSuccess();
    assertThat(why(finalize(tx))).isEqualTo("CallPaused");
  }

  @Test
  void failedCallsReentryAndGasAreHandledAsByOptimismPortal2() {
    WithdrawalTransaction failing = withdrawal(5, TestSolidity.call("fail()").data(), ETHER);
    WithdrawalTransaction inner = withdrawal(6, TestSolidity.call("record()").data(), UInt256.ONE);
    ContractCall<Void> reentry = OptimismPortal.finalizeWithdrawalTransaction(inner);
    WithdrawalTransaction outer =
        withdrawal(7, TestSolidity.call("reenter(bytes)", reentry.data()).data(), UInt256.ZERO);
    for (WithdrawalTransaction w : List.of(failing, inner, outer)) {
      f.sendOnL2(w);
    }
    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    for (WithdrawalTransaction w : List.of(failing, inner, outer)) {
      prove(w, index).requireSuccess();
    }
    f.chain.warp(FINALIZATION_PERIOD + 1);

    Address estimator = Address.fromHex("0x0000000000000000000000000000000000000001");
    assertThat(
            why(f.send(estimator, f.portal, OptimismPortal.finalizeWithdrawalTransaction(failing))))
        .isEqualTo("GasEstimation");
    Outcome failed = finalize(failing).requireSuccess();
    assertThat(OptimismPortal.Events.WithdrawalFinalized.in(failed.logs()).getFirst().success())
        .isFalse();

    finalize(outer).requireSuccess();
    Bytes revert =
        f.call(
            target, TestSolidity.call("reentryRevertData()", "(bytes)", out -> (Bytes) out.get(0)));
    assertThat(OptimismPortal.Errors.NonReentrant.from(revert.array())).isPresent();

    Outcome starved =
        f.chain.send(
            prover,
            Optional.of(f.portal),
            UInt256.ZERO,
            OptimismPortal.finalizeWithdrawalTransaction(inner).data(),
            150_000);
    assertThat(why(starved)).isEqualTo("SafeCall: Not enough gas");
    finalize(inner).requireSuccess();
  }

  @Test
  void initializationAndSlots() {
    assertThat(f.call(f.portal, OptimismPortal.version())).isEqualTo("2.8.0");
    assertThat(f.call(f.portal, OptimismPortal.l2Oracle())).isEqualTo(f.l2OutputOracle);
    assertThat(f.call(f.portal, OptimismPortal.systemConfig())).isEqualTo(f.systemConfig);
    assertThat(f.call(f.portal, OptimismPortal.superchainConfig())).isEqualTo(f.superchainConfig);
    assertThat(f.call(f.portal, OptimismPortal.guardian())).isEqualTo(f.guardian);
    assertThat(why(f.send(prover, f.portal, OptimismPortal.initialize(prover, prover, prover))))
        .isEqualTo("Initializable: contract is already initialized");

    UInt256 index = propose(L1Fixture.outputRoot(f.outputRootProof()));
    prove(tx, index).requireSuccess();
    // slot 50 l2Sender, 53 superchainConfig at byte 1, 54 l2Oracle, 55 systemConfig.
    assertThat(word(50)).isEqualTo(UInt256.fromHash(L1Fixture.DEFAULT_L2_SENDER.toWord()));
    assertThat(word(53))
        .isEqualTo(UInt256.fromHash(f.superchainConfig.toWord()).multiply(UInt256.valueOf(256)));
    assertThat(word(54)).isEqualTo(UInt256.fromHash(f.l2OutputOracle.toWord()));
    assertThat(word(55)).isEqualTo(UInt256.fromHash(f.systemConfig.toWord()));
    // provenWithdrawals[hash] at keccak(hash . 52): the output root, then timestamp | index << 128.
    Hash hash = L1Fixture.withdrawalHash(tx);
    UInt256 slot =
        UInt256.fromHash(
            Keccak256.digest(
                OptimismPortal2Test.concat(hash.array(), UInt256.valueOf(52).toBytes())));
    assertThat(f.chain.storage(f.portal, slot))
        .isEqualTo(UInt256.fromHash(L1Fixture.outputRoot(f.outputRootProof())));
    assertThat(f.chain.storage(f.portal, slot.add(UInt256.ONE)))
        .isEqualTo(UInt256.valueOf(f.chain.timestamp()));
  }

  private UInt256 word(long slot) {
    return f.chain.storage(f.portal, UInt256.valueOf(slot));
  }
}
