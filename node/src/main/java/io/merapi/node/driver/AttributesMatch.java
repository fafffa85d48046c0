package io.merapi.node.driver;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.PayloadAttributes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Whether derived attributes describe an unsafe block the engine already has (op-node's {@code
 * AttributesMatchBlock}): if so the block is consolidated into the safe chain instead of being
 * built again. Every field the attributes fix must be equal: parent, time, randomness, fee
 * recipient, transactions byte for byte, gas limit, withdrawals, beacon root, and from Holocene the
 * EIP-1559 parameters in the extra data.
 */
final class AttributesMatch {
  private AttributesMatch() {}

  /**
   * Why {@code block} is not what {@code attributes} on {@code parent} build, or empty if it is.
   */
  static Optional<String> mismatch(
      RollupConfig config,
      PayloadAttributes attributes,
      Hash parent,
      ExecutionPayloadEnvelope block) {
    ExecutionPayload p = block.payload();
    if (!p.parentHash().equals(parent)) {
      return Optional.of("parent " + p.parentHash() + ", expected " + parent);
    }
    if (p.timestamp() != attributes.timestamp()) {
      return Optional.of("timestamp " + p.timestamp() + ", expected " + attributes.timestamp());
    }
    if (!p.prevRandao().equals(attributes.prevRandao())) {
      return Optional.of("prevRandao " + p.prevRandao() + ", expected " + attributes.prevRandao());
    }
    if (!p.feeRecipient().equals(attributes.suggestedFeeRecipient())) {
      return Optional.of("fee recipient " + p.feeRecipient() + " differs");
    }
    List<Bytes> txs = p.transactions();
    if (txs.size() != attributes.transactions().size()) {
      return Optional.of(
          txs.size() + " transactions, expected " + attributes.transactions().size());
    }
    for (int i = 0; i < txs.size(); i++) {
      if (!txs.get(i).equals(attributes.transactions().get(i))) {
        return Optional.of("transaction " + i + " differs");
      }
    }
    if (attributes.gasLimit().isEmpty() || attributes.gasLimit().getAsLong() != p.gasLimit()) {
      return Optional.of("gas limit " + p.gasLimit() + ", expected " + attributes.gasLimit());
    }
    if (!p.withdrawals().equals(attributes.withdrawals())) {
      return Optional.of("withdrawals differ");
    }
    if (!block.parentBeaconBlockRoot().equals(attributes.parentBeaconBlockRoot())) {
      return Optional.of("parent beacon block root differs");
    }
    if (config.isActive(OpFork.HOLOCENE, p.timestamp())) {
      return eip1559Mismatch(config, attributes, p.extraData());
    }
    return Optional.empty();
  }

  /**
   * Holocene blocks carry their EIP-1559 denominator and elasticity in the extra data (version 0,
   * two big-endian uint32); zero parameters in the attributes stand for the chain's pre-Holocene
   * constants, as the engine reads them (holocene/exec-engine.md).
   */
  private static Optional<String> eip1559Mismatch(
      RollupConfig config, PayloadAttributes attributes, Bytes extraData) {
    if (attributes.minBaseFee().isPresent()) {
      return Optional.of("Jovian's minBaseFee extra data is not supported yet");
    }
    if (attributes.eip1559Params().isEmpty()) {
      return Optional.of("Holocene attributes without eip1559Params");
    }
    ByteBuffer params = ByteBuffer.wrap(attributes.eip1559Params().get().toArray());
    long denominator = Integer.toUnsignedLong(params.getInt());
    long elasticity = Integer.toUnsignedLong(params.getInt());
    if (denominator == 0 && elasticity == 0) {
      OptimismConfig op =
          config
              .chainOpConfig()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "rollup config has no chain_op_config for Holocene's default"
                              + " EIP-1559 parameters"));
      denominator = op.eip1559DenominatorCanyon().orElse(op.eip1559Denominator());
      elasticity = op.eip1559Elasticity();
    }
    ByteBuffer expected = ByteBuffer.allocate(9);
    expected.put((byte) 0).putInt((int) denominator).putInt((int) elasticity);
    if (!extraData.equals(Bytes.wrap(expected.array()))) {
      return Optional.of(
          "extra data "
              + extraData
              + ", expected EIP-1559 parameters "
              + denominator
              + "/"
              + elasticity);
    }
    return Optional.empty();
  }
}
