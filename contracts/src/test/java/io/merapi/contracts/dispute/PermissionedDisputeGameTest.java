package io.merapi.contracts.dispute;

import static io.merapi.contracts.dispute.DisputeTestSupport.CHALLENGER_WINS;
import static io.merapi.contracts.dispute.DisputeTestSupport.DEFENDER_WINS;
import static io.merapi.contracts.dispute.DisputeTestSupport.IN_PROGRESS;
import static io.merapi.contracts.dispute.DisputeTestSupport.PERMISSIONED;
import static io.merapi.contracts.dispute.DisputeTestSupport.extraData;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.PermissionedDisputeGame.CustomError;
import io.merapi.contracts.dispute.PermissionedDisputeGame.Errors;
import io.merapi.contracts.dispute.PermissionedDisputeGame.Events;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The permissioned game: only the proposer creates it, only the challenger counters its root claim
 * and only while the clock runs; it resolves CHALLENGER_WINS when countered and DEFENDER_WINS once
 * the clock has run out, and the creator's bond is credited to the winner.
 */
class PermissionedDisputeGameTest {
  private static final UInt256 BOND = UInt256.valueOf(80_000_000_000_000_000L); // 0.08 ETH
  private static final long CLOCK = 302_400; // 3.5 days, the OP Stack's mainnet value
  private static final long L2_CHAIN_ID = 901;
  private static final long STARTING_BLOCK = 1_000;
  private static final Hash STARTING_ROOT = claim("starting output root");

  private final TestChain chain = TestChain.l1();
  private final Address owner = TestChain.address("owner");
  private final Address proposer = TestChain.address("proposer");
  private final Address challenger = TestChain.address("challenger");
  private final Address stranger = TestChain.address("stranger");
  private final Hash root = claim("proposed output root");
  private final Hash counter = claim("challenger's output root");

  private Address factory;
  private Address impl;

  @BeforeEach
  void setUp() {
    chain.mine(3);
    factory = DisputeTestSupport.deployFactory(chain, owner).proxy();
    impl =
        chain.deploy(
            owner,
            PermissionedDisputeGame.deployment(
                CLOCK,
                UInt256.valueOf(L2_CHAIN_ID),
                STARTING_ROOT,
                UInt256.valueOf(STARTING_BLOCK),
                proposer,
                challenger));
    chain
        .send(owner, factory, DisputeGameFactory.setImplementation(PERMISSIONED, impl))
        .requireSuccess();
    chain.send(owner, factory, DisputeGameFactory.setInitBond(PERMISSIONED, BOND)).requireSuccess();
    for (Address a : new Address[] {proposer, challenger, stranger}) {
      chain.setBalance(a, TestChain.ETHER);
    }
  }

  private static Hash claim(String label) {
    return Keccak256.digest(label.getBytes(StandardCharsets.UTF_8));
  }

  private Outcome propose(Address from, Hash claim, Bytes extra) {
    return chain.send(from, factory, DisputeGameFactory.create(PERMISSIONED, claim, extra), BOND);
  }

  private Address newGame() {
    Outcome o = propose(proposer, root, extraData(STARTING_BLOCK + 10)).requireSuccess();
    return DisputeGameFactory.Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
  }

  private Outcome attack(Address from, Address game) {
    return chain.send(from, game, PermissionedDisputeGame.attack(root, UInt256.ZERO, counter));
  }

  private static Optional<CustomError> error(Outcome o) {
    assertThat(o.isSuccess()).as("the call reverts").isFalse();
    return CustomError.decode(o.revertData());
  }

  // ---- configuration --------------------------------------------------------------------------

  @Test
  void theImplementationDescribesItsConfiguration() {
    assertThat(chain.call(impl, PermissionedDisputeGame.proposer())).isEqualTo(proposer);
    assertThat(chain.call(impl, PermissionedDisputeGame.challenger())).isEqualTo(challenger);
    assertThat(chain.call(impl, PermissionedDisputeGame.maxClockDuration())).isEqualTo(CLOCK);
    assertThat(chain.call(impl, PermissionedDisputeGame.l2ChainId()))
        .isEqualTo(UInt256.valueOf(L2_CHAIN_ID));
    assertThat(chain.call(impl, PermissionedDisputeGame.startingOutputRoot()))
        .isEqualTo(
            new PermissionedDisputeGame.StartingOutputRootResult(
                STARTING_ROOT, UInt256.valueOf(STARTING_BLOCK)));
    assertThat(chain.call(impl, PermissionedDisputeGame.startingBlockNumber()))
        .isEqualTo(UInt256.valueOf(STARTING_BLOCK));
    assertThat(chain.call(impl, PermissionedDisputeGame.startingRootHash()))
        .isEqualTo(STARTING_ROOT);
    assertThat(chain.call(impl, PermissionedDisputeGame.gameType())).isEqualTo(PERMISSIONED);
    assertThat(chain.call(impl, PermissionedDisputeGame.version())).isEqualTo("1.0.0");
  }

  @Test
  void aZeroClockIsRefused() {
    // With no clock the root claim could never be countered.
    Outcome o =
        chain.send(
            owner,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.wrap(
                PermissionedDisputeGame.deployment(
                    0, UInt256.ONE, STARTING_ROOT, UInt256.ZERO, proposer, challenger)),
            TestChain.GAS);
    assertThat(error(o)).contains(new Errors.InvalidClockDuration());
  }

  // ---- creation -------------------------------------------------------------------------------

  @Test
  void onlyTheProposerCreatesGames() {
    assertThat(error(propose(stranger, root, extraData(STARTING_BLOCK + 1))))
        .contains(new Errors.BadAuth());
    assertThat(error(propose(challenger, root, extraData(STARTING_BLOCK + 1))))
        .contains(new Errors.BadAuth());

    Address game = newGame();
    assertThat(chain.call(game, PermissionedDisputeGame.gameCreator())).isEqualTo(proposer);
    assertThat(chain.call(game, PermissionedDisputeGame.rootClaim())).isEqualTo(root);
    assertThat(chain.call(game, PermissionedDisputeGame.l2BlockNumber()))
        .isEqualTo(UInt256.valueOf(STARTING_BLOCK + 10));
    assertThat(chain.call(game, PermissionedDisputeGame.extraData()))
        .isEqualTo(extraData(STARTING_BLOCK + 10));
    assertThat(chain.call(game, PermissionedDisputeGame.l1Head()))
        .isEqualTo(chain.blockHash(chain.number() - 1));
    assertThat(chain.call(game, PermissionedDisputeGame.createdAt())).isEqualTo(chain.timestamp());
    assertThat(chain.call(game, PermissionedDisputeGame.status())).isEqualTo(IN_PROGRESS);
    assertThat(chain.call(game, PermissionedDisputeGame.counteredBy())).isEqualTo(Address.ZERO);
    assertThat(chain.balance(game)).isEqualTo(BOND);
  }

  @Test
  void theProposerMayCreateThroughAContractAsTheOriginIsChecked() {
    // As the OP Stack's game checks tx.origin: the proposer's transaction, through any contract.
    Address via =
        DisputeTestSupport.installForwarder(chain, TestChain.address("proposer's"), factory);
    Outcome o =
        chain
            .send(
                proposer,
                via,
                DisputeGameFactory.create(PERMISSIONED, root, extraData(STARTING_BLOCK + 1)),
                BOND)
            .requireSuccess();
    Address game =
        DisputeGameFactory.Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
    assertThat(chain.call(game, PermissionedDisputeGame.gameCreator())).isEqualTo(via);
    // A stranger through the same contract is still refused.
    Outcome refused =
        chain.send(
            stranger,
            via,
            DisputeGameFactory.create(PERMISSIONED, claim("x"), extraData(STARTING_BLOCK + 1)),
            BOND);
    assertThat(error(refused)).contains(new Errors.BadAuth());
  }

  @Test
  void theClaimMustBeAboutABlockAfterTheStartingBlock() {
    assertThat(error(propose(proposer, root, extraData(STARTING_BLOCK))))
        .contains(new Errors.UnexpectedRootClaim(root));
    assertThat(error(propose(proposer, root, extraData(0))))
        .contains(new Errors.UnexpectedRootClaim(root));
    assertThat(propose(proposer, root, extraData(STARTING_BLOCK + 1)).isSuccess()).isTrue();
  }

  @Test
  void theExtraDataMustBeOneWord() {
    byte[] word = new byte[33];
    word[31] = (byte) 0xff; // a block after the start (0xff00 + ...), with one byte more
    Bytes longer = Bytes.wrap(word);
    assertThat(error(propose(proposer, root, longer))).contains(new Errors.BadExtraData());
    assertThat(error(propose(proposer, root, Bytes.EMPTY))).contains(new Errors.BadExtraData());
  }

  @Test
  void neitherAGameNorTheImplementationIsInitializedTwice() {
    Address game = newGame();
    assertThat(error(chain.send(proposer, game, PermissionedDisputeGame.initialize())))
        .contains(new Errors.AlreadyInitialized());
    assertThat(error(chain.send(proposer, impl, PermissionedDisputeGame.initialize())))
        .contains(new Errors.AlreadyInitialized());
    // The role check comes first, as in the OP Stack's game.
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.initialize())))
        .contains(new Errors.BadAuth());
  }

  // ---- countering -----------------------------------------------------------------------------

  @Test
  void onlyTheChallengerCounters() {
    Address game = newGame();
    assertThat(error(attack(stranger, game))).contains(new Errors.BadAuth());
    assertThat(error(attack(proposer, game))).contains(new Errors.BadAuth());

    chain.warp(CLOCK - 1);
    Outcome o = attack(challenger, game).requireSuccess();
    assertThat(Events.Move.in(o.logs()))
        .containsExactly(new Events.Move(UInt256.ZERO, counter, challenger));
    assertThat(chain.call(game, PermissionedDisputeGame.counteredBy())).isEqualTo(challenger);
    assertThat(chain.call(game, PermissionedDisputeGame.counterClaim())).isEqualTo(counter);
    System.out.println("[gas] PermissionedDisputeGame.attack: " + o.gasUsed());
  }

  @Test
  void theCounterMustNameTheRootClaimOnceAndWithoutBond() {
    Address game = newGame();
    assertThat(
            error(
                chain.send(
                    challenger, game, PermissionedDisputeGame.attack(root, UInt256.ONE, counter))))
        .contains(new Errors.InvalidParent());
    assertThat(
            error(
                chain.send(
                    challenger,
                    game,
                    PermissionedDisputeGame.attack(counter, UInt256.ZERO, counter))))
        .contains(new Errors.InvalidDisputedClaimIndex());
    assertThat(
            error(
                chain.send(
                    challenger,
                    game,
                    PermissionedDisputeGame.attack(root, UInt256.ZERO, counter),
                    UInt256.ONE)))
        .contains(new Errors.IncorrectBondAmount());
    attack(challenger, game).requireSuccess();
    assertThat(error(attack(challenger, game))).contains(new Errors.ClaimAlreadyExists());
  }

  @Test
  void noCounterOnceTheClockHasRunOut() {
    Address game = newGame();
    // At exactly maxClockDuration the clock has run out (as in the OP Stack's game).
    chain.warp(CLOCK);
    assertThat(error(attack(challenger, game))).contains(new Errors.ClockTimeExceeded());
  }

  // ---- resolution -----------------------------------------------------------------------------

  @Test
  void uncounteredTheDefenderWinsOnceTheClockHasRunOut() {
    Address game = newGame();
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.resolve())))
        .contains(new Errors.ClockNotExpired());
    chain.warp(CLOCK - 1);
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.resolve())))
        .contains(new Errors.ClockNotExpired());

    chain.warp(1);
    Outcome o = chain.send(stranger, game, PermissionedDisputeGame.resolve()).requireSuccess();
    assertThat(PermissionedDisputeGame.resolve().decode(o.output().array()))
        .isEqualTo(DEFENDER_WINS);
    assertThat(Events.Resolved.in(o.logs())).containsExactly(new Events.Resolved(DEFENDER_WINS));
    assertThat(chain.call(game, PermissionedDisputeGame.status())).isEqualTo(DEFENDER_WINS);
    assertThat(chain.call(game, PermissionedDisputeGame.resolvedAt())).isEqualTo(chain.timestamp());
    System.out.println("[gas] PermissionedDisputeGame.resolve (DEFENDER_WINS): " + o.gasUsed());

    // The bond is the proposer's again.
    assertThat(chain.call(game, PermissionedDisputeGame.credit(proposer))).isEqualTo(BOND);
    assertThat(chain.call(game, PermissionedDisputeGame.credit(challenger)))
        .isEqualTo(UInt256.ZERO);
    UInt256 before = chain.balance(proposer);
    chain.send(stranger, game, PermissionedDisputeGame.claimCredit(proposer)).requireSuccess();
    assertThat(chain.balance(proposer)).isEqualTo(before.add(BOND));
    assertThat(chain.balance(game)).isEqualTo(UInt256.ZERO);
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.claimCredit(proposer))))
        .contains(new Errors.NoCreditToClaim());
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.claimCredit(challenger))))
        .contains(new Errors.NoCreditToClaim());
  }

  @Test
  void counteredTheChallengerWinsAtOnceAndTakesTheBond() {
    Address game = newGame();
    chain.mine();
    attack(challenger, game).requireSuccess();
    // No need to wait for the clock: a countered root loses.
    Outcome o = chain.send(stranger, game, PermissionedDisputeGame.resolve()).requireSuccess();
    assertThat(PermissionedDisputeGame.resolve().decode(o.output().array()))
        .isEqualTo(CHALLENGER_WINS);
    assertThat(Events.Resolved.in(o.logs())).containsExactly(new Events.Resolved(CHALLENGER_WINS));
    assertThat(chain.call(game, PermissionedDisputeGame.status())).isEqualTo(CHALLENGER_WINS);
    assertThat(chain.call(game, PermissionedDisputeGame.resolvedAt())).isEqualTo(chain.timestamp());
    System.out.println("[gas] PermissionedDisputeGame.resolve (CHALLENGER_WINS): " + o.gasUsed());

    assertThat(chain.call(game, PermissionedDisputeGame.credit(proposer))).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(game, PermissionedDisputeGame.credit(challenger))).isEqualTo(BOND);
    UInt256 before = chain.balance(challenger);
    chain.send(challenger, game, PermissionedDisputeGame.claimCredit(challenger)).requireSuccess();
    assertThat(chain.balance(challenger)).isEqualTo(before.add(BOND));
    assertThat(error(chain.send(proposer, game, PermissionedDisputeGame.claimCredit(proposer))))
        .contains(new Errors.NoCreditToClaim());
  }

  @Test
  void aResolvedGameTakesNoMoreMoves() {
    Address game = newGame();
    chain.warp(CLOCK);
    chain.send(stranger, game, PermissionedDisputeGame.resolve()).requireSuccess();
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.resolve())))
        .contains(new Errors.GameNotInProgress());
    assertThat(error(attack(challenger, game))).contains(new Errors.GameNotInProgress());

    Address countered = newGameFor(STARTING_BLOCK + 20);
    attack(challenger, countered).requireSuccess();
    chain.send(stranger, countered, PermissionedDisputeGame.resolve()).requireSuccess();
    assertThat(error(chain.send(stranger, countered, PermissionedDisputeGame.resolve())))
        .contains(new Errors.GameNotInProgress());
  }

  @Test
  void aWinnerThatRefusesEthCannotBlockResolution() {
    // The proposer creates through a contract that cannot take ETH: the game still resolves and
    // the bond stays credited; only the payment fails.
    Address via =
        DisputeTestSupport.installForwarder(chain, TestChain.address("proposer's"), factory);
    Outcome o =
        chain
            .send(
                proposer,
                via,
                DisputeGameFactory.create(PERMISSIONED, root, extraData(STARTING_BLOCK + 1)),
                BOND)
            .requireSuccess();
    Address game =
        DisputeGameFactory.Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
    chain.warp(CLOCK);
    chain.send(stranger, game, PermissionedDisputeGame.resolve()).requireSuccess();
    assertThat(error(chain.send(stranger, game, PermissionedDisputeGame.claimCredit(via))))
        .contains(new Errors.BondTransferFailed());
    assertThat(chain.call(game, PermissionedDisputeGame.credit(via))).isEqualTo(BOND);
  }

  @Test
  void creationGas() {
    Outcome o = propose(proposer, root, extraData(STARTING_BLOCK + 1)).requireSuccess();
    System.out.println("[gas] DisputeGameFactory.create (PERMISSIONED, via proxy): " + o.gasUsed());
    assertThat(o.gasUsed()).isLessThan(250_000);
  }

  private Address newGameFor(long l2Block) {
    Outcome o = propose(proposer, root, extraData(l2Block)).requireSuccess();
    return DisputeGameFactory.Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
  }
}
