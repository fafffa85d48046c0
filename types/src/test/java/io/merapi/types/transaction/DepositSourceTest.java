package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import org.junit.jupiter.api.Test;

class DepositSourceTest {
  private static final Hash L1_BLOCK =
      Hash.fromHex("0xc00e5d67c2755389aded7d8b151cbd5bcdf7ed275ad5e028b664880fc7581c77");

  @Test
  void l1InfoSourceHashAsOpNodeComputesIt() {
    // op-node rollup/derive/deposit_source_test.go, TestL1InfoDepositSource.
    assertThat(DepositSource.l1Info(L1_BLOCK, 4))
        .isEqualTo(
            Hash.fromHex("0x0586c503340591999b8b38bc9834bb16aec7d5bc00eb5587ab139c9ddab81977"));
  }

  @Test
  void userDepositsUseDomainZero() {
    assertThat(DepositSource.userDeposit(L1_BLOCK, 4))
        .isNotEqualTo(DepositSource.l1Info(L1_BLOCK, 4));
    assertThat(DepositSource.userDeposit(L1_BLOCK, 4))
        .isNotEqualTo(DepositSource.userDeposit(L1_BLOCK, 5));
  }

  @Test
  void upgradeSourceHashesAreTheSpecs() {
    // specs ecotone/derivation.md "L1Block Deployment" and fjord/derivation.md.
    assertThat(DepositSource.upgrade("Ecotone: L1 Block Deployment"))
        .isEqualTo(
            Hash.fromHex("0x877a6077205782ea15a6dc8699fa5ebcec5e0f4389f09cb8eda09488231346f8"));
  }
}
