package io.merapi.contracts.dispute;

import static io.merapi.contracts.dispute.DisputeTestSupport.DEFENDER_WINS;
import static io.merapi.contracts.dispute.DisputeTestSupport.FAST;
import static io.merapi.contracts.dispute.DisputeTestSupport.IN_PROGRESS;
import static io.merapi.contracts.dispute.DisputeTestSupport.PERMISSIONED;
import static io.merapi.contracts.dispute.DisputeTestSupport.extraData;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiError;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractArtifact.StorageSlot;
import io.merapi.contracts.dispute.DisputeGameFactory.CustomError;
import io.merapi.contracts.dispute.DisputeGameFactory.Errors;
import io.merapi.contracts.dispute.DisputeGameFactory.Events;
import io.merapi.contracts.dispute.DisputeTestSupport.Factory;
import io.merapi.contracts.structs.GameSearchResult;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.ProxyAdmin;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DisputeGameFactory behind its Proxy (specs fault-proof/stage-one/dispute-game-interface.md):
 * creation with bonds and its refusals, the clones and their immutable arguments, the two indexes
 * (UUID and list) as the portal, op-proposer and viem read them, ownership, and the storage layout
 * shared with the OP Stack's factory.
 */
class DisputeGameFactoryTest {
  private static final UInt256 BOND = UInt256.valueOf(80_000_000_000_000_000L); // 0.08 ETH

  private final TestChain chain = TestChain.l1();
  private final Address owner = TestChain.address("owner");
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");

  private Factory deployed;
  private Address factory;
  private Address fastImpl;

  @BeforeEach
  void setUp() {
    chain.mine(5);
    deployed = DisputeTestSupport.deployFactory(chain, owner);
    factory = deployed.proxy();
    fastImpl = chain.deploy(owner, FastDisputeGame.deployment());
    chain
        .send(owner, factory, DisputeGameFactory.setImplementation(FAST, fastImpl))
        .requireSuccess();
    chain.send(owner, factory, DisputeGameFactory.setInitBond(FAST, BOND)).requireSuccess();
    chain.setBalance(alice, TestChain.ETHER.multiply(10));
    chain.setBalance(bob, TestChain.ETHER.multiply(10));
  }

  private static Hash claim(String label) {
    return Keccak256.digest(label.getBytes(StandardCharsets.UTF_8));
  }

  private Outcome create(Address from, long gameType, Hash root, Bytes extra, UInt256 value) {
    return chain.send(from, factory, DisputeGameFactory.create(gameType, root, extra), value);
  }

  private Address createFast(Address from, Hash root, long l2Block) {
    Outcome o = create(from, FAST, root, extraData(l2Block), BOND).requireSuccess();
    return Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
  }

  private static Optional<CustomError> error(Outcome o) {
    assertThat(o.isSuccess()).as("the call reverts").isFalse();
    return CustomError.decode(o.revertData());
  }

  // ---- deployment and ownership ---------------------------------------------------------------

  @Test
  void isInitializedBehindItsProxyAndItsImplementationIsLocked() {
    assertThat(chain.call(factory, DisputeGameFactory.owner())).isEqualTo(owner);
    assertThat(chain.call(factory, DisputeGameFactory.version())).isEqualTo("1.0.1");
    assertThat(chain.call(deployed.proxyAdmin(), ProxyAdmin.getProxyImplementation(factory)))
        .isEqualTo(deployed.implementation());

    Outcome again = chain.send(owner, factory, DisputeGameFactory.initialize(bob));
    assertThat(AbiError.reason(again.revertData()))
        .contains("Initializable: contract is already initialized");
    Outcome impl = chain.send(bob, deployed.implementation(), DisputeGameFactory.initialize(bob));
    assertThat(AbiError.reason(impl.revertData()))
        .contains("Initializable: contract is already initialized");
    assertThat(chain.call(deployed.implementation(), DisputeGameFactory.owner()))
        .isEqualTo(Address.ZERO);
  }

  @Test
  void onlyTheOwnerSetsImplementationsAndBondsAndTheEventsSayWhat() {
    Outcome refused = chain.send(alice, factory, DisputeGameFactory.setImplementation(7, alice));
    assertThat(AbiError.reason(refused.revertData())).contains("Ownable: caller is not the owner");
    refused = chain.send(alice, factory, DisputeGameFactory.setInitBond(7, UInt256.ONE));
    assertThat(AbiError.reason(refused.revertData())).contains("Ownable: caller is not the owner");

    Outcome set =
        chain
            .send(owner, factory, DisputeGameFactory.setImplementation(7, fastImpl))
            .requireSuccess();
    assertThat(Events.ImplementationSet.in(set.logs()))
        .containsExactly(new Events.ImplementationSet(fastImpl, 7));
    Outcome bond =
        chain
            .send(owner, factory, DisputeGameFactory.setInitBond(7, UInt256.valueOf(123)))
            .requireSuccess();
    assertThat(Events.InitBondUpdated.in(bond.logs()))
        .containsExactly(new Events.InitBondUpdated(7, UInt256.valueOf(123)));
    assertThat(chain.call(factory, DisputeGameFactory.gameImpls(7))).isEqualTo(fastImpl);
    assertThat(chain.call(factory, DisputeGameFactory.initBonds(7)))
        .isEqualTo(UInt256.valueOf(123));

    // A new owner takes over, the old one is out.
    chain.send(owner, factory, DisputeGameFactory.transferOwnership(bob)).requireSuccess();
    assertThat(
            chain.send(owner, factory, DisputeGameFactory.setInitBond(7, UInt256.ONE)).isSuccess())
        .isFalse();
    assertThat(chain.send(bob, factory, DisputeGameFactory.setInitBond(7, UInt256.ONE)).isSuccess())
        .isTrue();
  }

  // ---- creation -------------------------------------------------------------------------------

  @Test
  void createNeedsAnImplementationForTheType() {
    assertThat(error(create(alice, PERMISSIONED, claim("a"), extraData(1), UInt256.ZERO)))
        .contains(new Errors.NoImplementation(PERMISSIONED));
    // Unsetting the implementation stops creation of the type.
    chain
        .send(owner, factory, DisputeGameFactory.setImplementation(FAST, Address.ZERO))
        .requireSuccess();
    assertThat(error(create(alice, FAST, claim("a"), extraData(1), BOND)))
        .contains(new Errors.NoImplementation(FAST));
  }

  @Test
  void createNeedsExactlyTheBond() {
    assertThat(error(create(alice, FAST, claim("a"), extraData(1), UInt256.ZERO)))
        .contains(new Errors.IncorrectBondAmount());
    assertThat(error(create(alice, FAST, claim("a"), extraData(1), BOND.subtract(UInt256.ONE))))
        .contains(new Errors.IncorrectBondAmount());
    assertThat(error(create(alice, FAST, claim("a"), extraData(1), BOND.add(UInt256.ONE))))
        .contains(new Errors.IncorrectBondAmount());

    UInt256 before = chain.balance(alice);
    Address game = createFast(alice, claim("a"), 1);
    // The bond moves from the creator to the game, none stays in the factory.
    assertThat(chain.balance(alice)).isEqualTo(before.subtract(BOND));
    assertThat(chain.balance(game)).isEqualTo(BOND);
    assertThat(chain.balance(factory)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void theSameGameCannotBeCreatedTwice() {
    Hash root = claim("a");
    createFast(alice, root, 100);
    Hash uuid = uuid(FAST, root, extraData(100));
    assertThat(chain.call(factory, DisputeGameFactory.getGameUUID(FAST, root, extraData(100))))
        .isEqualTo(uuid);
    // Also for another creator: the UUID does not include the creator.
    assertThat(error(create(bob, FAST, root, extraData(100), BOND)))
        .contains(new Errors.GameAlreadyExists(uuid));
    // Another block, claim or type is another game.
    createFast(bob, root, 101);
    createFast(bob, claim("b"), 100);
    assertThat(chain.call(factory, DisputeGameFactory.gameCount())).isEqualTo(UInt256.valueOf(3));
  }

  @Test
  void extraDataOtherThanOneWordIsRefusedByTheGame() {
    // Extra bytes the game ignores would be another UUID for the same claim: a second game.
    for (Bytes extra :
        List.of(
            Bytes.EMPTY,
            Bytes.wrap(new byte[31]),
            Bytes.wrap(new byte[33]),
            Bytes.wrap(new byte[64]))) {
      Outcome o = create(alice, FAST, claim("a"), extra, BOND);
      assertThat(FastDisputeGame.CustomError.decode(o.revertData()))
          .as("extra data of %d bytes", extra.length())
          .contains(new FastDisputeGame.Errors.BadExtraData());
    }
    assertThat(chain.call(factory, DisputeGameFactory.gameCount())).isEqualTo(UInt256.ZERO);
  }

  @Test
  void extraDataTooLongForAClone() {
    // Past the 2-byte length of the appended arguments the factory refuses before deploying.
    Outcome o = create(alice, FAST, claim("a"), Bytes.wrap(new byte[65_536]), BOND);
    assertThat(error(o)).contains(new Errors.CloneFailed());
    // Within it but past EIP-170's 24576-byte code limit, CREATE fails: the same error.
    o = create(alice, FAST, claim("a"), Bytes.wrap(new byte[24_576 - 56 - 84 - 2 + 1]), BOND);
    assertThat(error(o)).contains(new Errors.CloneFailed());
  }

  @Test
  void aGameIsAMinimalCloneWithItsArgumentsAppended() {
    chain.mine();
    long creationBlock = chain.number();
    Hash root = claim("output at 4242");
    Outcome o = create(alice, FAST, root, extraData(4242), BOND).requireSuccess();
    Address game = Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
    assertThat(Events.DisputeGameCreated.in(o.logs()))
        .containsExactly(new Events.DisputeGameCreated(game, FAST, root));

    // The code: the 56-byte delegating program with the implementation, the arguments (creator,
    // root claim, parent block hash, extra data) and their length plus two.
    Hash parentHash = chain.blockHash(creationBlock - 1);
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    args.writeBytes(alice.array());
    args.writeBytes(root.array());
    args.writeBytes(parentHash.array());
    args.writeBytes(extraData(4242).array());
    int appended = args.size() + 2;
    String expected =
        "0x365f5f3761"
            + String.format("%04x", appended)
            + "603836395f5f61"
            + String.format("%04x", appended)
            + "36015f73"
            + fastImpl.toHex().substring(2)
            + "5af43d5f5f3e6034573d5ffd5b3d5ff3"
            + Bytes.wrap(args.toByteArray()).toHex().substring(2)
            + String.format("%04x", appended);
    assertThat(Bytes.wrap(chain.code(game)).toHex()).isEqualTo(expected);
    assertThat(chain.code(game)).hasSize(56 + 116 + 2);

    // And the game reads them.
    assertThat(chain.call(game, FastDisputeGame.gameCreator())).isEqualTo(alice);
    assertThat(chain.call(game, FastDisputeGame.rootClaim())).isEqualTo(root);
    assertThat(chain.call(game, FastDisputeGame.l1Head())).isEqualTo(parentHash);
    assertThat(chain.call(game, FastDisputeGame.extraData())).isEqualTo(extraData(4242));
    assertThat(chain.call(game, FastDisputeGame.l2BlockNumber())).isEqualTo(UInt256.valueOf(4242));
    assertThat(chain.call(game, FastDisputeGame.l2SequenceNumber()))
        .isEqualTo(UInt256.valueOf(4242));
    assertThat(chain.call(game, FastDisputeGame.gameData()))
        .isEqualTo(new FastDisputeGame.GameDataResult(FAST, root, extraData(4242)));
    assertThat(chain.call(game, FastDisputeGame.gameType())).isEqualTo(FAST);
    assertThat(chain.call(game, FastDisputeGame.createdAt())).isEqualTo(chain.timestamp());
    assertThat(chain.call(game, FastDisputeGame.resolvedAt())).isZero();
    assertThat(chain.call(game, FastDisputeGame.status())).isEqualTo(IN_PROGRESS);
    assertThat(chain.call(game, FastDisputeGame.version())).isEqualTo("1.0.0");
  }

  @Test
  void replacingAnImplementationLeavesEarlierGamesAsTheyWere() {
    Address before = createFast(alice, claim("a"), 1);
    Address newImpl = chain.deploy(owner, FastDisputeGame.deployment());
    chain
        .send(owner, factory, DisputeGameFactory.setImplementation(FAST, newImpl))
        .requireSuccess();
    Address after = createFast(alice, claim("b"), 2);
    // Each clone delegates to the implementation it was created from.
    assertThat(Bytes.wrap(chain.code(before)).slice(20, 40))
        .isEqualTo(Bytes.wrap(fastImpl.array()));
    assertThat(Bytes.wrap(chain.code(after)).slice(20, 40)).isEqualTo(Bytes.wrap(newImpl.array()));
    chain.mine();
    chain.send(bob, before, FastDisputeGame.resolve()).requireSuccess();
    assertThat(chain.call(before, FastDisputeGame.status())).isEqualTo(DEFENDER_WINS);
    assertThat(chain.call(after, FastDisputeGame.rootClaim())).isEqualTo(claim("b"));
  }

  @Test
  void aGameCannotBeInitializedAgainNorItsImplementationAtAll() {
    Address game = createFast(alice, claim("a"), 1);
    assertThat(
            FastDisputeGame.CustomError.decode(
                chain.send(alice, game, FastDisputeGame.initialize()).revertData()))
        .contains(new FastDisputeGame.Errors.AlreadyInitialized());
    assertThat(
            FastDisputeGame.CustomError.decode(
                chain.send(alice, fastImpl, FastDisputeGame.initialize()).revertData()))
        .contains(new FastDisputeGame.Errors.AlreadyInitialized());
    // The implementation has no arguments: its argument getters revert rather than read garbage.
    assertThat(
            chain
                .simulate(alice, fastImpl, UInt256.ZERO, FastDisputeGame.rootClaim().data())
                .isSuccess())
        .isFalse();
  }

  // ---- the indexes ----------------------------------------------------------------------------

  @Test
  void gamesFindsAGameByTypeClaimAndExtraData() {
    Address game = createFast(alice, claim("a"), 7);
    long created = chain.timestamp();
    chain.mine();
    assertThat(chain.call(factory, DisputeGameFactory.games(FAST, claim("a"), extraData(7))))
        .isEqualTo(new DisputeGameFactory.GamesResult(game, created));
    assertThat(chain.call(factory, DisputeGameFactory.games(FAST, claim("a"), extraData(8))))
        .isEqualTo(new DisputeGameFactory.GamesResult(Address.ZERO, 0));
    assertThat(
            chain.call(factory, DisputeGameFactory.games(PERMISSIONED, claim("a"), extraData(7))))
        .isEqualTo(new DisputeGameFactory.GamesResult(Address.ZERO, 0));
  }

  /** A game as the test created it. */
  private record Created(
      int index, long gameType, Address game, long timestamp, Hash root, long l2) {}

  /** Creates 13 games: FAST and type 7 (another implementation of the fast game) interleaved. */
  private List<Created> mixedGames() {
    chain.send(owner, factory, DisputeGameFactory.setImplementation(7, fastImpl)).requireSuccess();
    List<Created> created = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      long type = i % 3 == 2 ? 7 : FAST;
      UInt256 bond = type == FAST ? BOND : UInt256.ZERO;
      Hash root = claim("root " + i);
      long l2 = 100L * (i + 1);
      Outcome o =
          create(i % 2 == 0 ? alice : bob, type, root, extraData(l2), bond).requireSuccess();
      Address game = Events.DisputeGameCreated.in(o.logs()).getFirst().disputeProxy();
      created.add(new Created(i, type, game, chain.timestamp(), root, l2));
      chain.mine();
    }
    return created;
  }

  @Test
  void gameAtIndexWalksTheListInCreationOrder() {
    List<Created> created = mixedGames();
    assertThat(chain.call(factory, DisputeGameFactory.gameCount()))
        .isEqualTo(UInt256.valueOf(created.size()));
    for (Created c : created) {
      assertThat(chain.call(factory, DisputeGameFactory.gameAtIndex(UInt256.valueOf(c.index()))))
          .isEqualTo(
              new DisputeGameFactory.GameAtIndexResult(c.gameType(), c.timestamp(), c.game()));
    }
    // Beyond the end: Solidity's array bounds check (Panic(0x32)), as the OP Stack's factory.
    Outcome beyond =
        chain.simulate(
            alice,
            factory,
            UInt256.ZERO,
            DisputeGameFactory.gameAtIndex(UInt256.valueOf(created.size())).data());
    assertThat(beyond.revertData()).isEqualTo(panic(0x32));
  }

  @Test
  void findLatestGamesAsViemGetGamesAsksForThem() {
    List<Created> created = mixedGames();
    long count = created.size();
    int limit = 100;
    // viem: findLatestGames(respectedGameType, max(0, gameCount - 1), min(limit, gameCount)).
    List<GameSearchResult> found =
        chain.call(
            factory,
            DisputeGameFactory.findLatestGames(
                FAST, UInt256.valueOf(count - 1), UInt256.valueOf(Math.min(limit, count))));
    List<GameSearchResult> expected =
        created.reversed().stream()
            .filter(c -> c.gameType() == FAST)
            .map(DisputeGameFactoryTest::result)
            .toList();
    assertThat(found).hasSize(9).containsExactlyElementsOf(expected);
    // The metadata is the GameId: type in bits 224-255, creation time in 160-223, address below.
    GameSearchResult newest = found.getFirst();
    byte[] id = newest.metadata().array();
    assertThat(UInt256.fromBytes(id, 0, 4)).isEqualTo(UInt256.valueOf(FAST));
    assertThat(UInt256.fromBytes(id, 4, 8)).isEqualTo(UInt256.valueOf(newest.timestamp()));
    assertThat(Address.copyOf(id, 12)).isEqualTo(created.get(12).game());
    // viem takes the game's address from the metadata's last 20 bytes and asks it for
    // l2SequenceNumber.
    assertThat(chain.call(Address.copyOf(id, 12), FastDisputeGame.l2SequenceNumber()))
        .isEqualTo(UInt256.valueOf(1300));

    List<GameSearchResult> other =
        chain.call(
            factory,
            DisputeGameFactory.findLatestGames(7, UInt256.valueOf(count - 1), UInt256.valueOf(2)));
    assertThat(other).containsExactly(result(created.get(11)), result(created.get(8)));
  }

  @Test
  void findLatestGamesPagesFromAnyStart() {
    List<Created> created = mixedGames();
    // From index 5 backwards, three FAST games: 4, 3, 1 (2 and 5 are type 7).
    assertThat(
            chain.call(
                factory,
                DisputeGameFactory.findLatestGames(FAST, UInt256.valueOf(5), UInt256.valueOf(3))))
        .containsExactly(result(created.get(4)), result(created.get(3)), result(created.get(1)));
    // Fewer games than asked for: all there are, down to index 0.
    assertThat(
            chain.call(
                factory,
                DisputeGameFactory.findLatestGames(FAST, UInt256.valueOf(1), UInt256.valueOf(50))))
        .containsExactly(result(created.get(1)), result(created.get(0)));
    // A huge n is bounded by the games there can be.
    assertThat(
            chain.call(
                factory,
                DisputeGameFactory.findLatestGames(FAST, UInt256.valueOf(12), UInt256.MAX_VALUE)))
        .hasSize(9);
    // Start beyond the list, n = 0, a type without games: empty.
    assertThat(
            chain.call(
                factory,
                DisputeGameFactory.findLatestGames(FAST, UInt256.valueOf(13), UInt256.valueOf(5))))
        .isEmpty();
    assertThat(
            chain.call(
                factory,
                DisputeGameFactory.findLatestGames(FAST, UInt256.valueOf(12), UInt256.ZERO)))
        .isEmpty();
    assertThat(
            chain.call(
                factory,
                DisputeGameFactory.findLatestGames(
                    PERMISSIONED, UInt256.valueOf(12), UInt256.valueOf(5))))
        .isEmpty();
  }

  @Test
  void findLatestGamesOnAnEmptyFactory() {
    // viem asks for (type, 0, 0) when gameCount is 0.
    assertThat(
            chain.call(
                factory, DisputeGameFactory.findLatestGames(FAST, UInt256.ZERO, UInt256.ZERO)))
        .isEmpty();
    assertThat(
            chain.call(
                factory, DisputeGameFactory.findLatestGames(FAST, UInt256.ZERO, UInt256.ONE)))
        .isEmpty();
  }

  private static GameSearchResult result(Created c) {
    return new GameSearchResult(
        UInt256.valueOf(c.index()),
        gameId(c.gameType(), c.timestamp(), c.game()),
        c.timestamp(),
        c.root(),
        extraData(c.l2()));
  }

  // ---- storage --------------------------------------------------------------------------------

  /**
   * The OP Stack's DisputeGameFactory storage layout
   * (snapshots/storageLayout/DisputeGameFactory.json at d317e96): label, slot, offset, bytes. The
   * two 50- and 49-slot gaps are OpenZeppelin's.
   */
  private static final List<StorageSlot> OP_LAYOUT =
      List.of(
          new StorageSlot("_initialized", 0, 0, 1, "uint8"),
          new StorageSlot("_initializing", 0, 1, 1, "bool"),
          new StorageSlot("_owner", 51, 0, 20, "address"),
          new StorageSlot("gameImpls", 101, 0, 32, "mapping(GameType => contract IDisputeGame)"),
          new StorageSlot("initBonds", 102, 0, 32, "mapping(GameType => uint256)"),
          new StorageSlot("_disputeGames", 103, 0, 32, "mapping(Hash => GameId)"),
          new StorageSlot("_disputeGameList", 104, 0, 32, "GameId[]"));

  @Test
  void storageLayoutIsTheOpStacks() {
    for (StorageSlot op : OP_LAYOUT) {
      StorageSlot ours = DisputeGameFactory.ARTIFACT.slot(op.label()).orElseThrow();
      assertThat(ours).as(op.label()).isEqualTo(op);
    }
    // The gaps: slots 1-50 and 52-100.
    assertThat(DisputeGameFactory.ARTIFACT.storageLayout())
        .filteredOn(s -> s.type().equals("uint256[50]"))
        .singleElement()
        .satisfies(s -> assertThat(s.slot()).isEqualTo(1));
    assertThat(DisputeGameFactory.ARTIFACT.storageLayout())
        .filteredOn(s -> s.type().equals("uint256[49]"))
        .singleElement()
        .satisfies(s -> assertThat(s.slot()).isEqualTo(52));
    assertThat(DisputeGameFactory.ARTIFACT.storageLayout()).hasSize(9);
  }

  @Test
  void theStateIsWhereTheLayoutSaysOnTheProxy() {
    Hash root = claim("a");
    Address game = createFast(alice, root, 9);
    long created = chain.timestamp();

    assertThat(word(UInt256.ZERO)).isEqualTo(UInt256.ONE); // initialized version 1
    assertThat(word(UInt256.valueOf(51))).isEqualTo(UInt256.fromHash(owner.toWord()));
    assertThat(word(mappingSlot(UInt256.valueOf(FAST).toHash(), 101)))
        .isEqualTo(UInt256.fromHash(fastImpl.toWord()));
    assertThat(word(mappingSlot(UInt256.valueOf(FAST).toHash(), 102))).isEqualTo(BOND);
    Hash uuid = uuid(FAST, root, extraData(9));
    assertThat(word(mappingSlot(uuid, 103)))
        .isEqualTo(UInt256.fromHash(gameId(FAST, created, game)));
    assertThat(word(UInt256.valueOf(104))).isEqualTo(UInt256.ONE);
    UInt256 first = UInt256.fromHash(Keccak256.digest(UInt256.valueOf(104).toBytes()));
    assertThat(word(first)).isEqualTo(UInt256.fromHash(gameId(FAST, created, game)));
  }

  // ---- gas ------------------------------------------------------------------------------------

  @Test
  void creationGas() {
    Outcome o = create(alice, FAST, claim("gas"), extraData(1), BOND).requireSuccess();
    // A clone of 174 bytes, two index writes and the game's initialize (three slots).
    System.out.println("[gas] DisputeGameFactory.create (FAST, via proxy): " + o.gasUsed());
    assertThat(o.gasUsed()).isLessThan(250_000);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private UInt256 word(UInt256 slot) {
    return chain.storage(factory, slot);
  }

  private static UInt256 mappingSlot(Hash key, long slot) {
    byte[] buf = new byte[64];
    System.arraycopy(key.array(), 0, buf, 0, 32);
    UInt256.valueOf(slot).toBytes(buf, 32);
    return UInt256.fromHash(Keccak256.digest(buf));
  }

  static Hash uuid(long gameType, Hash root, Bytes extra) {
    AbiType.Tuple t = (AbiType.Tuple) AbiType.parse("(uint32,bytes32,bytes)");
    return Keccak256.digest(AbiCodec.encode(t, List.of(gameType, root, extra)));
  }

  static Hash gameId(long gameType, long timestamp, Address game) {
    byte[] id = new byte[32];
    for (int i = 0; i < 4; i++) {
      id[i] = (byte) (gameType >>> (8 * (3 - i)));
    }
    for (int i = 0; i < 8; i++) {
      id[4 + i] = (byte) (timestamp >>> (8 * (7 - i)));
    }
    System.arraycopy(game.array(), 0, id, 12, 20);
    return Hash.wrap(id);
  }

  static byte[] panic(int code) {
    byte[] out = new byte[36];
    System.arraycopy(new byte[] {0x4e, 0x48, 0x7b, 0x71}, 0, out, 0, 4);
    out[35] = (byte) code;
    return out;
  }
}
