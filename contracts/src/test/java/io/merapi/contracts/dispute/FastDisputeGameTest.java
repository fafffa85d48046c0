package io.merapi.contracts.dispute;

import static io.merapi.contracts.dispute.DisputeTestSupport.DEFENDER_WINS;
import static io.merapi.contracts.dispute.DisputeTestSupport.FAST;
import static io.merapi.contracts.dispute.DisputeTestSupport.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.FastDisputeGame.CustomError;
import io.merapi.contracts.dispute.FastDisputeGame.Errors;
import io.merapi.contracts.dispute.FastDisputeGame.Events;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The devnet game: anyone may create it through the factory with the bond, and it resolves for the
 * defender from the block after its creation, never before; its bond returns to the creator as
 * credit.
 */
class FastDisputeGameTest {
  private static final UInt256 BOND = UInt256.valueOf(1_000_000_000_000_000L);

  private final TestChain chain = TestChain.l1();
  private final Address owner = TestChain.address("owner");
  private final Address alice = TestChain.address("alice");
  private final Address anyone = TestChain.address("anyone");
  private final Hash root = Hash.fromHex("0x" + "ab".repeat(32));

  private Address factory;

  private Address newGame(Address creator) {
    factory = DisputeTestSupport.deployFactoryWithFastGame(chain, owner, BOND);
    chain.setBalance(creator, TestChain.ETHER);
    return DisputeTestSupport.createFastGame(chain, factory, creator, root, 77);
  }

  private static Optional<CustomError> error(Outcome o) {
    assertThat(o.isSuccess()).as("the call reverts").isFalse();
    return CustomError.decode(o.revertData());
  }

  @Test
  void resolvesForTheDefenderFromTheNextBlock() {
    Address game = newGame(alice);
    long createdBlock = chain.number();
    assertThat(chain.call(game, FastDisputeGame.createdAtBlock())).isEqualTo(createdBlock);
    assertThat(chain.call(game, FastDisputeGame.maxClockDuration())).isZero();

    // In the creation block: refused, naming the block from which it resolves.
    assertThat(error(chain.send(anyone, game, FastDisputeGame.resolve())))
        .contains(new Errors.TooEarlyToResolve(UInt256.valueOf(createdBlock + 1)));
    assertThat(chain.call(game, FastDisputeGame.status())).isEqualTo(IN_PROGRESS);

    chain.mine();
    Outcome resolved = chain.send(anyone, game, FastDisputeGame.resolve()).requireSuccess();
    assertThat(FastDisputeGame.resolve().decode(resolved.output().array()))
        .isEqualTo(DEFENDER_WINS);
    assertThat(Events.Resolved.in(resolved.logs()))
        .containsExactly(new Events.Resolved(DEFENDER_WINS));
    assertThat(chain.call(game, FastDisputeGame.status())).isEqualTo(DEFENDER_WINS);
    assertThat(chain.call(game, FastDisputeGame.resolvedAt())).isEqualTo(chain.timestamp());
    assertThat(chain.call(game, FastDisputeGame.gameType())).isEqualTo(FAST);

    // Once only.
    assertThat(error(chain.send(anyone, game, FastDisputeGame.resolve())))
        .contains(new Errors.GameNotInProgress());
    System.out.println("[gas] FastDisputeGame.resolve: " + resolved.gasUsed());
  }

  @Test
  void anyoneMayCreateOne() {
    Address game = newGame(anyone);
    assertThat(chain.call(game, FastDisputeGame.gameCreator())).isEqualTo(anyone);
  }

  @Test
  void theBondReturnsToTheCreatorAsCredit() {
    Address game = newGame(alice);
    UInt256 afterCreation = chain.balance(alice);
    assertThat(chain.call(game, FastDisputeGame.credit(alice))).isEqualTo(UInt256.ZERO);
    // Nothing to claim before resolution.
    assertThat(error(chain.send(alice, game, FastDisputeGame.claimCredit(alice))))
        .contains(new Errors.NoCreditToClaim());

    DisputeTestSupport.resolveFastGame(chain, game);
    assertThat(chain.call(game, FastDisputeGame.credit(alice))).isEqualTo(BOND);

    // Anyone may trigger the payment; it goes to the credited account.
    chain.send(anyone, game, FastDisputeGame.claimCredit(alice)).requireSuccess();
    assertThat(chain.balance(alice)).isEqualTo(afterCreation.add(BOND));
    assertThat(chain.balance(game)).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(game, FastDisputeGame.credit(alice))).isEqualTo(UInt256.ZERO);
    assertThat(error(chain.send(anyone, game, FastDisputeGame.claimCredit(alice))))
        .contains(new Errors.NoCreditToClaim());
  }

  @Test
  void aCreatorThatRefusesEthKeepsItsCreditAndTheGameStillResolves() {
    factory = DisputeTestSupport.deployFactoryWithFastGame(chain, owner, BOND);
    // A contract creator that forwards everything to the factory, which takes no plain ETH.
    Address creator =
        DisputeTestSupport.installForwarder(chain, TestChain.address("creator contract"), factory);
    chain.setBalance(alice, TestChain.ETHER);
    Outcome o =
        chain
            .send(
                alice,
                creator,
                DisputeGameFactory.create(FAST, root, DisputeTestSupport.extraData(5)),
                BOND)
            .requireSuccess();
    Address game =
        DisputeGameFactory.Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
    assertThat(chain.call(game, FastDisputeGame.gameCreator())).isEqualTo(creator);

    DisputeTestSupport.resolveFastGame(chain, game);
    assertThat(error(chain.send(anyone, game, FastDisputeGame.claimCredit(creator))))
        .contains(new Errors.BondTransferFailed());
    // The failed payment changed nothing: the credit is still there.
    assertThat(chain.call(game, FastDisputeGame.credit(creator))).isEqualTo(BOND);
    assertThat(chain.balance(game)).isEqualTo(BOND);
  }

  @Test
  void theSupportFactoryHasNoBondByDefault() {
    Address f = DisputeTestSupport.deployFactoryWithFastGame(chain, owner);
    assertThat(chain.call(f, DisputeGameFactory.initBonds(FAST))).isEqualTo(UInt256.ZERO);
    Address game = DisputeTestSupport.createFastGame(chain, f, anyone, root, 1);
    DisputeTestSupport.resolveFastGame(chain, game);
    assertThat(chain.call(game, FastDisputeGame.status())).isEqualTo(DEFENDER_WINS);
  }
}
