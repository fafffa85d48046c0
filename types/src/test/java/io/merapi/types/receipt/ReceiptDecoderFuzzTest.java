package io.merapi.types.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.rlp.RlpException;

/**
 * Any bytes decode to a receipt that re-encodes to those bytes, or are refused with RlpException.
 */
class ReceiptDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeIsStrictAndTotal(byte[] input) {
    Receipt receipt;
    try {
      receipt = Receipt.decode(input);
    } catch (RlpException refused) {
      return;
    }
    assertThat(receipt.encoded()).isEqualTo(input);
  }
}
