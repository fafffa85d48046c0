package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Create2DeployerTest {
  @Test
  void bundledCodeHasTheCanonicalHash() {
    assertThat(Keccak256.digest(Create2Deployer.code())).isEqualTo(Create2Deployer.CODE_HASH);
  }

  @Test
  void placingKeepsBalanceAndNonce() {
    InMemoryState committed = new InMemoryState();
    committed.put(Predeploys.CREATE2_DEPLOYER, 3, UInt256.valueOf(9), new byte[0], Map.of());
    JournaledState state = new JournaledState(committed);
    Create2Deployer.place(state);
    assertThat(state.codeHash(Predeploys.CREATE2_DEPLOYER)).isEqualTo(Create2Deployer.CODE_HASH);
    assertThat(state.nonce(Predeploys.CREATE2_DEPLOYER)).isEqualTo(3);
    assertThat(state.balance(Predeploys.CREATE2_DEPLOYER)).isEqualTo(UInt256.valueOf(9));
  }
}
