package io.merapi.derive.blob;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Bytes;
import java.util.Arrays;

/**
 * Any blob (the input, zero-padded or cut to 131,072 bytes) either decodes or is refused with
 * {@link BlobFormatException}; a blob that decodes is exactly the encoding of its data, so the
 * strict decoding makes the encoding a bijection.
 */
class BlobFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodingIsStrictAndTotal(byte[] input) {
    Bytes blob = Bytes.wrap(Arrays.copyOf(input, BlobEncoding.BLOB_SIZE));
    Bytes data;
    try {
      data = BlobEncoding.decode(blob);
    } catch (BlobFormatException refused) {
      return;
    }
    assertThat(BlobEncoding.encode(data)).isEqualTo(blob);
  }
}
