package io.merapi.types.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.rlp.RlpException;

/**
 * Any bytes decode to a header (or a block) that re-encodes to those bytes, or are refused with
 * RlpException.
 */
class BlockDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeIsStrictAndTotal(byte[] input) {
    try {
      Header header = Header.decode(input);
      assertThat(header.encoded()).isEqualTo(input);
    } catch (RlpException refused) {
      // the documented outcome for malformed input
    }
    try {
      Block block = Block.decode(input);
      assertThat(block.encoded()).isEqualTo(input);
    } catch (RlpException refused) {
      // the documented outcome for malformed input
    }
  }
}
