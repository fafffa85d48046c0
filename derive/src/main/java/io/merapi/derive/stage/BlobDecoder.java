package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import java.util.Optional;

/**
 * Turns a 131,072-byte blob back into the batcher data it carries (ecotone/derivation.md "Blob
 * Encoding"). A blob that is not validly encoded is ignored: empty.
 */
@FunctionalInterface
public interface BlobDecoder {
  Optional<Bytes> decode(Bytes blob);
}
