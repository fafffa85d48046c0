package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.state.op.Eip1559Params;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SystemConfig owner changes the rollup on L1 (op-e2e {@code BatcherKeyRotation} and {@code
 * GasLimitChange}): a new batcher, a new gas limit and, with Holocene, new EIP-1559 parameters in
 * one L1 block. From the first L2 block whose epoch is that L1 block, both nodes build with the new
 * values; batches from the old batcher key are ignored from that L1 block on, and the new batcher's
 * are derived.
 */
class SystemConfigTest {
  static final Secp256k1.PrivateKey OWNER = RollupSetup.DEV_KEYS.get(9);
  static final Secp256k1.PrivateKey NEW_BATCHER = RollupSetup.DEV_KEYS.get(3);

  @Test
  void theOwnerRotatesTheBatcherAndChangesTheGasLimitAndFeeParameters() {
    Actors a =
        Actors.start(
            Map.of(),
            Batcher.Config.of(
                Batcher.BatchType.SPAN, CompressionAlgo.ZLIB, Batcher.DataAvailability.CALLDATA));
    assertThat(a.setup.deployConfig().finalSystemOwner()).isEqualTo(OWNER.address());
    a.round();
    a.round();
    a.assertAllSafe();

    Wallet owner = new Wallet(OWNER, a.miner.chainId(), () -> a.miner.nonce(OWNER.address()));
    var systemConfig = a.setup.rollup().l1SystemConfigAddress();
    for (Bytes call :
        List.of(
            SystemConfig.setBatcherHash(Hash.leftPad(NEW_BATCHER.address().array())).data(),
            SystemConfig.setGasLimit(40_000_000).data(),
            SystemConfig.setEIP1559Params(100, 4).data())) {
      a.miner.submit(owner.call(systemConfig, UInt256.ZERO, call, 200_000));
    }
    // The old batcher's batch lands in the same L1 block as the change: too late.
    a.sequenceToL1Head();
    List<Transaction> stale = a.batcher.submitAll();
    assertThat(stale).isNotEmpty();
    L1Miner.L1Block change = a.miner.mine();
    assertThat(change.receipts()).allMatch(r -> r.status().orElse(false));
    L2BlockRef safe = a.verifier.safeHead();
    a.deriveBoth();
    assertThat(a.verifier.safeHead()).as("the old batcher is ignored").isEqualTo(safe);

    Batcher rotated =
        new Batcher(a.setup, a.miner, a.sequencer, a.batcher.config(), 777, NEW_BATCHER);
    a.sequenceToL1Head();
    rotated.submitAll();
    a.miner.mine();
    a.deriveBoth();
    a.assertAllSafe();

    L2Chain chain = a.verifier.chain();
    L2Chain.L2Block first =
        chain.blocks().stream()
            .filter(b -> b.ref().l1Origin().number() == change.number())
            .findFirst()
            .orElseThrow();
    L2Chain.L2Block before = chain.block(first.number() - 1);
    assertThat(before.header().gasLimit()).isEqualTo(30_000_000);
    assertThat(first.header().gasLimit()).isEqualTo(40_000_000);
    assertThat(Eip1559Params.fromExtraData(first.header().extraData()))
        .isEqualTo(new Eip1559Params(100, 4));
    assertThat(chain.systemConfigByL2Hash(first.hash()).batcherAddr())
        .isEqualTo(NEW_BATCHER.address());
    assertThat(chain.systemConfigByL2Hash(before.hash()).batcherAddr())
        .isEqualTo(RollupSetup.BATCHER_KEY.address());
    System.out.println(a.summary("system config change"));
  }
}
