package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.util.List;

/** What must hold for any input to the decoders; shared by the fuzz targets and properties. */
final class NodeChecks {
  private NodeChecks() {}

  /** Any bytes decode to a node that encodes back to exactly them, or are refused. */
  static void decodeIsStrictAndTotal(byte[] input) {
    Node node;
    try {
      node = NodeDecoder.decode(input, null);
    } catch (InvalidNodeException refused) {
      return;
    }
    NodeEncoder encoder = new NodeEncoder();
    assertThat(encoder.copy(encoder.encode(node))).isEqualTo(input);
  }

  /** Any proof is either an answer or an {@link InvalidProofException}, nothing else. */
  static void verifyIsTotal(Hash root, byte[] key, List<Bytes> proof) {
    try {
      ProofVerifier.verify(root, key, proof);
    } catch (InvalidProofException refused) {
      // expected for almost every random proof
    }
  }
}
