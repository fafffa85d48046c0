package io.merapi.contracts.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal.Events.TransactionDeposited;
import io.merapi.contracts.testing.TestChain;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test helper that turns the portal's TransactionDeposited logs into L2 deposits. */
class CrossChainTest {
  @Test
  void sourceHashesFollowTheSpecsConstruction() {
    // op-node's vectors (rollup/derive/deposit_source_test.go) for the same construction with
    // domains 1 (L1 attributes) and 3 (after force-include); user deposits use domain 0.
    Hash block = Hash.fromHex("0xc00e5d67c2755389aded7d8b151cbd5bcdf7ed275ad5e028b664880fc7581c77");
    assertThat(CrossChain.sourceHash(1, block, 4))
        .isEqualTo(
            Hash.fromHex("0x0586c503340591999b8b38bc9834bb16aec7d5bc00eb5587ab139c9ddab81977"));
    assertThat(CrossChain.sourceHash(3, block, 4))
        .isEqualTo(
            Hash.fromHex("0x0d165c391384b29c29f655e3f32315755b8c1e4c1147d1824d1243420dda5ec3"));
    assertThat(CrossChain.userDepositSourceHash(block, 4))
        .isEqualTo(CrossChain.sourceHash(0, block, 4));
  }

  @Test
  void aLogBecomesTheDepositItDescribes() {
    Address from = TestChain.address("from");
    Address to = TestChain.address("to");
    Bytes data = Bytes.fromHex("0xdeadbeef");
    Bytes opaque =
        L1CrossDomainMessengerTest.opaqueData(
            UInt256.valueOf(7), UInt256.valueOf(5), 300_000, data);
    Log log = log(from, to, opaque);
    Hash block = Hash.fromHex("0x" + "ab".repeat(32));
    DepositTransaction tx = CrossChain.depositFromLog(log, block, 9);
    assertThat(tx.sourceHash()).isEqualTo(CrossChain.userDepositSourceHash(block, 9));
    assertThat(tx.from()).isEqualTo(from);
    assertThat(tx.to()).contains(to);
    assertThat(tx.mint()).isEqualTo(UInt256.valueOf(7));
    assertThat(tx.value()).isEqualTo(UInt256.valueOf(5));
    assertThat(tx.gasLimit()).isEqualTo(300_000);
    assertThat(tx.isSystemTx()).isFalse();
    assertThat(tx.data()).isEqualTo(data);

    // A creation has no recipient.
    byte[] creation = opaque.toArray();
    creation[72] = 1;
    assertThat(
            CrossChain.depositFromLog(log(from, Address.ZERO, Bytes.wrap(creation)), block, 0).to())
        .isEmpty();
  }

  private static Log log(Address from, Address to, Bytes opaque) {
    byte[] data = AbiCodec.encode((AbiType.Tuple) AbiType.parse("(bytes)"), List.of(opaque));
    return new Log(
        TestChain.address("portal"),
        List.of(TransactionDeposited.EVENT.topic0(), from.toWord(), to.toWord(), Hash.ZERO),
        Bytes.wrap(data));
  }
}
