package io.merapi.derive.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.testing.RandomBatches;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SingularBatchCodecTest {

  @Test
  void randomBatchesRoundTrip() {
    Random random = new Random(0x543331);
    for (int i = 0; i < 20; i++) {
      SingularBatch batch = RandomBatches.singularBatch(random, random.nextInt(10), 333);
      BatchData data = new BatchData.Singular(batch);
      Bytes encoded = data.encode();
      assertThat(encoded.get(0)).isEqualTo((byte) 0);
      assertThat(BatchData.decode(encoded)).isEqualTo(data);
    }
  }

  @Test
  void theEncodingIsTheSpecsList() {
    SingularBatch batch =
        new SingularBatch(Hash.ZERO, 5, Hash.ZERO, 6, List.of(Bytes.fromHex("0x02c0")));
    // 0x00 ++ rlp([32 zero bytes, 5, 32 zero bytes, 6, [0x02c0 as a string]])
    assertThat(new BatchData.Singular(batch).encode().toHex())
        .isEqualTo("0x00f848a0" + "00".repeat(32) + "05a0" + "00".repeat(32) + "06c38202c0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // not a list
        "0x80",
        // four fields
        "0xc480808080",
        // a short parent hash
        "0xc5820000808080c0",
        // an integer with a leading zero
        "0xe7a0"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "8200018080c0",
        // a transaction as a list, not a byte string
        "0xe6a0"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "80a0"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "80c1c0",
        // six fields
        "0xe6a0"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "80a0"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "80c080"
      })
  void malformedContentsAreRefused(String hex) {
    byte[] data = Bytes.fromHex(hex).toArray();
    assertThatThrownBy(() -> SingularBatchCodec.decode(data, 0, data.length))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageStartingWith("singular batch: ");
  }
}
