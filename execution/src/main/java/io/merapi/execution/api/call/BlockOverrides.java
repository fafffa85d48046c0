package io.merapi.execution.api.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.execution.api.ArgFields;
import io.merapi.rpc.RpcJson;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The block override argument of {@code eth_call} (geth {@code BlockOverrides}): header fields the
 * call's block context takes instead of the block's own. Field names match in any letter case, as
 * Go's JSON decoder matches them.
 */
public record BlockOverrides(
    Optional<UInt256> number,
    Optional<UInt256> difficulty,
    OptionalLong time,
    OptionalLong gasLimit,
    Optional<Address> feeRecipient,
    Optional<Hash> prevRandao,
    Optional<UInt256> baseFeePerGas,
    Optional<UInt256> blobBaseFee) {

  public static final BlockOverrides NONE =
      new BlockOverrides(
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  /**
   * @throws IllegalArgumentException with a message in geth's words
   */
  public static BlockOverrides parse(JsonNode node) {
    ArgFields.of(node, "block overrides");
    ObjectNode lower = RpcJson.mapper().createObjectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      lower.set(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
    }
    ArgFields f = ArgFields.of(lower, "block overrides");
    Optional<UInt256> number = f.big("number");
    if (number.isPresent() && !number.get().fitsSignedLong()) {
      throw new IllegalArgumentException("block number override too large");
    }
    return new BlockOverrides(
        number,
        f.big("difficulty"),
        f.uint64("time"),
        f.uint64("gaslimit"),
        f.address("feerecipient"),
        f.hash("prevrandao"),
        f.big("basefeepergas"),
        f.big("blobbasefee"));
  }

  public boolean isEmpty() {
    return this.equals(NONE);
  }

  /** The context with these fields replaced. */
  public BlockContext apply(BlockContext block) {
    return new BlockContext(
        feeRecipient.orElse(block.coinbase()),
        number.map(UInt256::toLongExact).orElse(block.number()),
        time.orElse(block.timestamp()),
        gasLimit.orElse(block.gasLimit()),
        baseFeePerGas.orElse(block.baseFee()),
        difficulty.orElse(block.difficulty()),
        prevRandao.orElse(block.prevRandao()),
        blobBaseFee.orElse(block.blobBaseFee()),
        block.blockHashes());
  }
}
