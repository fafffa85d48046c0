package io.merapi.faultproof.client;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.pipeline.DerivationPipeline;
import io.merapi.derive.pipeline.StepResult;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.faultproof.boot.BootException;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.hint.HintType;
import io.merapi.faultproof.preimage.Hinter;
import io.merapi.faultproof.preimage.PreimageOracle;
import io.merapi.faultproof.preimage.PreimageUnavailableException;
import io.merapi.state.Account;
import io.merapi.state.op.Predeploys;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.state.op.stateless.WitnessState;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.Json;
import io.merapi.types.rollup.OutputRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fault-proof program (op-program's client): from the boot inputs alone, through the oracle,
 * derives the L2 chain from the agreed output with the node's derivation pipeline and block
 * execution, until the safe head reaches the claim's block or L1 data runs out, and compares the
 * output root there with the claim.
 *
 * <p>Deterministic: one thread, no clock, no randomness; the same oracle answers give the same
 * requests in the same order and the same verdict.
 */
public final class FaultProofProgram {
  /** Consecutive pipeline resets without a new block after which the program gives up. */
  static final int MAX_RESETS = 64;

  private final Oracle oracle;

  public FaultProofProgram(PreimageOracle preimages, Hinter hinter) {
    this.oracle = new Oracle(preimages, hinter);
  }

  /**
   * Runs the program.
   *
   * @throws PreimageUnavailableException if the host cannot answer or answers wrongly
   * @throws BootException if the boot inputs are unusable
   * @throws DerivationException.Critical if derivation cannot go on
   */
  public Verdict run() {
    BootInfo boot = BootInfo.read(oracle::get);
    RollupConfig rollup = rollupConfig(boot);
    Hash agreedHead = agreedHead(boot.l2OutputRoot());

    OracleL2 l2 = new OracleL2(oracle, rollup, agreedHead);
    OracleL1 l1 = new OracleL1(oracle, boot.l1Head());
    OracleState state = new OracleState(oracle);
    OracleEngine engine = new OracleEngine(oracle, l2, state, new StatelessExecutor(rollup));
    DerivationPipeline pipeline = new DerivationPipeline(rollup, l1, l1, l2);

    long claimBlock = boot.l2ClaimBlockNumber();
    L2BlockRef safe = l2.l2BlockRefByHash(agreedHead);
    L2BlockRef pending = safe;
    int resets = 0;
    while (Long.compareUnsigned(safe.number(), claimBlock) < 0) {
      StepResult result;
      try {
        result = pipeline.step(pending);
      } catch (DerivationException.Reset e) {
        if (++resets > MAX_RESETS) {
          throw new DerivationException.Critical(
              "derivation reset " + MAX_RESETS + " times without progress: " + e.getMessage());
        }
        pending = safe;
        pipeline.reset();
        continue;
      } catch (DerivationException.Temporary e) {
        // Every source answers from the oracle or not at all: nothing to wait for.
        throw new DerivationException.Critical("derivation stalled: " + e.getMessage());
      }
      if (result instanceof StepResult.Idle) {
        break; // L1 data ran out before the claim's block
      }
      if (result instanceof StepResult.Attributes(AttributesWithParent derived)) {
        Optional<L2BlockRef> built = apply(pipeline, engine, rollup, derived);
        if (built.isPresent()) {
          resets = 0;
          pending = built.get();
          if (derived.concluding()) {
            safe = pending;
          }
        }
      }
    }
    long target = Long.compareUnsigned(claimBlock, safe.number()) < 0 ? claimBlock : safe.number();
    Hash computed = outputRoot(l2, state, target);
    return new Verdict(boot.l2Claim(), computed, target, claimBlock);
  }

  /**
   * Builds the derived block; an invalid one is replaced from Holocene by its deposits-only block
   * and dropped before it (as the node's driver does).
   */
  private static Optional<L2BlockRef> apply(
      DerivationPipeline pipeline,
      OracleEngine engine,
      RollupConfig rollup,
      AttributesWithParent derived) {
    Optional<L2BlockRef> built = engine.build(derived.parent(), derived.attributes());
    if (built.isPresent() || !rollup.isActive(OpFork.HOLOCENE, derived.derivedFrom().time())) {
      return built;
    }
    AttributesWithParent depositsOnly =
        pipeline.depositsOnlyAttributes(derived.parent().id(), derived.derivedFrom());
    return Optional.of(
        engine
            .build(depositsOnly.parent(), depositsOnly.attributes())
            .orElseThrow(
                () ->
                    new DerivationException.Critical(
                        "deposits-only block after " + derived.parent().id() + " is invalid")));
  }

  /** The agreed L2 head's hash, from the 128-byte pre-image of the agreed output root. */
  private Hash agreedHead(Hash outputRoot) {
    byte[] output = oracle.keccak(HintType.L2_OUTPUT.with(outputRoot), outputRoot);
    if (output.length != 128 || !Arrays.equals(output, 0, 32, new byte[32], 0, 32)) {
      throw new BootException(
          "agreed output root "
              + outputRoot
              + " is not a version 0 output ("
              + output.length
              + " bytes)");
    }
    return Hash.copyOf(output, 96);
  }

  /**
   * The output root of canonical block {@code number}: state root, message passer storage, hash.
   */
  private Hash outputRoot(OracleL2 l2, OracleState state, long number) {
    Hash hash =
        l2.hashByNumber(number)
            .orElseThrow(() -> new IllegalStateException("no L2 block " + number));
    Header header = l2.header(hash);
    // No block's witness need cover the message passer, so its path comes from an account proof.
    byte[] proofRequest =
        ByteBuffer.allocate(28)
            .putLong(number)
            .put(Predeploys.L2_TO_L1_MESSAGE_PASSER.toArray())
            .array();
    oracle.hint(HintType.L2_ACCOUNT_PROOF.with(Bytes.wrap(proofRequest)));
    Hash passerStorage =
        new WitnessState(state.coveredByLastHint(), state, header.stateRoot())
            .account(Predeploys.L2_TO_L1_MESSAGE_PASSER)
            .map(Account::storageRoot)
            .orElse(Account.EMPTY_STORAGE_ROOT);
    return new OutputRoot(header.stateRoot(), passerStorage, hash).root();
  }

  /**
   * The rollup config: a custom chain's from local key 7. The program knows no chain by id yet (as
   * {@code --network} is not supported), so any other chain id is refused.
   */
  private static RollupConfig rollupConfig(BootInfo boot) {
    BootInfo.CustomChain chain =
        boot.customChain()
            .orElseThrow(
                () ->
                    new BootException(
                        "chain id "
                            + Long.toUnsignedString(boot.l2ChainId())
                            + " is not known to this program; pass a custom chain's configs"));
    try {
      return RollupConfig.fromJson(Json.mapper().readTree(chain.rollupConfigJson().toArray()));
    } catch (IOException | IllegalArgumentException e) {
      throw new BootException("the rollup config (local key 7) is not valid: " + e.getMessage());
    }
  }
}
