package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.types.config.Fork;

/**
 * Any bytes either decode to a transaction that encodes back to exactly those bytes, or are refused
 * with {@link RlpException}; a decoded transaction is then either valid or refused with {@link
 * InvalidTransactionException}. Any other exception fails the run. Covers the canonical, network
 * and block-body forms.
 */
class TransactionDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeIsStrictAndTotal(byte[] input) {
    try {
      Transaction tx = TransactionDecoder.decode(input);
      assertThat(tx.encoded()).isEqualTo(input);
      validate(tx);
    } catch (RlpException refused) {
      // the documented outcome for malformed input
    }
    try {
      Transaction tx = TransactionDecoder.decodeNetwork(input);
      assertThat(tx.networkEncoded()).isEqualTo(input);
    } catch (RlpException refused) {
      // the documented outcome for malformed input
    }
    try {
      RlpReader reader = RlpReader.of(input);
      TransactionDecoder.readListFrom(reader);
      reader.ensureEnd();
    } catch (RlpException refused) {
      // the documented outcome for malformed input
    }
  }

  private static void validate(Transaction tx) {
    for (TransactionValidator validator :
        new TransactionValidator[] {
          TransactionValidator.l1(1, Fork.PRAGUE), TransactionValidator.opStack(10, Fork.CANCUN)
        }) {
      try {
        validator.validate(tx);
      } catch (InvalidTransactionException invalid) {
        // a decodable but invalid transaction
      }
    }
  }
}
