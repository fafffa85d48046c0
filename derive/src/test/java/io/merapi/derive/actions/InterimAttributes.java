package io.merapi.derive.actions;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.derive.L2BlockRef;
import io.merapi.state.BlobGas;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.OpPayloadAttributes;
import io.merapi.state.op.Predeploys;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stand-in for derivation's attributes builder while it is being written: the L1 info deposit and
 * the user deposits of a new epoch, for chains whose forks are all active at genesis (no upgrade
 * transactions, no system config changes).
 */
final class InterimAttributes implements Sequencer.AttributesPreparer {
  private final RollupConfig rollup;
  private final L1Miner l1;
  private final L2Chain l2;

  InterimAttributes(RollupConfig rollup, L1Miner l1, L2Chain l2) {
    this.rollup = rollup;
    this.l1 = l1;
    this.l2 = l2;
  }

  @Override
  public OpPayloadAttributes prepare(L2BlockRef parent, RollupConfig.BlockId epoch) {
    RollupConfig.SystemConfig sc = l2.systemConfigByL2Hash(parent.hash());
    L1Miner.L1Block origin = l1.blockByHash(epoch.hash());
    List<Bytes> txs = new ArrayList<>();
    long seq;
    List<Bytes> deposits = new ArrayList<>();
    if (parent.l1Origin().number() != epoch.number()) {
      seq = 0;
      // A reverted receipt has no logs, so positions in all logs are the log indices.
      UserDeposits.fromBlock(rollup.depositContractAddress(), origin.hash(), origin.logs())
          .forEach(d -> deposits.add(Bytes.wrap(d.encoded())));
    } else {
      seq = parent.sequenceNumber() + 1;
    }
    long time = parent.time() + rollup.blockTime();
    byte[] scalar = sc.scalar().array();
    long blobScalar = 0;
    long baseScalar = 0;
    for (int i = 24; i < 28; i++) {
      blobScalar = (blobScalar << 8) | (scalar[i] & 0xff);
      baseScalar = (baseScalar << 8) | (scalar[i + 4] & 0xff);
    }
    L1Attributes info =
        new L1Attributes.Ecotone(
            baseScalar,
            blobScalar,
            seq,
            origin.header().timestamp(),
            origin.number(),
            origin.header().baseFeePerGas().orElseThrow(),
            BlobGas.baseFee(origin.header().excessBlobGas().orElseThrow()),
            origin.hash(),
            Hash.leftPad(sc.batcherAddr().array()));
    txs.add(Bytes.wrap(info.deposit(true).encoded()));
    txs.addAll(deposits);
    return new OpPayloadAttributes(
        time,
        origin.header().mixHash(),
        Predeploys.SEQUENCER_FEE_VAULT,
        Optional.of(List.of()),
        Optional.of(origin.header().parentBeaconBlockRoot().orElseThrow()),
        txs,
        true,
        OptionalLong.of(sc.gasLimit()),
        rollup.isActive(OpFork.HOLOCENE, time)
            ? Optional.of(sc.eip1559Params().orElse(Bytes.wrap(new byte[8])))
            : Optional.empty(),
        Optional.empty());
  }
}
