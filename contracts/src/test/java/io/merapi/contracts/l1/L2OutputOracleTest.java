package io.merapi.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.structs.OutputProposal;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The L2OutputOracle (specs proposals.md): who may propose and delete, which block is due, the
 * binary search viem's getL2Output relies on (with the revert string it maps to waiting-to-prove),
 * and the slots the proposer and the portal read.
 */
class L2OutputOracleTest {
  private static final long INTERVAL = 10;
  private static final long BLOCK_TIME = 2;
  private static final long STARTING_BLOCK = 100;
  private static final long PERIOD = 3600;

  private final TestChain chain = TestChain.l1();
  private final Address admin = TestChain.address("admin");
  private final Address proposer = TestChain.address("proposer");
  private final Address challenger = TestChain.address("challenger");
  private final Address stranger = TestChain.address("stranger");
  private final long startingTimestamp;
  private final Address oracle;

  L2OutputOracleTest() {
    chain.mine(5);
    startingTimestamp = chain.timestamp() - 10_000;
    oracle = deploy(INTERVAL, BLOCK_TIME, STARTING_BLOCK, startingTimestamp).orElseThrow();
  }

  /** A proxied oracle initialized with these values, or empty if initialize reverted. */
  private Optional<Address> deploy(long interval, long blockTime, long startBlock, long startTime) {
    Address proxy = chain.deploy(admin, Proxy.deployment(admin));
    Address impl = chain.deploy(admin, L2OutputOracle.deployment());
    chain.send(admin, proxy, Proxy.upgradeTo(impl)).requireSuccess();
    lastInit =
        chain.send(
            admin,
            proxy,
            L2OutputOracle.initialize(
                UInt256.valueOf(interval),
                UInt256.valueOf(blockTime),
                UInt256.valueOf(startBlock),
                UInt256.valueOf(startTime),
                proposer,
                challenger,
                UInt256.valueOf(PERIOD)));
    return lastInit.isSuccess() ? Optional.of(proxy) : Optional.empty();
  }

  private Outcome lastInit;

  private static Hash root(long n) {
    return Keccak256.digest(("output " + n).getBytes(StandardCharsets.UTF_8));
  }

  private Outcome propose(Address from, Hash root, long l2Block) {
    return chain.send(
        from,
        oracle,
        L2OutputOracle.proposeL2Output(root, UInt256.valueOf(l2Block), Hash.ZERO, UInt256.ZERO));
  }

  private static String reason(Outcome o) {
    assertThat(o.isSuccess()).as("should have reverted").isFalse();
    Optional<List<Object>> panic = AbiError.PANIC.decode(o.revertData());
    if (panic.isPresent()) {
      return "Panic(" + ((UInt256) panic.get().get(0)).toLongExact() + ")";
    }
    return AbiError.reason(o.revertData()).orElse("data " + Bytes.wrap(o.revertData()).toHex());
  }

  private String viewReason(ContractCall<?> call) {
    return reason(chain.simulate(stranger, oracle, UInt256.ZERO, call.data()));
  }

  private <R> R call(ContractCall<R> c) {
    return chain.call(oracle, c);
  }

  private UInt256 u(long v) {
    return UInt256.valueOf(v);
  }

  @Test
  void initializeChecksItsParameters() {
    assertThat(deploy(0, 2, 0, startingTimestamp)).isEmpty();
    assertThat(reason(lastInit))
        .isEqualTo("L2OutputOracle: submission interval must be greater than 0");
    assertThat(deploy(1, 0, 0, startingTimestamp)).isEmpty();
    assertThat(reason(lastInit)).isEqualTo("L2OutputOracle: L2 block time must be greater than 0");
    assertThat(deploy(1, 2, 0, chain.timestamp() + 1)).isEmpty();
    assertThat(reason(lastInit))
        .isEqualTo("L2OutputOracle: starting L2 timestamp must be less than current time");

    assertThat(call(L2OutputOracle.version())).isEqualTo("1.8.0");
    assertThat(call(L2OutputOracle.SUBMISSION_INTERVAL())).isEqualTo(u(INTERVAL));
    assertThat(call(L2OutputOracle.submissionInterval())).isEqualTo(u(INTERVAL));
    assertThat(call(L2OutputOracle.L2_BLOCK_TIME())).isEqualTo(u(BLOCK_TIME));
    assertThat(call(L2OutputOracle.l2BlockTime())).isEqualTo(u(BLOCK_TIME));
    assertThat(call(L2OutputOracle.PROPOSER())).isEqualTo(proposer);
    assertThat(call(L2OutputOracle.proposer())).isEqualTo(proposer);
    assertThat(call(L2OutputOracle.CHALLENGER())).isEqualTo(challenger);
    assertThat(call(L2OutputOracle.challenger())).isEqualTo(challenger);
    assertThat(call(L2OutputOracle.FINALIZATION_PERIOD_SECONDS())).isEqualTo(u(PERIOD));
    assertThat(call(L2OutputOracle.finalizationPeriodSeconds())).isEqualTo(u(PERIOD));
    assertThat(call(L2OutputOracle.startingBlockNumber())).isEqualTo(u(STARTING_BLOCK));
    assertThat(call(L2OutputOracle.startingTimestamp())).isEqualTo(u(startingTimestamp));
    assertThat(
            reason(
                chain.send(
                    admin,
                    oracle,
                    L2OutputOracle.initialize(u(1), u(1), u(0), u(0), stranger, stranger, u(0)))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void onlyTheProposerProposesTheBlockDueInThePast() {
    assertThat(call(L2OutputOracle.latestBlockNumber())).isEqualTo(u(STARTING_BLOCK));
    assertThat(call(L2OutputOracle.nextBlockNumber())).isEqualTo(u(STARTING_BLOCK + INTERVAL));
    assertThat(call(L2OutputOracle.nextOutputIndex())).isEqualTo(UInt256.ZERO);
    long due = STARTING_BLOCK + INTERVAL;

    assertThat(reason(propose(stranger, root(1), due)))
        .isEqualTo("L2OutputOracle: only the proposer address can propose new outputs");
    assertThat(reason(propose(proposer, root(1), due + 1)))
        .isEqualTo("L2OutputOracle: block number must be equal to next expected block number");
    assertThat(reason(propose(proposer, Hash.ZERO, due)))
        .isEqualTo("L2OutputOracle: L2 output proposal cannot be the zero hash");

    Outcome o = propose(proposer, root(1), due).requireSuccess();
    assertThat(L2OutputOracle.Events.OutputProposed.in(o.logs()))
        .containsExactly(
            new L2OutputOracle.Events.OutputProposed(
                root(1), UInt256.ZERO, u(due), u(chain.timestamp())));
    assertThat(call(L2OutputOracle.getL2Output(UInt256.ZERO)))
        .isEqualTo(new OutputProposal(root(1), u(chain.timestamp()), u(due)));
    assertThat(call(L2OutputOracle.latestOutputIndex())).isEqualTo(UInt256.ZERO);
    assertThat(call(L2OutputOracle.latestBlockNumber())).isEqualTo(u(due));

    // A block whose L2 timestamp is not yet past cannot be proposed.
    long future = (chain.timestamp() - startingTimestamp) / BLOCK_TIME + STARTING_BLOCK + 1;
    assertThat(call(L2OutputOracle.computeL2Timestamp(u(future))))
        .isEqualTo(u(startingTimestamp + (future - STARTING_BLOCK) * BLOCK_TIME));
    Address near =
        deploy(future - STARTING_BLOCK, BLOCK_TIME, STARTING_BLOCK, startingTimestamp)
            .orElseThrow();
    Outcome tooEarly =
        chain.send(
            proposer,
            near,
            L2OutputOracle.proposeL2Output(root(2), u(future), Hash.ZERO, UInt256.ZERO));
    assertThat(reason(tooEarly))
        .isEqualTo("L2OutputOracle: cannot propose L2 output in the future");
  }

  @Test
  void aProposalMayBeBoundToAnL1Block() {
    long due = STARTING_BLOCK + INTERVAL;
    long l1Block = chain.number() - 1;
    Outcome wrong =
        chain.send(
            proposer,
            oracle,
            L2OutputOracle.proposeL2Output(root(1), u(due), root(99), u(l1Block)));
    assertThat(reason(wrong))
        .isEqualTo("L2OutputOracle: block hash does not match the hash at the expected height");
    chain
        .send(
            proposer,
            oracle,
            L2OutputOracle.proposeL2Output(root(1), u(due), chain.blockHash(l1Block), u(l1Block)))
        .requireSuccess();
  }

  @Test
  void getL2OutputIndexAfterFindsTheFirstOutputAtOrAfterABlock() {
    assertThat(viewReason(L2OutputOracle.getL2OutputIndexAfter(u(STARTING_BLOCK + 1))))
        .isEqualTo("L2OutputOracle: cannot get output for a block that has not been proposed");
    assertThat(viewReason(L2OutputOracle.getL2OutputIndexAfter(u(STARTING_BLOCK))))
        .isEqualTo("L2OutputOracle: cannot get output as no outputs have been proposed yet");
    assertThat(viewReason(L2OutputOracle.latestOutputIndex())).isEqualTo("Panic(17)");

    int n = 37;
    for (int i = 0; i < n; i++) {
      propose(proposer, root(i), STARTING_BLOCK + INTERVAL * (i + 1)).requireSuccess();
      chain.mine();
    }
    for (long block = 0; block <= STARTING_BLOCK + INTERVAL * n; block += 3) {
      long expected =
          block <= STARTING_BLOCK + INTERVAL
              ? 0
              : (block - STARTING_BLOCK + INTERVAL - 1) / INTERVAL - 1;
      assertThat(call(L2OutputOracle.getL2OutputIndexAfter(u(block))))
          .as("block %d", block)
          .isEqualTo(u(expected));
      assertThat(call(L2OutputOracle.getL2OutputAfter(u(block))).outputRoot())
          .isEqualTo(root(expected));
    }
    // viem's legacy getWithdrawalStatus: waiting-to-prove for blocks after the latest output.
    assertThat(
            viewReason(L2OutputOracle.getL2OutputIndexAfter(u(STARTING_BLOCK + INTERVAL * n + 1))))
        .isEqualTo("L2OutputOracle: cannot get output for a block that has not been proposed");
  }

  @Test
  void onlyTheChallengerDeletesOutputsThatAreNotFinal() {
    for (int i = 0; i < 5; i++) {
      propose(proposer, root(i), STARTING_BLOCK + INTERVAL * (i + 1)).requireSuccess();
      chain.mine();
    }
    assertThat(reason(chain.send(stranger, oracle, L2OutputOracle.deleteL2Outputs(u(2)))))
        .isEqualTo("L2OutputOracle: only the challenger address can delete outputs");
    assertThat(reason(chain.send(challenger, oracle, L2OutputOracle.deleteL2Outputs(u(5)))))
        .isEqualTo("L2OutputOracle: cannot delete outputs after the latest output index");

    Outcome o =
        chain.send(challenger, oracle, L2OutputOracle.deleteL2Outputs(u(3))).requireSuccess();
    assertThat(L2OutputOracle.Events.OutputsDeleted.in(o.logs()))
        .containsExactly(new L2OutputOracle.Events.OutputsDeleted(u(5), u(3)));
    assertThat(call(L2OutputOracle.nextOutputIndex())).isEqualTo(u(3));
    assertThat(call(L2OutputOracle.latestBlockNumber()))
        .isEqualTo(u(STARTING_BLOCK + INTERVAL * 3));
    assertThat(call(L2OutputOracle.nextBlockNumber())).isEqualTo(u(STARTING_BLOCK + INTERVAL * 4));
    assertThat(viewReason(L2OutputOracle.getL2Output(u(3)))).isEqualTo("Panic(50)");
    // The slot of the array's length (slot 3) holds the new length.
    assertThat(chain.storage(oracle, u(3))).isEqualTo(u(3));

    // The proposer goes on from there.
    propose(proposer, root(33), STARTING_BLOCK + INTERVAL * 4).requireSuccess();
    assertThat(call(L2OutputOracle.getL2Output(u(3))).outputRoot()).isEqualTo(root(33));

    chain.warp(PERIOD);
    assertThat(reason(chain.send(challenger, oracle, L2OutputOracle.deleteL2Outputs(u(0)))))
        .isEqualTo("L2OutputOracle: cannot delete outputs that have already been finalized");
  }

  @Test
  void theStateSitsInTheOpStackSlots() {
    propose(proposer, root(0), STARTING_BLOCK + INTERVAL).requireSuccess();
    assertThat(chain.storage(oracle, u(1))).isEqualTo(u(STARTING_BLOCK));
    assertThat(chain.storage(oracle, u(2))).isEqualTo(u(startingTimestamp));
    assertThat(chain.storage(oracle, u(3))).isEqualTo(UInt256.ONE);
    assertThat(chain.storage(oracle, u(4))).isEqualTo(u(INTERVAL));
    assertThat(chain.storage(oracle, u(5))).isEqualTo(u(BLOCK_TIME));
    assertThat(chain.storage(oracle, u(6))).isEqualTo(UInt256.fromHash(challenger.toWord()));
    assertThat(chain.storage(oracle, u(7))).isEqualTo(UInt256.fromHash(proposer.toWord()));
    assertThat(chain.storage(oracle, u(8))).isEqualTo(u(PERIOD));
    // l2Outputs[0] at keccak(3): the root, then timestamp | l2BlockNumber << 128.
    UInt256 base = UInt256.fromHash(Keccak256.digest(u(3).toBytes()));
    assertThat(chain.storage(oracle, base)).isEqualTo(UInt256.fromHash(root(0)));
    assertThat(chain.storage(oracle, base.add(UInt256.ONE)))
        .isEqualTo(
            u(STARTING_BLOCK + INTERVAL)
                .multiply(UInt256.fromLimbs(0, 1, 0, 0))
                .add(u(chain.timestamp())));
  }
}
