package io.merapi.types.json;

import io.merapi.base.uint.UInt256;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The L1 data fee fields op-geth adds to the receipt of every non-deposit transaction on an OP
 * chain (specs: protocol/exec-engine.md, "L1-Cost fees"). Which are present depends on the
 * hardfork: {@code l1FeeScalar} (a decimal string) only before Ecotone, the blob fields and scalars
 * from Ecotone, the operator fee from Isthmus.
 */
public record L1FeeInfo(
    Optional<UInt256> l1GasPrice,
    Optional<UInt256> l1GasUsed,
    Optional<UInt256> l1Fee,
    Optional<String> l1FeeScalar,
    Optional<UInt256> l1BlobBaseFee,
    OptionalLong l1BaseFeeScalar,
    OptionalLong l1BlobBaseFeeScalar,
    OptionalLong operatorFeeScalar,
    OptionalLong operatorFeeConstant) {}
