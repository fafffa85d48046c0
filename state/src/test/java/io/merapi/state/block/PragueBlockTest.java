package io.merapi.state.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.state.SystemCalls;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Prague's block-level rules through {@link BlockExecutor}: the EIP-2935 call at the start, the
 * EIP-7002/7251 calls and the EIP-7685 requests hash at the end, and EIP-7691's blob schedule. The
 * system contracts are small stand-ins with the real contracts' interface, so each number below
 * follows from their code.
 */
class PragueBlockTest {
  private static final ChainConfig PRAGUE =
      ChainConfig.mergedAtGenesis(1, Map.of(Fork.SHANGHAI, 0L, Fork.CANCUN, 0L, Fork.PRAGUE, 0L));
  private static final Hash PARENT_HASH =
      Hash.fromHex("0x1111111111111111111111111111111111111111111111111111111111111111");

  /** SSTORE(NUMBER - 1, CALLDATALOAD(0)): EIP-2935's effect for the parent's hash. */
  private static final byte[] HISTORY = Hex.decode("600035600143035500");

  /** Returns the two bytes 0xabcd as "the requests". */
  private static final byte[] WITHDRAWALS = Hex.decode("61abcd6000526002601ef3");

  /** Returns nothing: no consolidation requests. */
  private static final byte[] CONSOLIDATIONS = Hex.decode("00");

  private static InMemoryState state(boolean withWithdrawalContract) {
    InMemoryState state = new InMemoryState();
    state.put(SystemCalls.HISTORY_STORAGE_ADDRESS, 1, UInt256.ZERO, HISTORY, Map.of());
    if (withWithdrawalContract) {
      state.put(SystemCalls.WITHDRAWAL_REQUEST_ADDRESS, 1, UInt256.ZERO, WITHDRAWALS, Map.of());
    }
    state.put(SystemCalls.CONSOLIDATION_REQUEST_ADDRESS, 1, UInt256.ZERO, CONSOLIDATIONS, Map.of());
    return state;
  }

  private static Header header() {
    return Header.builder()
        .parentHash(PARENT_HASH)
        .number(5)
        .timestamp(60)
        .gasLimit(30_000_000)
        .baseFeePerGas(Optional.of(UInt256.ONE))
        .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
        .blobGasUsed(OptionalLong.of(0))
        .excessBlobGas(OptionalLong.of(0))
        .parentBeaconBlockRoot(Optional.of(Hash.ZERO))
        .build();
  }

  @Test
  void storesTheParentHashAndCommitsToTheRequests() {
    InMemoryState state = state(true);
    BlockExecution result =
        new BlockExecutor(new L1ChainRules(PRAGUE))
            .start(header(), state, BlockExecutor.NO_ANCESTORS)
            .finish(Optional.of(List.of()));
    state.apply(result.changes());

    assertThat(state.storage(SystemCalls.HISTORY_STORAGE_ADDRESS, UInt256.valueOf(4)))
        .isEqualTo(UInt256.fromHash(PARENT_HASH));
    // One withdrawal request 0x01 || abcd; the empty consolidation output is left out.
    assertThat(result.requests().orElseThrow().requests())
        .containsExactly(Bytes.fromHex("0x01abcd"));
    assertThat(result.requestsHash())
        .contains(
            Hash.fromHex("0x38e4329c066e9d67f6c4651dedff074b8fe9dc5542a14aede748a9fd8fa961a4"));
  }

  @Test
  void aMissingRequestContractInvalidatesTheBlock() {
    PendingBlock block =
        new BlockExecutor(new L1ChainRules(PRAGUE))
            .start(header(), state(false), BlockExecutor.NO_ANCESTORS);
    assertThatThrownBy(() -> block.finish(Optional.of(List.of())))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("has no code");
  }

  @Test
  void emptyRequestsHashIsSha256OfNothing() {
    assertThat(ExecutionRequests.EMPTY.hash())
        .isEqualTo(
            Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void blobScheduleIsEip7691sFromPrague() {
    L1ChainRules rules = new L1ChainRules(PRAGUE);
    assertThat(rules.forBlock(header()).maxBlobGas()).isEqualTo(9 * BlobSchedule.GAS_PER_BLOB);
    // Parent used 8 blobs with no excess: 2 blobs over the target of 6.
    Header parent =
        header().toBuilder().blobGasUsed(OptionalLong.of(8 * BlobSchedule.GAS_PER_BLOB)).build();
    assertThat(rules.excessBlobGas(parent, 72)).hasValue(2 * BlobSchedule.GAS_PER_BLOB);
  }

  @Test
  void depositEventDataIsCheckedAndFlattened() {
    byte[] data = new byte[576];
    int[] offsets = {160, 256, 320, 384, 512};
    int[] sizes = {48, 32, 8, 96, 8};
    for (int i = 0; i < 5; i++) {
      data[32 * i + 30] = (byte) (offsets[i] >> 8);
      data[32 * i + 31] = (byte) offsets[i];
      data[offsets[i] + 31] = (byte) sizes[i];
      for (int b = 0; b < sizes[i]; b++) {
        data[offsets[i] + 32 + b] = (byte) (i + 1);
      }
    }
    byte[] request = DepositRequests.depositData(data);
    assertThat(request).hasSize(48 + 32 + 8 + 96 + 8);
    assertThat(request[0]).isEqualTo((byte) 1);
    assertThat(request[48]).isEqualTo((byte) 2);
    assertThat(request[request.length - 1]).isEqualTo((byte) 5);

    data[31] = 0; // pubkey offset no longer 160
    assertThatThrownBy(() -> DepositRequests.depositData(data))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("pubkey offset");
  }
}
