package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.state.block.L1ChainRules;
import org.junit.jupiter.api.Test;

/** EIP-7934 while building: transactions stop a mebibyte short of the 8 MiB RLP limit. */
class BlockBuilderSizeLimitTest {
  private static final int ROOM =
      L1ChainRules.MAX_RLP_BLOCK_SIZE - BlockBuilder.BLOCK_SIZE_ALLOWANCE;

  @Test
  void aTransactionFitsUpToTheRoomLeftForTheHeaderAndWithdrawals() {
    assertThat(ROOM).isEqualTo(7 * 1024 * 1024);
    assertThat(BlockBuilder.fitsSizeLimit(0, 0)).isTrue();
    assertThat(BlockBuilder.fitsSizeLimit(ROOM - 100, 100)).isTrue();
    assertThat(BlockBuilder.fitsSizeLimit(ROOM - 100, 101)).isFalse();
    assertThat(BlockBuilder.fitsSizeLimit(0, ROOM + 1)).isFalse();
  }
}
