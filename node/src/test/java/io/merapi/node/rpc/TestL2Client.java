package io.merapi.node.rpc;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.engine.L2Client;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.rollup.OutputRoot;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An L2 chain in memory: block refs by number and output roots by block hash. */
final class TestL2Client implements L2Client {
  private final Map<Long, L2BlockRef> byNumber = new ConcurrentHashMap<>();
  private final Map<Hash, OutputRoot> outputs = new ConcurrentHashMap<>();
  volatile boolean down;

  void add(L2BlockRef ref, OutputRoot output) {
    byNumber.put(ref.number(), ref);
    outputs.put(ref.hash(), output);
  }

  private void reachable() {
    if (down) {
      throw new DerivationException.Temporary("engine RPC unreachable: connection refused");
    }
  }

  @Override
  public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
    reachable();
    return Optional.ofNullable(byNumber.get(number));
  }

  @Override
  public L2BlockRef l2BlockRefByHash(Hash hash) {
    reachable();
    return byNumber.values().stream()
        .filter(r -> r.hash().equals(hash))
        .findFirst()
        .orElseThrow(() -> new DerivationException.Temporary("unknown block " + hash.toHex()));
  }

  @Override
  public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
    throw new UnsupportedOperationException("not used by the RPC");
  }

  @Override
  public Optional<L2BlockRef> blockRefByLabel(BlockLabel label) {
    throw new UnsupportedOperationException("not used by the RPC");
  }

  @Override
  public Optional<ExecutionPayloadEnvelope> payloadByNumber(long number) {
    throw new UnsupportedOperationException("not used by the RPC");
  }

  @Override
  public OutputRoot outputAt(Hash blockHash) {
    reachable();
    OutputRoot output = outputs.get(blockHash);
    if (output == null) {
      throw new DerivationException.Temporary("no state for block " + blockHash.toHex());
    }
    return output;
  }

  @Override
  public void close() {}
}
