package io.merapi.state.op;

import io.merapi.base.uint.UInt256;
import io.merapi.evm.CodeCache;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.ForkRules;
import io.merapi.evm.precompile.PrecompileConfig;
import io.merapi.evm.precompile.PrecompileSet;
import io.merapi.state.BaseFee;
import io.merapi.state.BlobGas;
import io.merapi.state.block.BlockRules;
import io.merapi.state.block.ChainRules;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;

/**
 * The execution rules of an OP chain at a given block, from its chain config (geth-format genesis,
 * or {@link io.merapi.types.config.RollupConfig#chainConfig()}): which L1 rule set and OP hardfork
 * are in force, the precompiles (Fjord's P256VERIFY, Granite's pairing input limit), and the
 * EIP-1559 parameters (the {@code optimism} constants, Canyon's denominator, Holocene's header
 * values).
 */
public record OpChainRules(ChainConfig config) implements ChainRules {

  public OpChainRules {
    if (!config.isOptimism()) {
      throw new IllegalArgumentException("chain " + config.chainId() + " is not an OP chain");
    }
  }

  public OptimismConfig optimism() {
    return config.optimism().orElseThrow();
  }

  public boolean isActive(OpFork fork, long number, long timestamp) {
    return config.isActive(fork, number, timestamp);
  }

  public OpFork opFork(long number, long timestamp) {
    return config
        .opForkAt(number, timestamp)
        .orElseThrow(
            () ->
                new UnsupportedOperationException(
                    "block " + Long.toUnsignedString(number) + " is before Bedrock"));
  }

  @Override
  public Fork fork(long number, long timestamp) {
    return config.forkAt(number, timestamp);
  }

  /**
   * Refuses blocks of forks whose rules are not implemented here (Isthmus brings Prague and the
   * operator fee, Jovian more): executing them with older rules would give wrong blocks.
   */
  public void requireSupported(long number, long timestamp) {
    OpFork fork = opFork(number, timestamp);
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      throw new UnsupportedOperationException(
          "OP hardfork "
              + fork.displayName()
              + " (active at timestamp "
              + Long.toUnsignedString(timestamp)
              + ") is not supported yet: this engine executes Bedrock through Holocene");
    }
  }

  /** The precompiles: L1's at the L1 fork, plus P256VERIFY from Fjord and Granite's limit. */
  public PrecompileConfig precompiles(long number, long timestamp) {
    PrecompileConfig p = PrecompileConfig.l1(fork(number, timestamp));
    if (isActive(OpFork.FJORD, number, timestamp)) {
      p = p.withP256Verify(true);
    }
    if (isActive(OpFork.GRANITE, number, timestamp)) {
      p = p.withBn254PairingMaxInputLength(PrecompileConfig.GRANITE_BN254_PAIRING_MAX_INPUT_LENGTH);
    }
    return p;
  }

  public EvmConfig evmConfig(long number, long timestamp) {
    requireSupported(number, timestamp);
    return new EvmConfig(
        ForkRules.require(fork(number, timestamp)),
        config.chainId(),
        PrecompileSet.of(precompiles(number, timestamp)),
        CodeCache.SHARED);
  }

  /** EIP-1559 elasticity before Holocene (the {@code optimism} section). */
  public long elasticity() {
    return optimism().eip1559Elasticity();
  }

  /** EIP-1559 change denominator before Holocene: Canyon's from Canyon on. */
  public long denominator(long number, long timestamp) {
    if (isActive(OpFork.CANYON, number, timestamp)) {
      return optimism()
          .eip1559DenominatorCanyon()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "invalid optimism config: eip1559DenominatorCanyon is not set but Canyon"
                          + " is active"));
    }
    return optimism().eip1559Denominator();
  }

  /** The pre-Holocene parameters in force at a block, as Holocene's extraData would carry them. */
  public Eip1559Params constantParams(long number, long timestamp) {
    return new Eip1559Params(denominator(number, timestamp), elasticity());
  }

  /**
   * The base fee of the block after {@code parent} at {@code timestamp} (op-geth {@code
   * eip1559.CalcBaseFee}): with the parent's extraData parameters if Holocene was active at the
   * parent's time (holocene/exec-engine.md "Base Fee Computation"), else with the chain's
   * constants, the denominator chosen by the new block's time.
   */
  public UInt256 nextBaseFee(Header parent, long timestamp) {
    long number = parent.number() + 1;
    if (parent.baseFeePerGas().isEmpty()) {
      return BaseFee.INITIAL_BASE_FEE;
    }
    Eip1559Params params =
        isActive(OpFork.HOLOCENE, parent.number(), parent.timestamp())
            ? Eip1559Params.fromExtraData(parent.extraData())
            : constantParams(number, timestamp);
    return BaseFee.next(
        parent.baseFeePerGas().get(),
        parent.gasUsed(),
        parent.gasLimit(),
        params.elasticity(),
        params.denominator());
  }

  /**
   * The extraData of a new block: empty before Holocene; from Holocene the attributes' parameters,
   * or the chain's constants when the attributes give both as zero (holocene/exec-engine.md
   * "Payload Attributes Processing").
   */
  public io.merapi.base.bytes.Bytes extraData(
      long number, long timestamp, java.util.Optional<Eip1559Params> attributes) {
    if (!isActive(OpFork.HOLOCENE, number, timestamp)) {
      if (attributes.isPresent()) {
        throw new IllegalArgumentException("eip1559Params must be null before Holocene");
      }
      return io.merapi.base.bytes.Bytes.EMPTY;
    }
    Eip1559Params params =
        attributes.orElseThrow(
            () -> new IllegalArgumentException("eip1559Params are required from Holocene"));
    return (params.isZero() ? constantParams(number, timestamp) : params).toExtraData();
  }

  /**
   * Canyon places the create2Deployer code in the block whose time equals Canyon's activation time
   * (op-geth {@code EnsureCreate2Deployer}; Base could not deploy it at its canonical address).
   */
  public boolean placesCreate2Deployer(long timestamp) {
    Long canyon = config.opForkTimes().get(OpFork.CANYON);
    return canyon != null && canyon == timestamp;
  }

  // ---- the chain's block executor and header validation (ChainRules) ----

  @Override
  public BlockRules forBlock(Header header) {
    return new OpBlockRules(this, header);
  }

  @Override
  public java.util.Optional<UInt256> baseFee(Header parent, long timestamp) {
    return java.util.Optional.of(nextBaseFee(parent, timestamp));
  }

  /** Cancun's excess blob gas; on L2 no blob gas is used, so it stays at its starting zero. */
  @Override
  public java.util.OptionalLong excessBlobGas(Header parent, long timestamp) {
    if (!fork(parent.number() + 1, timestamp).isAtLeast(Fork.CANCUN)) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(
        BlobGas.excessBlobGas(parent.excessBlobGas().orElse(0), parent.blobGasUsed().orElse(0)));
  }

  /**
   * op-geth's header rules against the parent: extraData at most 32 bytes and, from Holocene, the
   * 9-byte EIP-1559 parameters; no gas limit bound (an L2's gas limit moves at once, set by the
   * SystemConfig); the base fee by {@link #nextBaseFee}; no blob gas used.
   */
  @Override
  public void validateHeader(Header parent, Header header) {
    if (header.extraData().length() > 32) {
      throw new InvalidBlockException(
          "extra-data longer than 32 bytes (" + header.extraData().length() + ")");
    }
    if (isActive(OpFork.HOLOCENE, header.number(), header.timestamp())) {
      try {
        Eip1559Params.fromExtraData(header.extraData());
      } catch (IllegalArgumentException e) {
        throw new InvalidBlockException("invalid extraData: " + e.getMessage());
      }
    }
    UInt256 baseFee = nextBaseFee(parent, header.timestamp());
    if (!header.baseFeePerGas().equals(java.util.Optional.of(baseFee))) {
      throw new InvalidBlockException(
          "invalid baseFee: have "
              + header.baseFeePerGas().map(UInt256::toDecimalString).orElse("none")
              + ", want "
              + baseFee.toDecimalString());
    }
    java.util.OptionalLong excess = excessBlobGas(parent, header.timestamp());
    if (excess.isPresent()) {
      if (header.blobGasUsed().orElse(-1) != 0) {
        throw new InvalidBlockException("blob gas used must be 0 on L2");
      }
      if (!header.excessBlobGas().equals(excess)) {
        throw new InvalidBlockException(
            "invalid excessBlobGas: have " + header.excessBlobGas() + ", want " + excess);
      }
    }
  }
}
