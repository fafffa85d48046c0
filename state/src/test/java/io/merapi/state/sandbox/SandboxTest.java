package io.merapi.state.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.EvmConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.GenesisAccount;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxTest {
  /** Returns 42 from every call (PUSH1 42 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN). */
  private static final String RUNTIME = "602a5f5260205ff3";

  /** Stores 7 in slot 0, then returns {@link #RUNTIME} (8 bytes copied from offset 14). */
  private static final Bytes CREATION = Bytes.fromHex("0x60075f556008600e5f3960085ff3" + RUNTIME);

  private static final Address FROM = Address.fromHex("0x00000000000000000000000000000000000000f1");
  private static final Address TARGET =
      Address.fromHex("0x00000000000000000000000000000000000000a1");

  private final Sandbox sandbox = new Sandbox(EvmConfig.l1(Fork.CANCUN, 900), 5, 1_000);

  @Test
  void createsCallsAndKeepsOrDropsEffects() {
    Sandbox.Outcome created =
        sandbox.execute(FROM, Optional.empty(), UInt256.ZERO, CREATION, 100_000, true);
    assertThat(created.isSuccess()).isTrue();
    Address contract = created.created().orElseThrow();
    assertThat(sandbox.code(contract)).isEqualTo(Bytes.fromHex("0x" + RUNTIME));
    assertThat(sandbox.storage(contract, UInt256.ZERO)).isEqualTo(UInt256.valueOf(7));
    assertThat(sandbox.nonce(FROM)).isEqualTo(1);

    Sandbox.Outcome call =
        sandbox.execute(FROM, Optional.of(contract), UInt256.ZERO, Bytes.EMPTY, 100_000, false);
    assertThat(UInt256.fromBytes(call.output().array())).isEqualTo(UInt256.valueOf(42));
    // A call that is not kept leaves the sender's nonce alone.
    assertThat(sandbox.nonce(FROM)).isEqualTo(1);
  }

  @Test
  void deployAtPlacesTheCreatedContractAtAFixedAddress() {
    sandbox.deployAt(TARGET, FROM, CREATION);
    GenesisAccount placed = sandbox.account(TARGET).orElseThrow();
    assertThat(placed.code()).isEqualTo(Bytes.fromHex("0x" + RUNTIME));
    assertThat(placed.nonce()).isEqualTo(1);
    assertThat(sandbox.storage(TARGET)).containsEntry(UInt256.ZERO, UInt256.valueOf(7));
    // Only the sender and the placed contract exist: the scratch account is gone.
    assertThat(sandbox.accounts().keySet()).containsExactlyInAnyOrder(FROM, TARGET);
    assertThatThrownBy(() -> sandbox.deployAt(TARGET, FROM, Bytes.fromHex("0xfe")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void accountsAreEditedAndRemovedAsGenesisAllocations() {
    sandbox.put(TARGET, new GenesisAccount(UInt256.ONE, 3, Bytes.EMPTY, Map.of()));
    sandbox.edit(
        TARGET, a -> new GenesisAccount(UInt256.valueOf(9), a.nonce(), a.code(), a.storage()));
    assertThat(sandbox.balance(TARGET)).isEqualTo(UInt256.valueOf(9));
    assertThat(sandbox.nonce(TARGET)).isEqualTo(3);
    sandbox.remove(TARGET);
    assertThat(sandbox.account(TARGET)).isEmpty();
  }

  @Test
  void advanceMovesTheBlockAndBlockHashesAnswerForEarlierBlocks() {
    sandbox.advance(2, 24);
    assertThat(sandbox.number()).isEqualTo(7);
    assertThat(sandbox.timestamp()).isEqualTo(1_024);
    assertThat(Sandbox.standInHash(5)).isNotEqualTo(Sandbox.standInHash(6));
  }
}
