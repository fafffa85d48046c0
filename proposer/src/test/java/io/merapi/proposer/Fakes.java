package io.merapi.proposer;

import io.merapi.base.abi.AbiFunction;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.service.rollup.OutputResponse;
import io.merapi.service.rollup.RollupClient;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxResult;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.rollup.OutputRoot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Hand-written fakes of the proposer's collaborators, a few lines each. */
public final class Fakes {
  private Fakes() {}

  public static Hash hash(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return Hash.wrap(b);
  }

  public static L2BlockRef l2(long number) {
    return new L2BlockRef(
        hash((int) number),
        number,
        hash((int) number - 1),
        1000 + number,
        new BlockId(hash(0x11), 1),
        0);
  }

  public static L1BlockRef l1(long number) {
    return new L1BlockRef(
        hash(0x40 + (int) number), number, hash(0x3f + (int) number), 500 + number);
  }

  public static SyncStatus status(long safe, long finalized, long headL1) {
    L1BlockRef head = l1(headL1);
    return new SyncStatus(
        head, head, head, head, head, l2(safe), l2(safe), l2(finalized), l2(safe));
  }

  /** The engine's output of block {@code n} in this fake world. */
  public static OutputRoot engineOutput(long n) {
    return new OutputRoot(hash(0x50 + (int) n), hash(0x70), l2(n).hash());
  }

  /** A rollup node answering {@code status}; its outputs are the engine's unless overridden. */
  public static final class Rollup implements RollupClient {
    public SyncStatus status;
    public final Map<Long, OutputRoot> lies = new HashMap<>();

    public Rollup(SyncStatus status) {
      this.status = status;
    }

    @Override
    public SyncStatus syncStatus() {
      return status;
    }

    @Override
    public OutputResponse outputAtBlock(long n) {
      OutputRoot o = lies.getOrDefault(n, engineOutput(n));
      return new OutputResponse(
          OutputRoot.VERSION_0, o.root(), l2(n), o.withdrawalStorageRoot(), o.stateRoot(), status);
    }

    @Override
    public RollupConfig rollupConfig() {
      throw new UnsupportedOperationException("the proposer never asks");
    }

    @Override
    public void close() {}
  }

  /** Records what it is asked to send and answers a successful receipt. */
  public static final class Txs implements TxManager {
    public final List<TxCandidate> sent = new ArrayList<>();

    @Override
    public Address from() {
      return Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }

    @Override
    public TxResult send(TxCandidate candidate) {
      sent.add(candidate);
      return new TxResult(
          hash(0xaa), hash(0xbb), 42, true, 90_000, UInt256.ONE, 0, sent.size() - 1);
    }

    @Override
    public CompletableFuture<TxResult> sendAsync(TxCandidate candidate) {
      return CompletableFuture.completedFuture(send(candidate));
    }

    @Override
    public io.merapi.service.txmgr.GasPriceEstimate suggestGasPriceCaps() {
      throw new UnsupportedOperationException("the proposer does not choose by fees");
    }

    @Override
    public void close() {}
  }

  /** A contract answering each function (by selector) with fixed outputs. */
  public static final class Contract implements ContractReader.EthCall {
    private final Map<Bytes, byte[]> answers = new HashMap<>();
    public int calls;

    public Contract answer(ContractCall<?> call, Object... outputs) {
      AbiFunction f = call.function();
      answers.put(f.selector(), f.encodeOutputs(List.of(outputs)));
      return this;
    }

    @Override
    public byte[] call(Address to, Bytes data) {
      calls++;
      byte[] out = answers.get(data.slice(0, 4));
      if (out == null) {
        throw new AssertionError("unexpected call " + data);
      }
      return out;
    }
  }
}
