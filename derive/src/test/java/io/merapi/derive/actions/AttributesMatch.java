package io.merapi.derive.actions;

import io.merapi.base.bytes.Bytes;
import io.merapi.state.op.Eip1559Params;
import io.merapi.state.op.OpChainRules;
import io.merapi.types.block.Header;
import io.merapi.types.engine.PayloadAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Whether derived attributes describe an unsafe block already built (op-node's {@code
 * AttributesMatchBlock}, used to consolidate the unsafe chain into the safe one instead of building
 * the block again): the same parent, time, randomness, transactions byte for byte, gas limit,
 * withdrawals, beacon root and fee recipient, and from Holocene the same EIP-1559 parameters in the
 * extraData.
 */
final class AttributesMatch {
  private AttributesMatch() {}

  /** Why {@code block} is not what {@code attributes} build, or empty if it is. */
  static Optional<String> mismatch(
      OpChainRules rules,
      PayloadAttributes attributes,
      L2Chain.L2Block parent,
      L2Chain.L2Block block) {
    Header h = block.header();
    if (!h.parentHash().equals(parent.hash())) {
      return Optional.of("parent hash " + h.parentHash() + ", expected " + parent.hash());
    }
    if (attributes.timestamp() != h.timestamp()) {
      return Optional.of("timestamp " + h.timestamp() + ", expected " + attributes.timestamp());
    }
    if (!attributes.prevRandao().equals(h.mixHash())) {
      return Optional.of("prevRandao differs");
    }
    List<Bytes> txs = block.transactions().stream().map(tx -> Bytes.wrap(tx.encoded())).toList();
    if (txs.size() != attributes.transactions().size()) {
      return Optional.of(
          "transaction count " + txs.size() + ", expected " + attributes.transactions().size());
    }
    for (int i = 0; i < txs.size(); i++) {
      if (!txs.get(i).equals(attributes.transactions().get(i))) {
        return Optional.of("transaction " + i + " differs");
      }
    }
    if (attributes.gasLimit().isEmpty() || attributes.gasLimit().getAsLong() != h.gasLimit()) {
      return Optional.of("gas limit " + h.gasLimit() + ", expected " + attributes.gasLimit());
    }
    if (attributes.withdrawals().isPresent() != h.withdrawalsRoot().isPresent()
        || attributes.withdrawals().map(w -> !w.isEmpty()).orElse(false)) {
      return Optional.of("withdrawals differ");
    }
    if (!attributes.parentBeaconBlockRoot().equals(h.parentBeaconBlockRoot())) {
      return Optional.of("parent beacon block root differs");
    }
    if (!attributes.suggestedFeeRecipient().equals(h.coinbase())) {
      return Optional.of("fee recipient differs");
    }
    Bytes extraData =
        rules.extraData(
            h.number(),
            h.timestamp(),
            attributes.eip1559Params().map(Eip1559Params::fromAttributes));
    if (!extraData.equals(h.extraData())) {
      return Optional.of("EIP-1559 parameters differ");
    }
    return Optional.empty();
  }
}
