package io.merapi.state.block;

import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one chain's consensus rules say about executing and validating a block, derived from its
 * {@link ChainConfig}. Ethereum's are {@link L1ChainRules}; an OP Stack chain plugs its own in
 * (deposits, L1 data fees, the Canyon create2Deployer upgrade, its EIP-1559 parameters, no blob
 * transactions) without touching {@link BlockExecutor} or the chain's generic header checks.
 *
 * <p>Split in two: the per-block part ({@link #forBlock}: EVM, transactions, system actions,
 * withdrawals) and the header rules that relate a header to its parent (base fee, gas limit, extra
 * data, blob gas), which the chain's validator and block builders call.
 */
public interface ChainRules {
  ChainConfig config();

  /** The Ethereum rule set of a block at {@code number} and {@code timestamp}. */
  default Fork fork(long number, long timestamp) {
    return config().forkAt(number, timestamp);
  }

  /**
   * The rules for executing the block with {@code header}.
   *
   * @throws io.merapi.evm.UnsupportedForkException if the block's fork is not implemented
   */
  BlockRules forBlock(Header header);

  /**
   * The base fee of a child of {@code parent} at {@code timestamp}, or empty before London
   * (EIP-1559; the first London block gets the initial base fee).
   */
  Optional<UInt256> baseFee(Header parent, long timestamp);

  /**
   * The excess blob gas of a child of {@code parent} at {@code timestamp} (EIP-4844), or empty
   * before Cancun.
   */
  OptionalLong excessBlobGas(Header parent, long timestamp);

  /**
   * The header checks against the parent that differ between chains: extra data, gas limit bounds,
   * base fee, blob gas used and excess blob gas. The generic ones (number, timestamp,
   * proof-of-stake fields, which optional fields a fork has) are the chain's, not this method's.
   *
   * @throws InvalidBlockException naming the first rule broken
   */
  void validateHeader(Header parent, Header header);

  /** The rules of the chain {@code config} describes: OP Stack rules for an OP chain. */
  static ChainRules of(ChainConfig config) {
    if (config.isOptimism()) {
      return new io.merapi.state.op.OpChainRules(config);
    }
    return new L1ChainRules(config);
  }
}
