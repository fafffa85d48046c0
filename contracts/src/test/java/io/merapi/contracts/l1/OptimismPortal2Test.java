package io.merapi.contracts.l1;

import static io.merapi.contracts.l1.L1Fixture.DISPUTE_GAME_FINALITY_DELAY;
import static io.merapi.contracts.l1.L1Fixture.FAST;
import static io.merapi.contracts.l1.L1Fixture.PROOF_MATURITY_DELAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.DisputeTestSupport;
import io.merapi.contracts.libraries.TestSolidity;
import io.merapi.contracts.structs.OutputRootProof;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Withdrawals through OptimismPortal2 (specs fault-proof/stage-one/optimism-portal.md): a
 * withdrawal sent on L2 (in the L2ToL1MessagePasser's storage, proven with the trie's
 * eth_getProof-shaped proof) is proven against a FAST game created through the DisputeGameFactory
 * and finalized once the proof matured and the game resolved for the defender and left its air gap;
 * every refusal on the way, with the error or string viem's getWithdrawalStatus maps.
 */
class OptimismPortal2Test {
  private static final UInt256 ETHER = TestChain.ETHER;
  private static final long SCRIPTED = 77;
  private static final long L2_BLOCK = 1_000;

  /** Games are keyed by type, root claim and L2 block: each new game claims a later block. */
  private long nextL2Block = L2_BLOCK;

  private final L1Fixture f = new L1Fixture();
  private final Address prover = TestChain.address("prover");
  private final Address relayer = TestChain.address("relayer");
  private final Address l2Sender = TestChain.address("l2 sender");
  private final Address target;
  private final WithdrawalTransaction tx;

  OptimismPortal2Test() {
    target =
        f.chain.deploy(
            f.deployer,
            TestSolidity.contract("WithdrawalTarget").deployment("(address)", f.portal2));
    tx = withdrawal(7, record(), ETHER);
    f.chain.setBalance(f.portal2, ETHER.multiply(UInt256.valueOf(10)));
    f.sendOnL2(tx);
    f.sendOtherWithdrawalsOnL2(300, 1);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Bytes record() {
    return TestSolidity.call("record()").data();
  }

  private WithdrawalTransaction withdrawal(long nonce, Bytes data, UInt256 value) {
    return new WithdrawalTransaction(
        UInt256.valueOf(nonce), l2Sender, target, value, UInt256.valueOf(200_000), data);
  }

  /** A FAST game claiming the L2's current output root; returns its index in the factory. */
  private UInt256 fastGame() {
    DisputeTestSupport.createFastGame(
        f.chain, f.factory, TestChain.address("game creator"), outputRoot(), nextL2Block++);
    return lastGameIndex();
  }

  private Hash outputRoot() {
    return L1Fixture.outputRoot(f.outputRootProof());
  }

  private UInt256 lastGameIndex() {
    return f.call(f.factory, DisputeGameFactory.gameCount()).subtract(UInt256.ONE);
  }

  private Address gameAt(UInt256 index) {
    return f.call(f.factory, DisputeGameFactory.gameAtIndex(index)).proxy();
  }

  /** Registers the ScriptedDisputeGame as the implementation of game type {@code type}. */
  private void registerScriptedGame(long type) {
    Address impl =
        f.chain.deploy(
            f.deployer, TestSolidity.contract("ScriptedDisputeGame").deployment("(uint32)", type));
    f.send(f.deployer, f.factory, DisputeGameFactory.setImplementation(type, impl))
        .requireSuccess();
  }

  private UInt256 scriptedGame(long type, Hash root) {
    DisputeTestSupport.createGame(
        f.chain, f.factory, TestChain.address("game creator"), type, root, nextL2Block++);
    return lastGameIndex();
  }

  private void resolveScripted(UInt256 index, int status) {
    f.send(relayer, gameAt(index), TestSolidity.call("resolveAs(uint8)", status)).requireSuccess();
  }

  private Outcome prove(Address from, WithdrawalTransaction w, UInt256 gameIndex) {
    return prove(from, w, gameIndex, f.outputRootProof(), f.withdrawalProof(w));
  }

  private Outcome prove(
      Address from,
      WithdrawalTransaction w,
      UInt256 gameIndex,
      OutputRootProof rootProof,
      List<Bytes> proof) {
    return f.send(
        from,
        f.portal2,
        OptimismPortal2.proveWithdrawalTransaction(w, gameIndex, rootProof, proof));
  }

  private Outcome finalize(Address from, WithdrawalTransaction w) {
    return f.send(from, f.portal2, OptimismPortal2.finalizeWithdrawalTransaction(w));
  }

  /** What viem reads from a revert: the custom error's name, else the Error(string) reason. */
  static String why(Outcome o) {
    assertThat(o.isSuccess()).as("should have reverted").isFalse();
    return why(o.revertData());
  }

  static String why(byte[] revertData) {
    Optional<OptimismPortal2.CustomError> custom = OptimismPortal2.CustomError.decode(revertData);
    if (custom.isPresent()) {
      return custom.get().getClass().getSimpleName();
    }
    return AbiError.reason(revertData).orElse("data " + Bytes.wrap(revertData).toHex());
  }

  private String checkWithdrawal(WithdrawalTransaction w, Address submitter) {
    Outcome o =
        f.chain.simulate(
            relayer,
            f.portal2,
            UInt256.ZERO,
            OptimismPortal2.checkWithdrawal(L1Fixture.withdrawalHash(w), submitter).data());
    return o.isSuccess() ? "ok" : why(o.revertData());
  }

  /** Proves tx against a new FAST game one block after its creation and waits out every delay. */
  private UInt256 proveAndWait() {
    UInt256 game = fastGame();
    f.chain.mine();
    prove(prover, tx, game).requireSuccess();
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);
    return game;
  }

  private Address seenL2Sender() {
    return f.call(
        target, TestSolidity.call("seenL2Sender()", "(address)", out -> (Address) out.get(0)));
  }

  private UInt256 seenValue() {
    return f.call(
        target, TestSolidity.call("seenValue()", "(uint256)", out -> (UInt256) out.get(0)));
  }

  private boolean reentrySucceeded() {
    return f.call(
        target, TestSolidity.call("reentrySucceeded()", "(bool)", out -> (Boolean) out.get(0)));
  }

  private Bytes reentryRevertData() {
    return f.call(
        target, TestSolidity.call("reentryRevertData()", "(bytes)", out -> (Bytes) out.get(0)));
  }

  // ---- the whole way --------------------------------------------------------------------------

  @Test
  void aWithdrawalIsProvenAgainstAFastGameAndFinalizedAfterTheDelays() {
    Hash hash = L1Fixture.withdrawalHash(tx);
    UInt256 index = fastGame();
    Address game = gameAt(index);
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("Unproven"); // viem: ready-to-prove

    f.chain.mine();
    Outcome proven = prove(prover, tx, index).requireSuccess();
    assertThat(OptimismPortal2.Events.WithdrawalProven.in(proven.logs()))
        .containsExactly(new OptimismPortal2.Events.WithdrawalProven(hash, l2Sender, target));
    assertThat(OptimismPortal2.Events.WithdrawalProvenExtension1.in(proven.logs()))
        .containsExactly(new OptimismPortal2.Events.WithdrawalProvenExtension1(hash, prover));
    long provenAt = f.chain.timestamp();
    assertThat(f.call(f.portal2, OptimismPortal2.provenWithdrawals(hash, prover)))
        .isEqualTo(new OptimismPortal2.ProvenWithdrawalsResult(game, provenAt));
    assertThat(f.call(f.portal2, OptimismPortal2.numProofSubmitters(hash))).isEqualTo(UInt256.ONE);
    assertThat(f.call(f.portal2, OptimismPortal2.proofSubmitters(hash, UInt256.ZERO)))
        .isEqualTo(prover);

    // viem: waiting-to-finalize, until the maturity delay has passed (strictly).
    assertThat(checkWithdrawal(tx, prover))
        .isEqualTo("OptimismPortal: proven withdrawal has not matured yet");
    f.chain.warp(PROOF_MATURITY_DELAY);
    assertThat(checkWithdrawal(tx, prover))
        .isEqualTo("OptimismPortal: proven withdrawal has not matured yet");
    f.chain.mine();
    // The game has not been resolved yet.
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("ProposalNotValidated");
    assertThat(finalize(prover, tx).revertData())
        .isEqualTo(new OptimismPortal2.Errors.ProposalNotValidated().encode());

    DisputeTestSupport.resolveFastGame(f.chain, game);
    // The air gap after the resolution, strictly.
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("OptimismPortal: output proposal in air-gap");
    f.chain.warp(DISPUTE_GAME_FINALITY_DELAY);
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("OptimismPortal: output proposal in air-gap");
    f.chain.mine();
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("ok");

    UInt256 portalBefore = f.chain.balance(f.portal2);
    Outcome finalized = finalize(prover, tx).requireSuccess();
    assertThat(OptimismPortal2.Events.WithdrawalFinalized.in(finalized.logs()))
        .containsExactly(new OptimismPortal2.Events.WithdrawalFinalized(hash, true));
    // The call ran with the value, and with l2Sender naming the L2 sender.
    assertThat(seenL2Sender()).isEqualTo(l2Sender);
    assertThat(seenValue()).isEqualTo(ETHER);
    assertThat(f.chain.balance(target)).isEqualTo(ETHER);
    assertThat(f.chain.balance(f.portal2)).isEqualTo(portalBefore.subtract(ETHER));
    assertThat(f.call(f.portal2, OptimismPortal2.l2Sender()))
        .isEqualTo(L1Fixture.DEFAULT_L2_SENDER);
    assertThat(f.call(f.portal2, OptimismPortal2.finalizedWithdrawals(hash))).isTrue();

    // No replay.
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("AlreadyFinalized");
    assertThat(why(finalize(prover, tx))).isEqualTo("AlreadyFinalized");
    assertThat(
            why(
                f.send(
                    relayer,
                    f.portal2,
                    OptimismPortal2.finalizeWithdrawalTransactionExternalProof(tx, prover))))
        .isEqualTo("AlreadyFinalized");
  }

  @Test
  void anyoneMayFinalizeWithTheProversProofButNotWithoutAProof() {
    proveAndWait();
    assertThat(why(finalize(relayer, tx))).isEqualTo("Unproven");
    assertThat(checkWithdrawal(tx, relayer)).isEqualTo("Unproven");
    Outcome o =
        f.send(
                relayer,
                f.portal2,
                OptimismPortal2.finalizeWithdrawalTransactionExternalProof(tx, prover))
            .requireSuccess();
    assertThat(OptimismPortal2.Events.WithdrawalFinalized.in(o.logs()).getFirst().success())
        .isTrue();
  }

  @Test
  void everyProverHasItsOwnProof() {
    UInt256 first = fastGame();
    f.chain.mine();
    prove(prover, tx, first).requireSuccess();
    prove(relayer, tx, first).requireSuccess();
    Hash hash = L1Fixture.withdrawalHash(tx);
    assertThat(f.call(f.portal2, OptimismPortal2.numProofSubmitters(hash)))
        .isEqualTo(UInt256.valueOf(2));
    assertThat(f.call(f.portal2, OptimismPortal2.proofSubmitters(hash, UInt256.ONE)))
        .isEqualTo(relayer);

    // Proving again replaces the prover's proof (the list of submitters grows, as OP Stack's).
    f.chain.mine();
    UInt256 second = fastGame();
    f.chain.mine();
    prove(prover, tx, second).requireSuccess();
    assertThat(
            f.call(f.portal2, OptimismPortal2.provenWithdrawals(hash, prover)).disputeGameProxy())
        .isEqualTo(gameAt(second));
    assertThat(
            f.call(f.portal2, OptimismPortal2.provenWithdrawals(hash, relayer)).disputeGameProxy())
        .isEqualTo(gameAt(first));
    assertThat(f.call(f.portal2, OptimismPortal2.numProofSubmitters(hash)))
        .isEqualTo(UInt256.valueOf(3));
  }

  // ---- bad proofs -----------------------------------------------------------------------------

  @Test
  void theOutputRootProofMustHashToTheRootClaim() {
    UInt256 game = fastGame();
    f.chain.mine();
    OutputRootProof p = f.outputRootProof();
    OutputRootProof wrong =
        new OutputRootProof(
            p.version(),
            Keccak256.digest(new byte[] {1}),
            p.messagePasserStorageRoot(),
            p.latestBlockhash());
    assertThat(why(prove(prover, tx, game, wrong, f.withdrawalProof(tx))))
        .isEqualTo("InvalidProof");
    OutputRootProof version1 =
        new OutputRootProof(
            Hash.wrap(UInt256.ONE.toBytes()),
            p.stateRoot(),
            p.messagePasserStorageRoot(),
            p.latestBlockhash());
    assertThat(why(prove(prover, tx, game, version1, f.withdrawalProof(tx))))
        .isEqualTo("InvalidProof");
  }

  @Test
  void theWithdrawalMustBeInTheMessagePassersStorage() {
    // A withdrawal never sent on L2: the proof of its slot shows it absent.
    WithdrawalTransaction unsent = withdrawal(8, record(), ETHER);
    UInt256 game = fastGame();
    f.chain.mine();
    assertThat(why(prove(prover, unsent, game))).startsWith("MerkleTrie: ");

    // Someone else's proof for it.
    assertThat(why(prove(prover, unsent, game, f.outputRootProof(), f.withdrawalProof(tx))))
        .startsWith("MerkleTrie: ");

    // A slot holding something else than true: the proof is sound, the value is not 0x01.
    WithdrawalTransaction odd = withdrawal(9, record(), ETHER);
    f.l2.setStorage(
        L1Fixture.MESSAGE_PASSER,
        UInt256.fromHash(L1Fixture.sentMessageSlot(L1Fixture.withdrawalHash(odd))),
        UInt256.valueOf(2));
    UInt256 game2 = fastGame();
    f.chain.mine();
    assertThat(why(prove(prover, odd, game2))).isEqualTo("InvalidMerkleProof");

    // A tampered proof node.
    List<Bytes> proof = new java.util.ArrayList<>(f.withdrawalProof(tx));
    byte[] node = proof.get(1).toArray();
    node[node.length / 2] ^= 0x40;
    proof.set(1, Bytes.wrap(node));
    assertThat(why(prove(prover, tx, game2, f.outputRootProof(), proof)))
        .startsWith("MerkleTrie: ");
  }

  @Test
  void aWithdrawalToThePortalItselfIsRefused() {
    WithdrawalTransaction toPortal =
        new WithdrawalTransaction(
            UInt256.ONE, l2Sender, f.portal2, UInt256.ZERO, UInt256.valueOf(100_000), Bytes.EMPTY);
    f.sendOnL2(toPortal);
    UInt256 game = fastGame();
    f.chain.mine();
    assertThat(why(prove(prover, toPortal, game))).isEqualTo("BadTarget");
  }

  // ---- games ----------------------------------------------------------------------------------

  @Test
  void onlyGamesOfTheRespectedTypeCount() {
    registerScriptedGame(SCRIPTED);
    UInt256 other = scriptedGame(SCRIPTED, outputRoot());
    f.chain.mine();
    assertThat(why(prove(prover, tx, other))).isEqualTo("InvalidGameType");

    // Proven against a FAST game, then the guardian respects another type: viem reads
    // InvalidGameType as ready-to-prove (again).
    proveAndWait();
    f.send(f.guardian, f.portal2, OptimismPortal2.setRespectedGameType(SCRIPTED)).requireSuccess();
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("InvalidGameType");
  }

  @Test
  void gamesWonByTheChallengerAreRefused() {
    registerScriptedGame(SCRIPTED);
    f.send(f.guardian, f.portal2, OptimismPortal2.setRespectedGameType(SCRIPTED)).requireSuccess();
    f.chain.mine();
    UInt256 lost = scriptedGame(SCRIPTED, outputRoot());
    resolveScripted(lost, DisputeTestSupport.CHALLENGER_WINS);
    f.chain.mine();
    assertThat(why(prove(prover, tx, lost))).isEqualTo("InvalidDisputeGame");

    // Proven while in progress, then lost: not finalizable.
    UInt256 game = scriptedGame(SCRIPTED, outputRoot());
    f.chain.mine();
    prove(prover, tx, game).requireSuccess();
    resolveScripted(game, DisputeTestSupport.CHALLENGER_WINS);
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("ProposalNotValidated");
  }

  @Test
  void gamesCreatedBeforeTheRespectedTypeWasSetAreRefused() {
    UInt256 game = fastGame();
    f.chain.mine();
    prove(prover, tx, game).requireSuccess();
    f.send(f.guardian, f.portal2, OptimismPortal2.setRespectedGameType(FAST)).requireSuccess();
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);
    // viem: ready-to-prove (against a newer game).
    assertThat(checkWithdrawal(tx, prover))
        .isEqualTo("OptimismPortal: dispute game created before respected game type was updated");
  }

  @Test
  void aProofMadeInTheGamesCreationBlockIsRefused() {
    UInt256 game = fastGame();
    prove(prover, tx, game).requireSuccess(); // same block, same timestamp
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);
    assertThat(checkWithdrawal(tx, prover))
        .isEqualTo(
            "OptimismPortal: withdrawal timestamp less than dispute game creation timestamp");
  }

  @Test
  void theGuardianBlacklistsGamesAndSetsTheRespectedType() {
    UInt256 index = proveAndWait();
    Address game = gameAt(index);
    assertThat(why(f.send(relayer, f.portal2, OptimismPortal2.blacklistDisputeGame(game))))
        .isEqualTo("Unauthorized");
    assertThat(why(f.send(relayer, f.portal2, OptimismPortal2.setRespectedGameType(1))))
        .isEqualTo("Unauthorized");

    Outcome o =
        f.send(f.guardian, f.portal2, OptimismPortal2.blacklistDisputeGame(game)).requireSuccess();
    assertThat(OptimismPortal2.Events.DisputeGameBlacklisted.in(o.logs()))
        .containsExactly(new OptimismPortal2.Events.DisputeGameBlacklisted(game));
    assertThat(f.call(f.portal2, OptimismPortal2.disputeGameBlacklist(game))).isTrue();
    assertThat(checkWithdrawal(tx, prover)).isEqualTo("Blacklisted");
    assertThat(why(finalize(prover, tx))).isEqualTo("Blacklisted");

    Outcome set =
        f.send(f.guardian, f.portal2, OptimismPortal2.setRespectedGameType(SCRIPTED))
            .requireSuccess();
    assertThat(OptimismPortal2.Events.RespectedGameTypeSet.in(set.logs()))
        .containsExactly(
            new OptimismPortal2.Events.RespectedGameTypeSet(SCRIPTED, f.chain.timestamp()));
    assertThat(f.call(f.portal2, OptimismPortal2.respectedGameType())).isEqualTo(SCRIPTED);
    assertThat(f.call(f.portal2, OptimismPortal2.respectedGameTypeUpdatedAt()))
        .isEqualTo(f.chain.timestamp());
    // Slot 59: respectedGameType (uint32) then respectedGameTypeUpdatedAt (uint64), packed.
    UInt256 slot59 = f.chain.storage(f.portal2, UInt256.valueOf(59));
    assertThat(slot59)
        .isEqualTo(
            UInt256.valueOf(f.chain.timestamp())
                .multiply(UInt256.valueOf(1L << 32))
                .add(UInt256.valueOf(SCRIPTED)));
  }

  @Test
  void aPauseStopsProvingAndFinalizing() {
    UInt256 game = fastGame();
    f.chain.mine();
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.pause("incident")).requireSuccess();
    assertThat(why(prove(prover, tx, game))).isEqualTo("CallPaused");
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.unpause()).requireSuccess();
    prove(prover, tx, game).requireSuccess();
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);

    f.send(f.guardian, f.superchainConfig, SuperchainConfig.pause("incident")).requireSuccess();
    assertThat(why(finalize(prover, tx))).isEqualTo("CallPaused");
    assertThat(
            why(
                f.send(
                    relayer,
                    f.portal2,
                    OptimismPortal2.finalizeWithdrawalTransactionExternalProof(tx, prover))))
        .isEqualTo("CallPaused");
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.unpause()).requireSuccess();
    finalize(prover, tx).requireSuccess();
  }

  // ---- the call -------------------------------------------------------------------------------

  @Test
  void aFailedCallStillFinalizesTheWithdrawal() {
    WithdrawalTransaction failing = withdrawal(10, TestSolidity.call("fail()").data(), ETHER);
    f.sendOnL2(failing);
    UInt256 game = fastGame();
    f.chain.mine();
    prove(prover, failing, game).requireSuccess();
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);

    // While estimating gas (tx.origin is the estimation address), the failure reverts.
    Address estimator = Address.fromHex("0x0000000000000000000000000000000000000001");
    assertThat(
            why(
                f.send(
                    estimator,
                    f.portal2,
                    OptimismPortal2.finalizeWithdrawalTransactionExternalProof(failing, prover))))
        .isEqualTo("GasEstimation");

    UInt256 portalBefore = f.chain.balance(f.portal2);
    Outcome o = finalize(prover, failing).requireSuccess();
    Hash hash = L1Fixture.withdrawalHash(failing);
    assertThat(OptimismPortal2.Events.WithdrawalFinalized.in(o.logs()))
        .containsExactly(new OptimismPortal2.Events.WithdrawalFinalized(hash, false));
    assertThat(f.chain.balance(f.portal2)).isEqualTo(portalBefore);
    assertThat(f.call(f.portal2, OptimismPortal2.finalizedWithdrawals(hash))).isTrue();
    assertThat(why(finalize(prover, failing))).isEqualTo("AlreadyFinalized");
  }

  @Test
  void aWithdrawalCannotFinalizeAnotherWhileItRuns() {
    // The second withdrawal is proven and final too; the first one's call tries to finalize it.
    WithdrawalTransaction inner = withdrawal(11, record(), UInt256.ONE);
    ContractCall<Void> reentry =
        OptimismPortal2.finalizeWithdrawalTransactionExternalProof(inner, prover);
    WithdrawalTransaction outer =
        withdrawal(12, TestSolidity.call("reenter(bytes)", reentry.data()).data(), UInt256.ZERO);
    f.sendOnL2(inner);
    f.sendOnL2(outer);
    UInt256 game = fastGame();
    f.chain.mine();
    prove(prover, inner, game).requireSuccess();
    prove(prover, outer, game).requireSuccess();
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);

    finalize(prover, outer).requireSuccess();
    assertThat(reentrySucceeded()).isFalse();
    assertThat(why(reentryRevertData().array())).isEqualTo("NonReentrant");
    assertThat(
            f.call(
                f.portal2, OptimismPortal2.finalizedWithdrawals(L1Fixture.withdrawalHash(inner))))
        .isFalse();
    finalize(prover, inner).requireSuccess();
  }

  @Test
  void theTargetGetsAtLeastTheGasLimit() {
    WithdrawalTransaction heavy =
        new WithdrawalTransaction(
            UInt256.valueOf(13),
            l2Sender,
            target,
            UInt256.ZERO,
            UInt256.valueOf(1_000_000),
            TestSolidity.call("consume(uint256)", UInt256.valueOf(900_000)).data());
    f.sendOnL2(heavy);
    UInt256 game = fastGame();
    f.chain.mine();
    prove(prover, heavy, game).requireSuccess();
    DisputeTestSupport.resolveFastGame(f.chain, gameAt(game));
    f.chain.warp(Math.max(PROOF_MATURITY_DELAY, DISPUTE_GAME_FINALITY_DELAY) + 1);

    // A relayer giving too little gas cannot make the withdrawal fail (and burn it).
    Outcome starved =
        f.chain.send(
            prover,
            Optional.of(f.portal2),
            UInt256.ZERO,
            OptimismPortal2.finalizeWithdrawalTransaction(heavy).data(),
            900_000);
    assertThat(why(starved)).isEqualTo("SafeCall: Not enough gas");
    Outcome o = finalize(prover, heavy).requireSuccess();
    assertThat(OptimismPortal2.Events.WithdrawalFinalized.in(o.logs()).getFirst().success())
        .isTrue();
  }

  // ---- set-up ---------------------------------------------------------------------------------

  @Test
  void initializationSetsTheContractsAndTheRespectedGameTypeOnce() {
    assertThat(f.call(f.portal2, OptimismPortal2.version())).isEqualTo("3.11.0");
    assertThat(f.call(f.portal2, OptimismPortal2.disputeGameFactory())).isEqualTo(f.factory);
    assertThat(f.call(f.portal2, OptimismPortal2.systemConfig())).isEqualTo(f.systemConfig);
    assertThat(f.call(f.portal2, OptimismPortal2.superchainConfig())).isEqualTo(f.superchainConfig);
    assertThat(f.call(f.portal2, OptimismPortal2.guardian())).isEqualTo(f.guardian);
    assertThat(f.call(f.portal2, OptimismPortal2.paused())).isFalse();
    assertThat(f.call(f.portal2, OptimismPortal2.respectedGameType())).isEqualTo(FAST);
    assertThat(f.call(f.portal2, OptimismPortal2.l2Sender()))
        .isEqualTo(L1Fixture.DEFAULT_L2_SENDER);
    assertThat(f.call(f.portal2, OptimismPortal2.proofMaturityDelaySeconds()))
        .isEqualTo(UInt256.valueOf(PROOF_MATURITY_DELAY));
    assertThat(f.call(f.portal2, OptimismPortal2.disputeGameFinalityDelaySeconds()))
        .isEqualTo(UInt256.valueOf(DISPUTE_GAME_FINALITY_DELAY));

    Outcome again =
        f.send(relayer, f.portal2, OptimismPortal2.initialize(relayer, relayer, relayer, 0));
    assertThat(why(again)).isEqualTo("Initializable: contract is already initialized");
    // The implementation is locked.
    Address implementation =
        f.chain.deploy(f.deployer, OptimismPortal2.deployment(UInt256.ONE, UInt256.ONE));
    assertThat(
            why(
                f.send(
                    relayer,
                    implementation,
                    OptimismPortal2.initialize(relayer, relayer, relayer, 0))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void theStateSitsInTheOpStackSlots() {
    UInt256 index = fastGame();
    f.chain.mine();
    prove(prover, tx, index).requireSuccess();
    Hash hash = L1Fixture.withdrawalHash(tx);
    // slot 50 l2Sender, 53 superchainConfig at byte 1 (after the legacy paused flag), 55
    // systemConfig, 56 disputeGameFactory.
    assertThat(word(50)).isEqualTo(UInt256.fromHash(L1Fixture.DEFAULT_L2_SENDER.toWord()));
    assertThat(word(53))
        .isEqualTo(UInt256.fromHash(f.superchainConfig.toWord()).multiply(UInt256.valueOf(256)));
    assertThat(word(55)).isEqualTo(UInt256.fromHash(f.systemConfig.toWord()));
    assertThat(word(56)).isEqualTo(UInt256.fromHash(f.factory.toWord()));
    // provenWithdrawals[hash][prover] at keccak(prover . keccak(hash . 57)): game, then timestamp.
    Hash inner = Keccak256.digest(concat(hash.array(), UInt256.valueOf(57).toBytes()));
    Hash slot = Keccak256.digest(concat(prover.toWord().array(), inner.array()));
    UInt256 packed = f.chain.storage(f.portal2, UInt256.fromHash(slot));
    assertThat(packed)
        .isEqualTo(
            UInt256.valueOf(f.chain.timestamp())
                .multiply(UInt256.fromLimbs(0, 1L << 32, 0, 0))
                .add(UInt256.fromHash(gameAt(index).toWord())));
    // proofSubmitters[hash] at keccak(hash . 60): its length.
    Hash submitters = Keccak256.digest(concat(hash.array(), UInt256.valueOf(60).toBytes()));
    assertThat(f.chain.storage(f.portal2, UInt256.fromHash(submitters))).isEqualTo(UInt256.ONE);
  }

  private UInt256 word(long slot) {
    return f.chain.storage(f.portal2, UInt256.valueOf(slot));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
