package io.merapi.execution.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.execution.api.ChainAccess;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dev chain's test methods that anvil and Hardhat users script against: {@code evm_mine},
 * {@code anvil_mine} / {@code hardhat_mine}, {@code evm_increaseTime}, {@code
 * evm_setNextBlockTimestamp}, {@code evm_snapshot}, {@code evm_revert}, {@code anvil_setBalance}
 * and {@code hardhat_setBalance}. Registered only with {@code --dev}; a normal node answers them as
 * unknown methods. Their namespaces ({@code evm}, {@code anvil}, {@code hardhat}) are served where
 * the server's API list names them.
 *
 * <p>Snapshots are numbered from 1 as Hardhat numbers them; reverting to one removes it and every
 * later one, and an unknown id answers {@code false}.
 */
public final class DevMethods {
  /** The most blocks one {@code anvil_mine} seals (each is a full Engine API round). */
  static final long MAX_MINED_BLOCKS = 1_000;

  private final DevChain dev;
  private final Map<Long, DevMiner.Snapshot> snapshots = new TreeMap<>();
  private long nextSnapshot = 1;

  public DevMethods(DevChain dev) {
    this.dev = dev;
  }

  public void register(RpcMethods methods) {
    methods.blocking("evm_mine", 0, 1, this::mine);
    methods.blocking("anvil_mine", 0, 2, this::mineBlocks);
    methods.blocking("hardhat_mine", 0, 2, this::mineBlocks);
    methods.blocking("evm_increaseTime", 1, 1, this::increaseTime);
    methods.blocking("evm_setNextBlockTimestamp", 1, 1, this::setNextBlockTimestamp);
    methods.blocking("evm_snapshot", 0, 0, p -> snapshot());
    methods.blocking("evm_revert", 1, 1, this::revert);
    // anvil answers null, Hardhat true.
    methods.blocking("anvil_setBalance", 2, 2, p -> setBalance(p, Optional.empty()));
    methods.blocking("hardhat_setBalance", 2, 2, p -> setBalance(p, Boolean.TRUE));
  }

  /** {@code evm_mine([timestamp])}: seals a block now (with what the pool holds). */
  private Object mine(Params params) {
    if (params.has(0)) {
      setNext(seconds(params, 0));
    }
    dev.miner().mine();
    return "0x0";
  }

  /**
   * {@code anvil_mine([blocks, interval])} (viem's {@code testClient.mine}): seals {@code blocks}
   * blocks (default 1), each {@code interval} seconds after the one before when it is given and not
   * zero.
   */
  private Object mineBlocks(Params params) {
    long blocks = params.has(0) ? seconds(params, 0) : 1;
    long interval = params.has(1) ? seconds(params, 1) : 0;
    if (blocks < 1 || blocks > MAX_MINED_BLOCKS) {
      throw Params.invalid(0, "mine between 1 and " + MAX_MINED_BLOCKS + " blocks at a time");
    }
    for (long i = 0; i < blocks; i++) {
      if (i > 0 && interval > 0) {
        setNext(Math.addExact(dev.chain().head().header().timestamp(), interval));
      }
      dev.miner().mine();
    }
    return Optional.empty();
  }

  private Object increaseTime(Params params) {
    long seconds = seconds(params, 0);
    try {
      return Hex.quantity(dev.miner().increaseTime(seconds));
    } catch (ArithmeticException e) {
      throw Params.invalid(0, "the clock would overflow");
    }
  }

  private Object setNextBlockTimestamp(Params params) {
    setNext(seconds(params, 0));
    return Optional.empty();
  }

  private void setNext(long timestamp) {
    try {
      dev.miner().setNextTimestamp(timestamp);
    } catch (IllegalArgumentException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
  }

  private synchronized Object snapshot() {
    long id = nextSnapshot++;
    snapshots.put(id, dev.miner().snapshot());
    return Hex.quantity(id);
  }

  private synchronized Object revert(Params params) {
    long id = seconds(params, 0);
    DevMiner.Snapshot snapshot = snapshots.get(id);
    if (snapshot == null) {
      return Boolean.FALSE;
    }
    snapshots.keySet().removeIf(later -> later >= id);
    try {
      dev.miner().revert(snapshot);
    } catch (IllegalStateException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
    return Boolean.TRUE;
  }

  private Object setBalance(Params params, Object answer) {
    dev.setBalance(params.address(0), params.uint256(1));
    return answer;
  }

  /** A whole number given as a JSON number (Hardhat's form) or a hex quantity (viem's). */
  private static long seconds(Params params, int index) {
    JsonNode node = params.node(index);
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      return node.longValue();
    }
    return params.quantity(index);
  }
}
