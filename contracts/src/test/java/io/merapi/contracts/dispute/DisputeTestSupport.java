package io.merapi.contracts.dispute;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import java.util.HexFormat;

/**
 * Deploys the DisputeGameFactory as production does (behind the EIP-1967 Proxy, upgraded and
 * initialized through a ProxyAdmin in one call) and creates games, for the dispute tests and for
 * other tests that need games (the OptimismPortal2's withdrawals): {@link
 * #deployFactoryWithFastGame} gives a factory on which anyone can create FAST games that resolve
 * one block later.
 */
public final class DisputeTestSupport {
  /** The permissioned game's type (PERMISSIONED_CANNON). */
  public static final long PERMISSIONED = 1;

  /** The fast devnet game's type. */
  public static final long FAST = 254;

  /** GameStatus values. */
  public static final int IN_PROGRESS = 0;

  public static final int CHALLENGER_WINS = 1;
  public static final int DEFENDER_WINS = 2;

  private DisputeTestSupport() {}

  /** A factory deployment: the factory (its proxy), the proxy's admin and the implementation. */
  public record Factory(Address proxy, Address proxyAdmin, Address implementation) {}

  /**
   * Deploys a DisputeGameFactory implementation, a ProxyAdmin owned by {@code owner} and a Proxy,
   * points the proxy at the implementation and initializes it with {@code owner} in one call.
   */
  public static Factory deployFactory(TestChain chain, Address owner) {
    Address implementation = chain.deploy(owner, DisputeGameFactory.deployment());
    Address proxyAdmin = chain.deploy(owner, ProxyAdmin.deployment(owner));
    Address proxy = chain.deploy(owner, Proxy.deployment(proxyAdmin));
    chain
        .send(
            owner,
            proxyAdmin,
            ProxyAdmin.upgradeAndCall(
                proxy, implementation, DisputeGameFactory.initialize(owner).data()))
        .requireSuccess();
    return new Factory(proxy, proxyAdmin, implementation);
  }

  /**
   * A factory (proxy address) owned by {@code owner} with the FastDisputeGame set for game type 254
   * and no bond: anyone may then create a fast game with {@link #createFastGame}.
   */
  public static Address deployFactoryWithFastGame(TestChain chain, Address owner) {
    return deployFactoryWithFastGame(chain, owner, UInt256.ZERO);
  }

  /** As {@link #deployFactoryWithFastGame(TestChain, Address)}, with a creation bond. */
  public static Address deployFactoryWithFastGame(TestChain chain, Address owner, UInt256 bond) {
    Address factory = deployFactory(chain, owner).proxy();
    Address fastGame = chain.deploy(owner, FastDisputeGame.deployment());
    chain
        .send(owner, factory, DisputeGameFactory.setImplementation(FAST, fastGame))
        .requireSuccess();
    chain.send(owner, factory, DisputeGameFactory.setInitBond(FAST, bond)).requireSuccess();
    return factory;
  }

  /** The extra data of an output game: abi.encode(uint256 l2BlockNumber). */
  public static Bytes extraData(long l2BlockNumber) {
    return Bytes.wrap(UInt256.valueOf(l2BlockNumber).toBytes());
  }

  /**
   * Creates a game of {@code gameType} for the output root {@code rootClaim} at {@code
   * l2BlockNumber}, sending the factory's bond for the type from {@code creator}; returns the game.
   */
  public static Address createGame(
      TestChain chain,
      Address factory,
      Address creator,
      long gameType,
      Hash rootClaim,
      long l2Block) {
    UInt256 bond = chain.call(factory, DisputeGameFactory.initBonds(gameType));
    Outcome o =
        chain
            .send(
                creator,
                factory,
                DisputeGameFactory.create(gameType, rootClaim, extraData(l2Block)),
                bond)
            .requireSuccess();
    return DisputeGameFactory.Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
  }

  /** Creates a FAST game (see {@link #createGame}). */
  public static Address createFastGame(
      TestChain chain, Address factory, Address creator, Hash rootClaim, long l2BlockNumber) {
    return createGame(chain, factory, creator, FAST, rootClaim, l2BlockNumber);
  }

  /** Mines a block and resolves a FAST game (DEFENDER_WINS), as a relayer would. */
  public static void resolveFastGame(TestChain chain, Address game) {
    chain.mine();
    chain.send(TestChain.address("resolver"), game, FastDisputeGame.resolve()).requireSuccess();
  }

  /**
   * Installs at {@code at} a contract that forwards every call (calldata and value) to {@code
   * target} and returns or reverts as the target does. It has no receive function of its own: ETH
   * sent to it with empty calldata is forwarded as an empty call, so it "cannot receive ETH" when
   * the target cannot. Used as a game creator that is a contract.
   */
  public static Address installForwarder(TestChain chain, Address at, Address target) {
    // calldatacopy(0, 0, calldatasize); call(gas, target, callvalue, 0, calldatasize, 0, 0);
    // returndatacopy(0, 0, returndatasize); success ? return : revert (returndata).
    String code =
        "365f5f37"
            + "5f5f365f3473"
            + target.toHex().substring(2)
            + "5af1"
            + "3d5f5f3e"
            + "602a57"
            + "3d5ffd"
            + "5b3d5ff3";
    chain.setCode(at, HexFormat.of().parseHex(code));
    return at;
  }
}
